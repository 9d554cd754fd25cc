using ArCollect.Domain.Customers;
using ArCollect.Infrastructure.Common;

namespace ArCollect.Infrastructure.Sms;

/// <summary>
/// A contact's mobile number and SMS consent as the customer form and the customer API set them: the number is
/// stored in E.164, consent keeps who recorded it and when, and a STOP reply outranks the form until START.
/// </summary>
public static class ContactSms
{
    /// <summary>Empty input is no number; anything else must be a valid mobile number (the customer's country for numbers without +).</summary>
    public static bool TryNormalize(string? input, string? country, out string? e164, out string? error)
    {
        e164 = null;
        error = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return true;
        }

        if (!PhoneNumbers.TryNormalizeMobile(input, PhoneNumbers.RegionOf(country), out var number, out var problem))
        {
            error = problem;
            return false;
        }

        e164 = number;
        return true;
    }

    /// <summary>
    /// Stores the number and the consent choice. A new number drops the old number's consent, STOP and wrong-number
    /// flag (they were about another phone). Consent ticked by a person does not lift a STOP: only START does.
    /// </summary>
    public static void Apply(Contact contact, string? e164, bool consent, string recordedBy, DateTimeOffset now)
    {
        if (!string.Equals(contact.Mobile, e164, StringComparison.Ordinal))
        {
            contact.Mobile = e164;
            contact.SmsConsentAt = null;
            contact.SmsConsentSource = null;
            contact.SmsOptedOutAt = null;
            contact.WrongNumberAt = null;
        }

        if (contact.SmsOptedOutAt is not null)
        {
            return;
        }

        if (e164 is null || !consent)
        {
            contact.SmsConsentAt = null;
            contact.SmsConsentSource = null;
            return;
        }

        if (contact.SmsConsentAt is null)
        {
            contact.SmsConsentAt = now;
            contact.SmsConsentSource = ColumnText.Fit($"{recordedBy} for {e164}", 200);
        }
    }

    /// <summary>What the customer page says about a contact's SMS status.</summary>
    public static string Describe(string? mobile, DateTimeOffset? consentAt, string? consentSource, DateTimeOffset? optedOutAt, DateTimeOffset? wrongNumberAt) =>
        mobile is null ? "No mobile number: no SMS."
        : wrongNumberAt is { } wrong ? $"Flagged as a wrong number on {wrong:yyyy-MM-dd}: no SMS until the number is corrected."
        : optedOutAt is { } stop ? $"Opted out by replying STOP on {stop:yyyy-MM-dd HH:mm} UTC: no SMS until the customer replies START."
        : consentAt is { } at ? $"SMS consent recorded {at:yyyy-MM-dd HH:mm} UTC ({consentSource})."
        : "No SMS consent recorded: no SMS.";
}
