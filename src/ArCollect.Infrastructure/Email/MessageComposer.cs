using ArCollect.Domain.Messaging;
using MimeKit;

namespace ArCollect.Infrastructure.Email;

/// <summary>
/// Turns an outbox row into a MIME message. Addresses are parsed by MimeKit and the subject is encoded by it,
/// so a customer name or email cannot inject headers.
/// </summary>
public static class MessageComposer
{
    public static MimeMessage Compose(OutboxMessage row, string defaultFrom)
    {
        var message = new MimeMessage
        {
            MessageId = row.MessageId,
            Subject = row.Subject.ReplaceLineEndings(" "),
            Date = row.CreatedAt,
        };
        message.From.Add(MailboxAddress.Parse(row.FromAddress ?? defaultFrom));
        message.To.AddRange(InternetAddressList.Parse(row.ToAddresses));
        if (!string.IsNullOrWhiteSpace(row.ReplyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(row.ReplyTo));
        }

        if (!string.IsNullOrWhiteSpace(row.InReplyTo))
        {
            message.InReplyTo = row.InReplyTo;
        }

        var body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody };
        foreach (var attachment in row.Attachments.OrderBy(a => a.FileName, StringComparer.Ordinal))
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        message.Headers.Add("X-ArCollect-Key", row.IdempotencyKey);
        return message;
    }

    /// <summary>Whether every address parses; used before writing to the outbox so a bad address is flagged early.</summary>
    public static bool TryParseAddresses(string addresses, out string? error)
    {
        if (InternetAddressList.TryParse(addresses, out var list) && list.Mailboxes.Any()
            && list.Mailboxes.All(m => m.Address.Contains('@', StringComparison.Ordinal)))
        {
            error = null;
            return true;
        }

        error = $"'{addresses}' is not a valid email address.";
        return false;
    }

    /// <summary>Addresses as a person reads them: "Jörg Weber &lt;jw@x.de&gt;" rather than the encoded "=?utf-8?b?...?=" form stored for sending.</summary>
    public static string DisplayAddresses(string addresses) =>
        InternetAddressList.TryParse(addresses, out var list)
            ? string.Join(", ", list.Mailboxes.Select(m => string.IsNullOrWhiteSpace(m.Name) ? m.Address : $"{m.Name} <{m.Address}>"))
            : addresses;

    public static string NewMessageId(string domain) => $"{Guid.CreateVersion7():N}@{domain}";
}
