using ArCollect.Domain.Messaging;
using ArCollect.Domain.Portal;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ArCollect.Infrastructure.Portal;

/// <summary>What a code step did: sent, confirmed, or the reason it did not (a key of <see cref="PortalText"/>).</summary>
public sealed record PortalCodeResult(bool Succeeded, string? ErrorKey = null);

/// <summary>
/// The optional one-time code before disputes and plan requests from the portal: a six-digit code emailed through the
/// outbox to the customer's contact on file, stored as a keyed hash, valid for 15 minutes and 5 tries. Once confirmed,
/// the same link may send that form for 30 minutes.
/// </summary>
public sealed class PortalCodeService(ArCollectDbContext db, DunningOptions options, TimeProvider time)
{
    /// <summary>Whether the tenant asks for a code at all.</summary>
    public async Task<bool> RequiredAsync(CancellationToken ct) =>
        await db.PortalSettings.AsNoTracking().Select(s => s.RequireOneTimeCode).FirstOrDefaultAsync(ct);

    /// <summary>Whether this link confirmed a code for the purpose recently enough (or no code is needed).</summary>
    public async Task<bool> MayProceedAsync(Guid linkId, string purpose, CancellationToken ct)
    {
        if (!await RequiredAsync(ct))
        {
            return true;
        }

        var since = time.GetUtcNow() - PortalCodes.ConfirmedFor;
        return await db.PortalCodes.AsNoTracking().AnyAsync(c => c.PortalLinkId == linkId && c.Purpose == purpose && c.ConfirmedAt != null && c.ConfirmedAt >= since, ct);
    }

    /// <summary>Emails a new code to the customer's first deliverable contact (primary first); at most one a minute per link.</summary>
    public async Task<PortalCodeResult> SendAsync(Guid customerId, Guid linkId, string purpose, PortalText words, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var recent = now.AddMinutes(-1);
        if (await db.PortalCodes.AnyAsync(c => c.PortalLinkId == linkId && c.Purpose == purpose && c.CreatedAt > recent, ct))
        {
            return new PortalCodeResult(true);
        }

        var contact = await db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId && !c.Bounced && c.Email != "")
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Email).Select(c => new { c.Name, c.Email }).FirstOrDefaultAsync(ct);
        if (contact is null)
        {
            return new PortalCodeResult(false, "CodeNoContact");
        }

        var tenantName = await db.Tenants.AsNoTracking().Where(t => t.Id == db.CurrentTenantId).Select(t => t.Name).FirstAsync(ct);
        var from = await db.TenantMailSettings.AsNoTracking().Select(m => m.FromAddress).FirstOrDefaultAsync(ct);
        var code = PortalCodes.NewCode();
        var row = new PortalCode
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            PortalLinkId = linkId,
            Purpose = purpose,
            CodeHash = [],
            CreatedAt = now,
            ExpiresAt = now + PortalCodes.Lifetime,
        };
        row.CodeHash = PortalCodes.Hash(row.Id, code);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PortalCodes.Add(row);
        await db.SaveChangesAsync(ct);
        await OutboxWriter.EnqueueAsync(db, new OutboxMessage
        {
            IdempotencyKey = $"portal-code:{row.Id:N}",
            Kind = MessageKind.Notification,
            CustomerId = customerId,
            ToAddresses = new MailboxAddress(contact.Name, contact.Email).ToString(true),
            FromAddress = from,
            Subject = words.Format("CodeMailSubject", tenantName),
            TextBody = $"{words.Format("CodeMailBody", code, (int)PortalCodes.Lifetime.TotalMinutes)}\n\n{tenantName}",
            MessageId = MessageComposer.NewMessageId(options.MessageIdDomain),
            NotBefore = now,
            CreatedAt = now,
        }, ct);
        await transaction.CommitAsync(ct);
        return new PortalCodeResult(true);
    }

    /// <summary>Checks the entered code against the newest unexpired code of this link; each try counts, the sixth never matches.</summary>
    public async Task<PortalCodeResult> ConfirmAsync(Guid linkId, string purpose, string? entered, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var code = await db.PortalCodes
            .FromSql($"SELECT * FROM portal_codes WHERE tenant_id = {db.CurrentTenantId} AND portal_link_id = {linkId} AND purpose = {purpose} AND confirmed_at IS NULL AND expires_at > {now} ORDER BY created_at DESC LIMIT 1 FOR UPDATE")
            .FirstOrDefaultAsync(ct);
        if (code is null)
        {
            return new PortalCodeResult(false, "CodeExpired");
        }

        if (code.Attempts >= PortalCodes.MaxAttempts)
        {
            return new PortalCodeResult(false, "CodeTooMany");
        }

        code.Attempts++;
        var matches = PortalCodes.Matches(code, entered);
        if (matches)
        {
            code.ConfirmedAt = now;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return matches ? new PortalCodeResult(true)
            : new PortalCodeResult(false, code.Attempts >= PortalCodes.MaxAttempts ? "CodeTooMany" : "CodeWrong");
    }
}
