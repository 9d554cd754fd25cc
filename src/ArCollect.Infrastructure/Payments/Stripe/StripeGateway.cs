using ArCollect.Domain.Payments;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace ArCollect.Infrastructure.Payments.Stripe;

/// <summary>Where Stripe's API is, bound from the <c>Stripe</c> section; empty means Stripe's own address.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? ApiBase { get; set; }
}

/// <summary>One line of a checkout: an invoice and the amount asked, in the currency's smallest unit.</summary>
public sealed record CheckoutLine(string Name, long UnitAmount);

/// <summary>What the portal asks Stripe for: a card payment of these lines in one currency, and where to come back.</summary>
public sealed record CheckoutRequest(
    string SecretKey,
    string Currency,
    IReadOnlyList<CheckoutLine> Lines,
    CheckoutMetadata Metadata,
    string SuccessUrl,
    string CancelUrl,
    string? CustomerEmail,
    string Locale,
    string IdempotencyKey);

public sealed record CheckoutSessionCreated(string Id, string Url);

/// <summary>Stripe's fee for one payment, in the currency of the balance it was taken from.</summary>
public sealed record ProviderFee(decimal Amount, string Currency);

/// <summary>The only calls ArCollect makes to Stripe; everything else comes in through the signed webhook.</summary>
public interface IStripeGateway
{
    Task<CheckoutSessionCreated> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken cancellationToken);

    Task<ProviderFee> GetFeeAsync(string secretKey, string balanceTransactionId, CancellationToken cancellationToken);
}

/// <summary>Stripe.net's own services against Stripe's API (or the configured base address).</summary>
public sealed class StripeGateway(IOptions<StripeOptions> options) : IStripeGateway
{
    public async Task<CheckoutSessionCreated> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        var metadata = request.Metadata.ToDictionary();
        var session = await new SessionService(Client(request.SecretKey)).CreateAsync(
            new SessionCreateOptions
            {
                Mode = "payment",
                SuccessUrl = request.SuccessUrl,
                CancelUrl = request.CancelUrl,
                CustomerEmail = request.CustomerEmail,
                ClientReferenceId = request.Metadata.CustomerId.ToString(),
                Locale = request.Locale,
                Metadata = metadata,
                PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
                LineItems = request.Lines.Select(l => new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Currency.ToLowerInvariant(),
                        UnitAmount = l.UnitAmount,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = l.Name },
                    },
                }).ToList(),
            },
            new RequestOptions { IdempotencyKey = request.IdempotencyKey },
            cancellationToken);
        return new CheckoutSessionCreated(session.Id, session.Url);
    }

    public async Task<ProviderFee> GetFeeAsync(string secretKey, string balanceTransactionId, CancellationToken cancellationToken)
    {
        var transaction = await new BalanceTransactionService(Client(secretKey)).GetAsync(balanceTransactionId, cancellationToken: cancellationToken);
        var currency = transaction.Currency.ToUpperInvariant();
        return new ProviderFee(CheckoutMetadata.FromMinorUnits(transaction.Fee, currency), currency);
    }

    private StripeClient Client(string secretKey) =>
        new(secretKey, apiBase: string.IsNullOrWhiteSpace(options.Value.ApiBase) ? null : options.Value.ApiBase.TrimEnd('/'));
}

/// <summary>Encrypts the tenant's Stripe secrets at rest, with the app's Data Protection keys (as mail passwords are).</summary>
public sealed class StripeSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("ArCollect.Payments.StripeSettings.v1");

    public string? Protect(string? secret) => string.IsNullOrEmpty(secret) ? null : protector.Protect(secret);

    public string? Unprotect(string? stored) => string.IsNullOrEmpty(stored) ? null : protector.Unprotect(stored);
}
