using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Email;

/// <summary>
/// The set-based form of <see cref="OutboxWriter"/>: one INSERT for a whole batch of messages, skipping keys that
/// already exist, in the caller's transaction. Returns the idempotency keys actually inserted.
/// </summary>
public static class OutboxBatchWriter
{
    public static async Task<HashSet<string>> EnqueueAsync(ArCollectDbContext db, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return [];
        }

        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Outbox writes need a tenant.");
        foreach (var m in messages.Where(m => m.Id == Guid.Empty))
        {
            m.Id = Guid.CreateVersion7();
        }

        var ids = messages.Select(m => m.Id).ToArray();
        var keys = messages.Select(m => m.IdempotencyKey).ToArray();
        var kinds = messages.Select(m => m.Kind.ToString()).ToArray();
        var channels = messages.Select(m => m.Channel.ToString()).ToArray();
        var customers = messages.Select(m => m.CustomerId).ToArray();
        var to = messages.Select(m => m.ToAddresses).ToArray();
        var from = messages.Select(m => m.FromAddress).ToArray();
        var replyTo = messages.Select(m => m.ReplyTo).ToArray();
        var subjects = messages.Select(m => m.Subject).ToArray();
        var texts = messages.Select(m => m.TextBody).ToArray();
        var htmls = messages.Select(m => m.HtmlBody).ToArray();
        var messageIds = messages.Select(m => m.MessageId).ToArray();
        var statuses = messages.Select(m => m.Status.ToString()).ToArray();
        var errors = messages.Select(m => m.LastError).ToArray();
        var notBefore = messages.Select(m => m.NotBefore).ToArray();
        var created = messages.Select(m => m.CreatedAt).ToArray();
        var inserted = await db.Database.SqlQuery<string>($"""
            INSERT INTO outbox_messages (id, tenant_id, idempotency_key, kind, channel, customer_id, to_addresses, from_address, reply_to,
                subject, text_body, html_body, message_id, status, last_error, attempts, not_before, next_attempt_at, created_at)
            SELECT t.id, {tenantId}, t.key, t.kind, t.channel, t.customer, t.to_addr, t.from_addr, t.reply_to, t.subject, t.text_body, t.html_body,
                   t.message_id, t.status, t.last_error, 0, t.not_before, t.not_before, t.created
            FROM unnest({ids}, {keys}, {kinds}, {channels}, {customers}, {to}, {from}, {replyTo}, {subjects}, {texts}, {htmls}, {messageIds},
                        {statuses}, {errors}, {notBefore}, {created})
                 AS t(id, key, kind, channel, customer, to_addr, from_addr, reply_to, subject, text_body, html_body, message_id, status, last_error, not_before, created)
            ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
            RETURNING idempotency_key AS "Value"
            """).ToListAsync(cancellationToken);
        return inserted.ToHashSet(StringComparer.Ordinal);
    }
}
