using System.Text.RegularExpressions;
using FluentValidation;

namespace ArCollect.Domain.Messaging;

/// <summary>The SMS settings form: the Twilio account, the sender, quiet hours and on/off; an empty auth token keeps the saved one.</summary>
public sealed class SmsSettingsInput
{
    public bool Enabled { get; set; }
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }
    public string? FromNumber { get; set; }
    public string? MessagingServiceSid { get; set; }
    public TimeOnly? QuietStart { get; set; }
    public TimeOnly? QuietEnd { get; set; }
}

public sealed partial class SmsSettingsInputValidator : AbstractValidator<SmsSettingsInput>
{
    public SmsSettingsInputValidator(bool hasSavedAuthToken)
    {
        RuleFor(x => x.AccountSid).Must(s => string.IsNullOrWhiteSpace(s) || AccountSidPattern().IsMatch(s.Trim()))
            .WithMessage("Account SID: AC followed by 32 hexadecimal characters, as shown on the Twilio console's dashboard.");
        RuleFor(x => x.AuthToken).Must(s => string.IsNullOrWhiteSpace(s) || HexPattern().IsMatch(s.Trim()))
            .WithMessage("Auth token: the 32 hexadecimal characters shown under the account SID in the Twilio console.");
        RuleFor(x => x.FromNumber).Must(s => string.IsNullOrWhiteSpace(s) || (s.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.') && E164Pattern().IsMatch(Compact(s))))
            .WithMessage("Sender number: your Twilio number in international form, + and country code, e.g. +14155550123.");
        RuleFor(x => x.MessagingServiceSid).Must(s => string.IsNullOrWhiteSpace(s) || ServiceSidPattern().IsMatch(s.Trim()))
            .WithMessage("Messaging service SID: MG followed by 32 hexadecimal characters.");
        RuleFor(x => x.MessagingServiceSid).Must(s => string.IsNullOrWhiteSpace(s)).When(x => !string.IsNullOrWhiteSpace(x.FromNumber))
            .WithMessage("Fill in either the sender number or the messaging service, not both.");
        RuleFor(x => x.QuietStart).NotNull().WithMessage("Enter when quiet hours start (e.g. 20:00); equal start and end means none.");
        RuleFor(x => x.QuietEnd).NotNull().WithMessage("Enter when quiet hours end (e.g. 08:00); equal start and end means none.");
        When(x => x.Enabled, () =>
        {
            RuleFor(x => x.AccountSid).NotEmpty().WithMessage("SMS needs the Twilio account SID.");
            RuleFor(x => x.AuthToken).Must(t => hasSavedAuthToken || !string.IsNullOrWhiteSpace(t))
                .WithMessage("SMS needs the Twilio auth token.");
            RuleFor(x => x.FromNumber).NotEmpty().When(x => string.IsNullOrWhiteSpace(x.MessagingServiceSid))
                .WithMessage("SMS needs a sender: your Twilio number, or a messaging service SID.");
        });
    }

    /// <summary>"+1 415 555-0123" as Twilio wants it: "+14155550123".</summary>
    public static string Compact(string number) => new(number.Where(c => c == '+' || char.IsAsciiDigit(c)).ToArray());

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex ServiceSidPattern();

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164Pattern();
}
