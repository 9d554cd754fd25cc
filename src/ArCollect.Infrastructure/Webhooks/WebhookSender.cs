using ArCollect.Domain.Messaging;
using ArCollect.Domain.Tenancy;
using ArCollect.Domain.Webhooks;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ArCollect.Infrastructure.Webhooks;

/// <summary>
/// Delivers the current tenant's due webhook deliveries. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> and a
/// hold, so two senders never post the same delivery at once; each attempt is logged with its status code and
/// duration; a failure is retried with exponential backoff, and an endpoint failing
/// <see cref="WebhookOptions.DisableAfterFailures"/> times in a row is disabled and the Admins are emailed, in the
/// same transaction as the attempt that disabled it.
/// </summary>
public sealed class WebhookSender(
    ArCollectDbContext db, WebhookHttp http, IDataProtectionProvider protection, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookSender> logger)
{
    public static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);

    public const string ProtectorPurpose = "ArCollect.Webhooks.Secret.v1";

    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await EnqueueOverdueAsync(cancellationToken);
        var delivered = 0;
        while (true)
        {
            var ids = await ClaimAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return delivered;
            }

            foreach (var id in ids)
            {
                delivered += (await AttemptAsync(id, cancellationToken))?.Succeeded == true ? 1 : 0;
            }
        }
    }

    /// <summary>Announces invoices that fell overdue since each endpoint subscribed (once per invoice and endpoint).</summary>
    public async Task<int> EnqueueOverdueAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return await db.Database.ExecuteSqlRawAsync(WebhookEventsSql.EnqueueOverdue,
            [new NpgsqlParameter("tenant", db.CurrentTenantId!.Value), new NpgsqlParameter("today", today)], cancellationToken);
    }

    /// <summary>Sends one claimed delivery (attempts already counted) and records the outcome; null if it is not this tenant's or not claimed.</summary>
    public async Task<WebhookResponse?> AttemptAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await db.Set<WebhookDelivery>().FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        var endpoint = delivery is null ? null : await db.Set<WebhookEndpoint>().FirstOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        if (delivery is null || endpoint is null || delivery.Status != WebhookDeliveryStatus.Sending)
        {
            return null;
        }

        var now = time.GetUtcNow();
        WebhookResponse response;
        if (!endpoint.Enabled)
        {
            // Disabled while it waited in this claim: it goes back to wait for the endpoint to be re-enabled.
            delivery.Status = WebhookDeliveryStatus.Pending;
            delivery.Attempts--;
            delivery.ClaimedUntil = null;
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        var secret = protection.CreateProtector(ProtectorPurpose).Unprotect(endpoint.SecretProtected);
        var (uri, urlError) = WebhookAddressRules.ParseUrl(endpoint.Url);
        response = uri is null
            ? new WebhookResponse(null, false, urlError, 0)
            : await http.PostAsync(uri, delivery.Payload, new Dictionary<string, string>
            {
                [WebhookSignature.Header] = WebhookSignature.Sign(secret, now.ToUnixTimeSeconds(), delivery.Payload),
                [WebhookSignature.IdHeader] = delivery.EventKey,
                [WebhookSignature.TypeHeader] = delivery.EventType,
            }, cancellationToken);

        await RecordAsync(endpoint, delivery, response, cancellationToken);
        return response;
    }

    private async Task RecordAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, WebhookResponse response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        db.Set<WebhookAttempt>().Add(new WebhookAttempt
        {
            Id = Guid.CreateVersion7(),
            DeliveryId = delivery.Id,
            EndpointId = endpoint.Id,
            At = now,
            StatusCode = response.StatusCode,
            DurationMs = response.DurationMs,
            Succeeded = response.Succeeded,
            Error = Clip(response.Error),
        });
        delivery.ClaimedUntil = null;
        delivery.LastStatusCode = response.StatusCode;
        delivery.LastError = Clip(response.Error);
        var alert = false;
        if (response.Succeeded)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            endpoint.ConsecutiveFailures = 0;
        }
        else
        {
            // A test event is tried once: the Admin sees its result at once and can press the button again.
            var last = delivery.Attempts >= WebhookRetry.MaxAttempts || delivery.EventType == WebhookEvents.Test;
            delivery.Status = last ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
            delivery.NextAttemptAt = last ? null : now + WebhookRetry.DelayAfter(delivery.Attempts);
            endpoint.ConsecutiveFailures++;
            if (endpoint.Enabled && endpoint.ConsecutiveFailures >= options.Value.DisableAfterFailures)
            {
                endpoint.Enabled = false;
                endpoint.DisabledAt = now;
                endpoint.DisabledReason = Clip($"{endpoint.ConsecutiveFailures} attempts in a row failed; the last: {response.Error}");
                alert = true;
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (alert)
        {
            await AlertAdminsAsync(endpoint, cancellationToken);
            logger.LogWarning("Disabled webhook endpoint {EndpointId} of {TenantId} after {Failures} failures", endpoint.Id, db.CurrentTenantId, endpoint.ConsecutiveFailures);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task AlertAdminsAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId!.Value;
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where u.TenantId == tenantId && r.Name == Roles.Admin && u.Email != null
                            select u.Email!).Distinct().ToListAsync(cancellationToken);
        if (admins.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var subject = $"Webhook endpoint {endpoint.Url} was disabled after {endpoint.ConsecutiveFailures} failed deliveries";
        await OutboxWriter.EnqueueAsync(db, new OutboxMessage
        {
            IdempotencyKey = $"webhook-disabled:{endpoint.Id}:{endpoint.DisabledAt!.Value.ToUnixTimeSeconds()}",
            Kind = MessageKind.ManagerAlert,
            ToAddresses = string.Join(", ", admins.Order(StringComparer.Ordinal)),
            Subject = subject,
            TextBody = subject + ".\n\n" + endpoint.DisabledReason + "\n\nEvents are no longer sent to it. Fix the receiver, then re-enable the endpoint "
                + "under Settings > Webhooks; deliveries still waiting are sent once it is enabled again.",
            MessageId = $"<{Guid.CreateVersion7():N}@arcollect.alerts>",
            NotBefore = now,
            CreatedAt = now,
        }, cancellationToken);
    }

    private async Task<List<Guid>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + Hold;
        var tenantId = db.CurrentTenantId;
        var size = options.Value.BatchSize;
        return await db.Database.SqlQuery<Guid>($"""
            UPDATE webhook_deliveries SET status = 'Sending', claimed_until = {until}, attempts = attempts + 1
            WHERE tenant_id = {tenantId} AND id IN (
                SELECT d.id FROM webhook_deliveries d
                JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.tenant_id = d.tenant_id
                WHERE d.tenant_id = {tenantId} AND e.enabled
                  AND ((d.status = 'Pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= {now}))
                    OR (d.status = 'Sending' AND d.claimed_until < {now}))
                ORDER BY d.next_attempt_at NULLS FIRST, d.created_at
                LIMIT {size}
                FOR UPDATE OF d SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
    }

    private static string? Clip(string? text) => text is { Length: > 1000 } ? text[..1000] : text;
}
