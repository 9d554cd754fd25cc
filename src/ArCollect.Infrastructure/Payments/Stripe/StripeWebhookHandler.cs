using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Stripe;
using Stripe.Checkout;

namespace ArCollect.Infrastructure.Payments.Stripe;

/// <summary>What a webhook delivery did; the endpoint turns it into the status Stripe reads.</summary>
public enum StripeWebhookOutcome
{
    /// <summary>A card payment was recorded (or its fee added).</summary>
    Recorded,

    /// <summary>This event or checkout session was already recorded: nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>A genuine event ArCollect has nothing to do with.</summary>
    Ignored,

    /// <summary>No usable signature for this tenant, or a payload that is not a Stripe event: nothing changed.</summary>
    Rejected,

    /// <summary>Could not be done now (the payment did not record, Stripe did not answer); Stripe sends it again.</summary>
    RetryLater,
}

/// <summary>
/// Turns a signed Stripe webhook into a payment: checks the signature with the tenant's signing secret, reads which
/// invoices the checkout was for from the session's metadata, caps each at what is still open at this moment (the rest
/// stays on the customer's account as unapplied credit), and records it through <see cref="PaymentRecorder"/> as a
/// clerk's card payment would be. The event and the session are stored with the payment in one transaction, each unique
/// per tenant, so a replayed or repeated event records nothing. Stripe's fee arrives later, with the charge.
/// </summary>
public sealed partial class StripeWebhookHandler(
    ArCollectDbContext db, TenantContext tenant, StripeSecrets secrets, PaymentRecorder recorder, IStripeGateway gateway, TimeProvider time, ILogger<StripeWebhookHandler> logger)
{
    /// <summary>How old a signed delivery may be, in seconds (Stripe's own default); older ones are refused as replays.</summary>
    public const long ToleranceSeconds = 300;

    private const string UniqueViolation = PostgresErrorCodes.UniqueViolation;

    public async Task<StripeWebhookOutcome> HandleAsync(Guid tenantId, string json, string? signature, CancellationToken cancellationToken)
    {
        if (tenantId == Guid.Empty || string.IsNullOrWhiteSpace(signature))
        {
            return StripeWebhookOutcome.Rejected;
        }

        tenant.Set(tenantId);
        var settings = await db.StripeSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var secret = secrets.Unprotect(settings?.WebhookSecretProtected);
        if (settings is null || secret is null)
        {
            return StripeWebhookOutcome.Rejected;
        }

        Event stripeEvent;
        try
        {
            // Stripe sends events in the API version of the endpoint, which need not be this library's.
            stripeEvent = EventUtility.ConstructEvent(json, signature, secret, ToleranceSeconds, time.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        // Whatever reading a signed body throws (a Stripe error, a JSON error of either serializer, a cast) means it is
        // not an event; parsing touches nothing, so refusing it loses nothing.
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRefused(tenantId, $"{ex.GetType().Name}: {ex.Message}");
            return StripeWebhookOutcome.Rejected;
        }

        return stripeEvent.Type switch
        {
            EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded => await RecordPaymentAsync(stripeEvent, cancellationToken),
            EventTypes.ChargeSucceeded or EventTypes.ChargeUpdated => await RecordFeeAsync(stripeEvent, settings, cancellationToken),
            _ => StripeWebhookOutcome.Ignored,
        };
    }

    private async Task<StripeWebhookOutcome> RecordPaymentAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        // A session paid by a delayed method completes unpaid; its async_payment_succeeded event brings the money.
        if (stripeEvent.Data.Object is not Session { PaymentStatus: "paid", AmountTotal: > 0 } session || string.IsNullOrEmpty(session.Currency))
        {
            return StripeWebhookOutcome.Ignored;
        }

        var tenantId = tenant.RequiredTenantId;
        var metadata = CheckoutMetadata.Read(session.Metadata);
        if (metadata is null || metadata.TenantId != tenantId)
        {
            LogNotOurs(tenantId, session.Id);
            return StripeWebhookOutcome.Ignored;
        }

        if (await db.CardPayments.AnyAsync(c => c.EventId == stripeEvent.Id || c.CheckoutSessionId == session.Id, cancellationToken))
        {
            return StripeWebhookOutcome.AlreadyRecorded;
        }

        var currency = session.Currency.ToUpperInvariant();
        var amount = CheckoutMetadata.FromMinorUnits(session.AmountTotal!.Value, currency);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The open amounts of the checkout's invoices at this moment, under the lock the recorder takes too (in the same
        // order), so money asked at checkout for an invoice paid since then stays on the account instead of over-paying it.
        var open = await OpenInvoiceLocks.ForUpdate(db, tenantId, metadata.CustomerId, metadata.Items.Select(i => i.InvoiceId).Distinct().ToArray())
            .AsNoTracking()
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var allocations = new List<AllocationRequest>();
        var left = amount;
        foreach (var item in metadata.Items)
        {
            if (open.TryGetValue(item.InvoiceId, out var invoice) && invoice.Currency == currency && invoice.State == InvoiceState.Issued)
            {
                var applied = Math.Min(Math.Min(item.Amount, invoice.OpenAmount), left);
                if (applied > 0m)
                {
                    allocations.Add(new AllocationRequest(invoice.Id, applied));
                    left -= applied;
                }
            }
        }

        var result = await recorder.RecordAsync(new RecordPaymentInput
        {
            CustomerId = metadata.CustomerId,
            Amount = amount,
            Currency = currency,
            ReceivedOn = DateOnly.FromDateTime(stripeEvent.Created),
            Reference = $"Stripe {session.PaymentIntentId ?? session.Id}",
            Method = Domain.Payments.PaymentMethod.Card,
            Allocations = allocations,
            KeepUnapplied = allocations.Count == 0,
        }, cancellationToken);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            LogNotRecorded(tenantId, session.Id, string.Join("; ", result.Errors.Select(e => e.Message)));
            return result.Errors.Any(e => e.Field == nameof(RecordPaymentInput.Reference)) ? StripeWebhookOutcome.AlreadyRecorded : StripeWebhookOutcome.RetryLater;
        }

        db.CardPayments.Add(new CardPayment
        {
            Id = Guid.CreateVersion7(),
            CustomerId = metadata.CustomerId,
            PaymentId = result.Payment!.Id,
            EventId = stripeEvent.Id,
            CheckoutSessionId = session.Id,
            PaymentIntentId = session.PaymentIntentId,
            Amount = amount,
            Currency = currency,
            ConfirmedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: UniqueViolation })
        {
            // The same event delivered twice at once: the other delivery recorded it.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return StripeWebhookOutcome.AlreadyRecorded;
        }

        return StripeWebhookOutcome.Recorded;
    }

    /// <summary>
    /// Stripe's fee sits on the charge's balance transaction, which events name by id; it is read from Stripe once the
    /// card payment is recorded, and kept apart from the payment.
    /// </summary>
    private async Task<StripeWebhookOutcome> RecordFeeAsync(Event stripeEvent, StripeSettings settings, CancellationToken cancellationToken)
    {
        if (stripeEvent.Data.Object is not Charge { PaymentIntentId: { } intent } charge || charge.BalanceTransactionId is null)
        {
            return StripeWebhookOutcome.Ignored;
        }

        var card = await db.CardPayments.FirstOrDefaultAsync(c => c.PaymentIntentId == intent, cancellationToken);
        if (card is null || card.Fee is not null)
        {
            return card is null ? StripeWebhookOutcome.Ignored : StripeWebhookOutcome.AlreadyRecorded;
        }

        ProviderFee fee;
        if (charge.BalanceTransaction is { Currency: not null } expanded)
        {
            fee = new ProviderFee(CheckoutMetadata.FromMinorUnits(expanded.Fee, expanded.Currency.ToUpperInvariant()), expanded.Currency.ToUpperInvariant());
        }
        else
        {
            try
            {
                fee = await gateway.GetFeeAsync(secrets.Unprotect(settings.SecretKeyProtected) ?? "", charge.BalanceTransactionId, cancellationToken);
            }
            catch (StripeException ex)
            {
                LogFeeUnavailable(tenant.RequiredTenantId, charge.BalanceTransactionId, ex.Message);
                return StripeWebhookOutcome.RetryLater;
            }
        }

        card.Fee = fee.Amount;
        card.FeeCurrency = fee.Currency;
        await db.SaveChangesAsync(cancellationToken);
        return StripeWebhookOutcome.Recorded;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe webhook for tenant {TenantId} refused: {Reason}")]
    private partial void LogRefused(Guid tenantId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe checkout session {SessionId} for tenant {TenantId} carries no ArCollect metadata of that tenant; ignored")]
    private partial void LogNotOurs(Guid tenantId, string sessionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Card payment of Stripe checkout session {SessionId} for tenant {TenantId} was not recorded: {Errors}")]
    private partial void LogNotRecorded(Guid tenantId, string sessionId, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe fee of balance transaction {BalanceTransactionId} for tenant {TenantId} could not be read: {Reason}")]
    private partial void LogFeeUnavailable(Guid tenantId, string balanceTransactionId, string reason);
}
