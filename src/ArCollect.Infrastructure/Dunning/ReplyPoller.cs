using System.Text.RegularExpressions;
using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Replies;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>
/// Reads new mail from the tenant's collections mailbox (IMAP) and threads each message onto a customer: by
/// In-Reply-To/References naming an outbox Message-ID, else by the plus-address the reminder's Reply-To carried.
/// Messages land unread on the timeline; automatic replies are marked and do not count as a response. Every message is
/// classified (<see cref="ReplyIntake"/>); one matching no customer waits in the unmatched queue.
/// </summary>
public sealed partial class ReplyPoller(ArCollectDbContext db, MailSecrets secrets, TimeProvider time, IOptions<EmailOptions> options, ReplyIntake intake)
{
    private const int MaxBodyLength = 20_000;

    public async Task<int> PollAsync(CancellationToken ct)
    {
        var settings = await db.TenantMailSettings.FirstOrDefaultAsync(ct);
        if (settings is not { HasMailbox: true })
        {
            return 0;
        }

        using var client = await ConnectAsync(settings, secrets, options.Value, ct);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly, ct);
        var range = new UniqueIdRange(new UniqueId((uint)settings.ImapLastUid + 1), UniqueId.MaxValue);

        // A server answers "n:*" with the last message even when its UID is below n, hence the filter.
        var uids = (await client.Inbox.SearchAsync(SearchQuery.Uids(range), ct)).Where(u => u.Id > settings.ImapLastUid).OrderBy(u => u.Id).ToList();
        var messages = new List<(UniqueId Uid, MimeMessage Message)>();
        foreach (var uid in uids)
        {
            messages.Add((uid, await client.Inbox.GetMessageAsync(uid, ct)));
        }

        await client.DisconnectAsync(true, ct);
        if (messages.Count == 0)
        {
            return 0;
        }

        var stored = await StoreAsync(messages.Select(m => m.Message).ToList(), ct);
        settings.ImapLastUid = messages.Max(m => m.Uid.Id);
        await db.SaveChangesAsync(ct);
        return stored;
    }

    /// <summary>Connects to the tenant's mailbox through <see cref="MailHostGuard"/> and signs in: for polling and the settings page's test.</summary>
    public static async Task<ImapClient> ConnectAsync(TenantMailSettings settings, MailSecrets secrets, EmailOptions options, CancellationToken ct)
    {
        var client = new ImapClient();
        try
        {
            var socket = await MailHostGuard.ConnectAsync(settings.ImapHost!, settings.ImapPort, MailProtocol.Imap, options.AllowPrivateMailHosts, ct);
            await client.ConnectAsync(socket, settings.ImapHost!, settings.ImapPort, SmtpMailTransport.ToSocketOptions(settings.ImapSecurity), ct);
            await client.AuthenticateAsync(settings.ImapUsername!, secrets.Unprotect(settings.ImapPasswordProtected) ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task<int> StoreAsync(List<MimeMessage> messages, CancellationToken ct)
    {
        var references = messages.SelectMany(m => m.References.Append(m.InReplyTo ?? "")).Where(r => r.Length > 0).Distinct().ToList();
        var threads = await db.OutboxMessages.AsNoTracking().Where(o => references.Contains(o.MessageId))
            .Select(o => new { o.Id, o.MessageId, o.CustomerId }).ToListAsync(ct);
        var ids = messages.Select(IdOf).ToList();
        var known = (await db.InboundMessages.Where(i => ids.Contains(i.MessageId)).Select(i => i.MessageId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var plusCustomers = messages.SelectMany(PlusCustomers).Distinct().ToList();
        var existingCustomers = (await db.Customers.Where(c => plusCustomers.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var now = time.GetUtcNow();
        var stored = 0;
        foreach (var message in messages)
        {
            var id = IdOf(message);
            if (!known.Add(id))
            {
                continue;
            }

            var refs = message.References.Append(message.InReplyTo ?? "").ToHashSet(StringComparer.Ordinal);
            var thread = threads.FirstOrDefault(t => refs.Contains(t.MessageId));
            var customerId = thread?.CustomerId ?? PlusCustomers(message).FirstOrDefault(existingCustomers.Contains);
            var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "(unknown sender)";
            var isAuto = AutoReplyRules.IsAutoReply(name => message.Headers[name], message.Subject);
            var (text, html) = Bodies(message);
            var body = text ?? (html is null ? "" : HtmlText.ToText(html));
            var inbound = new InboundMessage
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customerId == Guid.Empty ? null : customerId,
                ReplyToOutboxId = thread?.Id,
                MessageId = id,
                FromAddress = Cut(from, 320),
                Subject = Cut(message.Subject ?? "", 500),
                TextBody = Cut(body, MaxBodyLength),
                ReceivedAt = now,
                IsAutoReply = isAuto,
                IsRead = false,
            };
            db.InboundMessages.Add(inbound);
            await intake.ClassifyAsync(inbound, html, ct);
            if (customerId != Guid.Empty)
            {
                db.Activities.Add(new Activity
                {
                    Id = Guid.CreateVersion7(),
                    CustomerId = customerId,
                    Type = ActivityType.Reply,
                    At = now,
                    Summary = Cut($"{(isAuto ? "Automatic reply" : "Reply")} from {from}: {message.Subject}", 500),
                    Body = Cut(body, 4000),
                });
            }

            stored++;
        }

        return stored;
    }

    /// <summary>
    /// The first text and HTML parts. A part in a charset nobody knows is read as Latin-1 rather than refused: every
    /// byte maps to a character, so the message is stored and classified on what can be read.
    /// </summary>
    private static (string? Text, string? Html) Bodies(MimeMessage message)
    {
        string? Read(TextPart? part)
        {
            if (part is null)
            {
                return null;
            }

            try
            {
                return part.Text;
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException)
            {
                return part.GetText(System.Text.Encoding.Latin1);
            }
        }

        var parts = message.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment).ToList();
        var text = Read(parts.FirstOrDefault(p => p.IsPlain));
        var html = Read(parts.FirstOrDefault(p => p.IsHtml));
        return (text is null ? null : Cut(text, MaxBodyLength * 4), html);
    }

    private static string IdOf(MimeMessage message) =>
        message.MessageId ?? $"no-id-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.ToString())))[..32]}@inbound";

    private static IEnumerable<Guid> PlusCustomers(MimeMessage message) =>
        message.To.Mailboxes.Concat(message.Cc.Mailboxes)
            .Select(m => PlusTag().Match(m.LocalPart))
            .Where(m => m.Success)
            .Select(m => Guid.ParseExact(m.Groups[1].Value, "N"));

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    [GeneratedRegex(@"\+c([0-9a-f]{32})$", RegexOptions.IgnoreCase)]
    private static partial Regex PlusTag();
}
