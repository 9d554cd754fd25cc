using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Common;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Email;

namespace ArCollect.Infrastructure.Sms;

/// <summary>What a reminder step's SMS action decided for one customer: a message for the outbox, or why none.</summary>
public sealed record SmsDecision(OutboxMessage? Message, string? SkipReason);

/// <summary>
/// Builds a reminder SMS beside the email: the recipient by <see cref="SmsRecipients"/>, the text from the tenant's
/// SMS template in the customer's language (bounded Liquid, as email), the send time moved out of the quiet hours in
/// the customer's time zone. The key is the reminder's key with an <c>sms:</c> prefix, so a rerun never adds a second SMS.
/// </summary>
public static class SmsReminders
{
    public static string KeyFor(CustomerDecision decision) => "sms:" + decision.IdempotencyKey;

    public static async Task<SmsDecision> ComposeAsync(
        ReminderTemplateEngine templates, DunningSetup setup, DunningOptions options, CustomerDecision decision, IReadOnlyList<SmsContact> contacts,
        ReminderModel model, string timeZone, string? language, DateTimeOffset now)
    {
        var choice = SmsRecipients.Choose(contacts, decision.Customer.DoNotContact, IsValid);
        if (choice.Contact is not { } contact)
        {
            return new SmsDecision(null, choice.SkipReason);
        }

        var template = DefaultSmsTemplates.Choose(setup.SmsTemplates, decision.Tone!.Tone, language, setup.DefaultLanguage);
        var (rendered, failure) = await templates.RenderAsync(template.AsMessageTemplate(), model with { ContactName = contact.Name });
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var z) ? z : TimeZoneInfo.Utc;
        var quiet = setup.Sms?.QuietHours ?? QuietHours.Default;
        return new SmsDecision(new OutboxMessage
        {
            IdempotencyKey = KeyFor(decision),
            Kind = MessageKind.Reminder,
            Channel = MessageChannel.Sms,
            CustomerId = decision.Customer.Id,
            ToAddresses = contact.Mobile!,
            FromAddress = setup.Sms?.FromNumber,
            Subject = ColumnText.Fit($"SMS reminder ({ToneRule.Name(decision.Tone.Tone)}) to {contact.Name}", 500),
            TextBody = rendered?.Text.Trim() ?? "",
            MessageId = MessageComposer.NewMessageId(options.MessageIdDomain),
            Status = failure is null ? OutboxStatus.Pending : OutboxStatus.Parked,
            LastError = failure,
            NotBefore = quiet.NextAllowed(now, zone),
            CreatedAt = now,
        }, null);
    }

    /// <summary>The timeline entry of an SMS decision.</summary>
    public static Activity Timeline(Guid customerId, SmsDecision sms, DateTimeOffset now, TimeZoneInfo zone) => new()
    {
        Id = Guid.CreateVersion7(),
        CustomerId = customerId,
        Type = ActivityType.Sms,
        At = now,
        Summary = ColumnText.Fit(sms.Message switch
        {
            null => $"SMS skipped: {sms.SkipReason}",
            { Status: OutboxStatus.Parked } m => $"SMS parked: {m.LastError}",
            { } m when m.NotBefore > now => $"SMS scheduled to {m.ToAddresses} for {TimeZoneInfo.ConvertTime(m.NotBefore, zone):yyyy-MM-dd HH:mm} customer time (after quiet hours)",
            { } m => $"SMS scheduled to {m.ToAddresses}",
        }, 500),
        Body = sms.Message is { } msg ? $"{msg.TextBody}\nOpen: /Outbox/Message?id={msg.Id}" : null,
    };

    private static bool IsValid(string mobile) => PhoneNumbers.TryNormalizeMobile(mobile, null, out var e164, out _) && e164 == mobile;
}
