using ArCollect.Domain.Activities;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Common;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Twilio.Security;

namespace ArCollect.Infrastructure.Sms;

/// <summary>
/// Twilio's callbacks for one tenant: delivery status of sent SMS and inbound replies (STOP opts out, START opts back
/// in). Each request is checked with Twilio's <see cref="RequestValidator"/> against the tenant's auth token before
/// anything is read or changed; a request that fails the check or lacks its fields changes nothing.
/// </summary>
public sealed class TwilioWebhooks(ArCollectDbContext db, TenantContext tenant, SmsSecrets secrets, TimeProvider time, ILogger<TwilioWebhooks> logger)
{
    // Later statuses never give way to earlier ones arriving late.
    private static readonly Dictionary<string, int> Rank = new(StringComparer.OrdinalIgnoreCase)
    {
        ["accepted"] = 0,
        ["scheduled"] = 0,
        ["queued"] = 1,
        ["sending"] = 2,
        ["sent"] = 3,
        ["delivered"] = 4,
        ["undelivered"] = 4,
        ["failed"] = 4,
        ["canceled"] = 4,
        ["read"] = 5,
    };

    /// <summary>Whether the request carries a valid signature of this tenant's Twilio auth token.</summary>
    public async Task<bool> VerifyAsync(Guid tenantId, string url, IDictionary<string, string> form, string? signature, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(signature) || !await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            return false;
        }

        tenant.Set(tenantId);
        var settings = await db.TenantSmsSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var token = settings is null ? null : secrets.Unprotect(settings.AuthTokenProtected);
        if (token is null)
        {
            return false;
        }

        var valid = new RequestValidator(token).Validate(url, form, signature);
        if (!valid)
        {
            logger.LogWarning("Twilio callback for {TenantId} refused: the signature does not match", tenantId);
        }

        return valid;
    }

    /// <summary>A delivery status callback; false when it lacks MessageSid or MessageStatus.</summary>
    public async Task<bool> StatusAsync(IDictionary<string, string> form, CancellationToken ct)
    {
        if (!form.TryGetValue("MessageSid", out var sid) || string.IsNullOrWhiteSpace(sid)
            || !form.TryGetValue("MessageStatus", out var status) || !Rank.TryGetValue(status, out var rank))
        {
            return false;
        }

        var row = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Channel == MessageChannel.Sms && m.ProviderMessageId == sid, ct);
        if (row is null || (row.ProviderStatus is { } current && Rank.GetValueOrDefault(current) >= rank))
        {
            return true;
        }

        row.ProviderStatus = status.ToLowerInvariant();
        if (row.ProviderStatus is "undelivered" or "failed" && row.Status == OutboxStatus.Sent)
        {
            var code = form.TryGetValue("ErrorCode", out var c) ? c : null;
            row.Status = OutboxStatus.DeadLetter;
            row.LastError = $"Twilio reported the SMS {row.ProviderStatus}" + (string.IsNullOrEmpty(code) ? "." : $" (error {code}).");
            Add(row.CustomerId, $"SMS not delivered to {row.ToAddresses}: {row.ProviderStatus}" + (string.IsNullOrEmpty(code) ? "" : $", Twilio error {code}"),
                $"{row.Subject}\nOpen: /Outbox/Message?id={row.Id}");
        }
        else if (row.ProviderStatus == "delivered")
        {
            Add(row.CustomerId, $"SMS delivered to {row.ToAddresses}", $"Twilio SID {sid}. Open: /Outbox/Message?id={row.Id}");
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>An SMS from a customer; false when it lacks From. STOP and START change consent of every contact with that number.</summary>
    public async Task<bool> InboundAsync(IDictionary<string, string> form, CancellationToken ct)
    {
        if (!form.TryGetValue("From", out var from) || string.IsNullOrWhiteSpace(from) || !form.TryGetValue("Body", out var body))
        {
            return false;
        }

        var now = time.GetUtcNow();
        var contacts = await db.Contacts.Where(c => c.Mobile == from).ToListAsync(ct);
        var keyword = SmsKeywords.Classify(body);
        foreach (var contact in contacts)
        {
            switch (keyword)
            {
                case SmsKeyword.OptOut:
                    contact.SmsOptedOutAt = now;
                    Add(contact.CustomerId, $"SMS opt-out: {contact.Name} ({from}) replied \"{body.Trim()}\"; no more SMS to this number", null);
                    break;
                case SmsKeyword.OptIn:
                    contact.SmsOptedOutAt = null;
                    contact.SmsConsentAt = now;
                    contact.SmsConsentSource = ColumnText.Fit($"{body.Trim().ToUpperInvariant()} reply by SMS from {from}", 200);
                    Add(contact.CustomerId, $"SMS opt-in: {contact.Name} ({from}) replied \"{body.Trim()}\"", null);
                    break;
                default:
                    Add(contact.CustomerId, ColumnText.Fit($"SMS reply from {contact.Name} ({from}): {body.Trim()}", 500), body);
                    break;
            }
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    private void Add(Guid? customerId, string summary, string? body)
    {
        if (customerId is { } id)
        {
            db.Activities.Add(new Activity { Id = Guid.CreateVersion7(), CustomerId = id, Type = ActivityType.Sms, At = time.GetUtcNow(), Summary = ColumnText.Fit(summary, 500), Body = body });
        }
    }
}
