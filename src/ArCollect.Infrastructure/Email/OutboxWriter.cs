using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Email;

/// <summary>
/// Writes messages to the outbox inside the caller's transaction. A message whose idempotency key is already
/// there is skipped, so running the same decision twice never produces a second email.
/// </summary>
public static class OutboxWriter
{
    /// <summary>Inserts the message unless its key exists; returns whether it was inserted.</summary>
    public static async Task<bool> EnqueueAsync(ArCollectDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Outbox writes need a tenant.");
        var id = message.Id == Guid.Empty ? Guid.CreateVersion7() : message.Id;
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (id, tenant_id, idempotency_key, kind, customer_id, to_addresses, from_address, reply_to,
                subject, text_body, html_body, message_id, in_reply_to, status, attempts, not_before, next_attempt_at, created_at)
            VALUES ({id}, {tenantId}, {message.IdempotencyKey}, {message.Kind.ToString()}, {message.CustomerId}, {message.ToAddresses},
                {message.FromAddress}, {message.ReplyTo}, {message.Subject}, {message.TextBody}, {message.HtmlBody}, {message.MessageId},
                {message.InReplyTo}, {OutboxStatus.Pending.ToString()}, 0, {message.NotBefore}, {message.NotBefore}, {message.CreatedAt})
            ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
            """, cancellationToken);
        return inserted == 1;
    }
}
