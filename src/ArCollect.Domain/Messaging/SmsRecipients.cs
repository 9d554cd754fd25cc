using System.Globalization;

namespace ArCollect.Domain.Messaging;

/// <summary>A customer's contact as the SMS rules see it.</summary>
public sealed record SmsContact(
    Guid Id, string Name, bool IsPrimary, string? Mobile, string? Phone, DateTimeOffset? ConsentAt, DateTimeOffset? OptedOutAt, DateTimeOffset? WrongNumberAt);

public sealed record SmsRecipientChoice(SmsContact? Contact, string? SkipReason);

/// <summary>Who gets a reminder SMS: the first contact (primary first) with a valid mobile number, consent, no opt-out and no wrong-number flag.</summary>
public static class SmsRecipients
{
    public static SmsRecipientChoice Choose(IReadOnlyList<SmsContact> contacts, bool doNotContact, Func<string, bool> isValidMobile)
    {
        if (doNotContact)
        {
            return new(null, "Customer is marked do-not-contact.");
        }

        var reasons = new List<string>();
        foreach (var contact in contacts.OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            if (contact.Mobile is null)
            {
                continue;
            }

            var reason = !isValidMobile(contact.Mobile) ? $"{contact.Mobile} is not a valid mobile number"
                : contact.WrongNumberAt is { } wrong ? $"{contact.Mobile} was flagged as a wrong number on {Day(wrong)}"
                : contact.OptedOutAt is { } stop ? $"opted out of SMS (STOP) on {Day(stop)}"
                : contact.ConsentAt is null ? "has not agreed to SMS reminders"
                : null;
            if (reason is null)
            {
                return new(contact, null);
            }

            reasons.Add($"{contact.Name} {reason}");
        }

        return new(null, reasons.Count == 0 ? "No contact has a mobile number." : string.Join("; ", reasons) + ".");
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
