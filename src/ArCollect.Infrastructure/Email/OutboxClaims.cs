using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Email;

/// <summary>
/// Claims due outbox rows of the current tenant and one channel in one statement (<c>FOR UPDATE SKIP LOCKED</c>):
/// status Sending, a hold, a fresh claim token, one more attempt. Email and SMS senders claim their own rows this way.
/// </summary>
public static class OutboxClaims
{
    public static async Task<List<OutboxMessage>> ClaimAsync(
        ArCollectDbContext db, Guid token, DateTimeOffset now, TimeSpan hold, int size, MessageChannel channel, CancellationToken cancellationToken)
    {
        var claimUntil = now + hold;
        var tenantId = db.CurrentTenantId;
        var channelName = channel.ToString();
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE outbox_messages SET status = 'Sending', claimed_until = {claimUntil}, claim_token = {token}, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE tenant_id = {tenantId} AND channel = {channelName} AND attempts < {RetryPolicy.MaxAttempts}
                  AND ((status = 'Pending' AND next_attempt_at <= {now} AND not_before <= {now})
                    OR (status = 'Sending' AND claimed_until < {now}))
                ORDER BY next_attempt_at
                LIMIT {size}
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        return await db.OutboxMessages.AsNoTracking().Include(m => m.Attachments).Where(m => ids.Contains(m.Id)).OrderBy(m => m.NextAttemptAt).ToListAsync(cancellationToken);
    }
}
