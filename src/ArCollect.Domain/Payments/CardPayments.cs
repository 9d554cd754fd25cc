using ArCollect.Domain.Tenancy;
using FluentValidation;

namespace ArCollect.Domain.Payments;

/// <summary>
/// A tenant's Stripe account for card payments in the portal. The secret key and the webhook signing secret are stored
/// encrypted (ASP.NET Data Protection) and never shown again; a tenant without a row, or with it switched off, offers
/// no card payment.
/// </summary>
public class StripeSettings : ITenantOwned
{
    public Guid TenantId { get; set; }
    public bool Enabled { get; set; }
    public string? SecretKeyProtected { get; set; }
    public string? WebhookSecretProtected { get; set; }

    /// <summary>The last four characters of the secret key, so an admin can tell which key is saved.</summary>
    public string? SecretKeyHint { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsUsable => Enabled && SecretKeyProtected is not null && WebhookSecretProtected is not null;
}

/// <summary>
/// A card payment Stripe confirmed through a signed webhook: which event and checkout session it came from (each
/// unique per tenant, so a replayed or duplicated event records nothing), the payment it became, and Stripe's fee,
/// kept apart from the payment when the event reports it.
/// </summary>
public class CardPayment : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid PaymentId { get; set; }
    public required string EventId { get; set; }
    public required string CheckoutSessionId { get; set; }
    public string? PaymentIntentId { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public decimal? Fee { get; set; }
    public string? FeeCurrency { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }
}

/// <summary>The card payment settings form; empty secrets keep the saved ones.</summary>
public sealed class StripeSettingsInput
{
    public bool Enabled { get; set; }
    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }
}

public sealed class StripeSettingsInputValidator : AbstractValidator<StripeSettingsInput>
{
    public StripeSettingsInputValidator(bool hasSavedSecretKey, bool hasSavedWebhookSecret)
    {
        RuleFor(x => x.SecretKey)
            .Must(k => string.IsNullOrWhiteSpace(k) || IsKey(k.Trim(), "sk_") || IsKey(k.Trim(), "rk_"))
            .WithMessage("Enter the secret key from the Stripe dashboard: it starts with sk_live_, sk_test_ or rk_.");
        RuleFor(x => x.WebhookSecret)
            .Must(s => string.IsNullOrWhiteSpace(s) || IsKey(s.Trim(), "whsec_"))
            .WithMessage("Enter the webhook signing secret of this endpoint: it starts with whsec_.");
        When(x => x.Enabled, () =>
        {
            RuleFor(x => x.SecretKey).Must(k => hasSavedSecretKey || !string.IsNullOrWhiteSpace(k))
                .WithMessage("Card payments need the secret key.");
            RuleFor(x => x.WebhookSecret).Must(s => hasSavedWebhookSecret || !string.IsNullOrWhiteSpace(s))
                .WithMessage("Card payments need the webhook signing secret: without it no payment can be confirmed.");
        });
    }

    private static bool IsKey(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.Ordinal) && value.Length is > 12 and <= 255 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
