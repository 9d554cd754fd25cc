namespace ArCollect.Domain.Messaging;

public enum SmsKeyword
{
    None,
    OptOut,
    OptIn,
}

/// <summary>The opt-out and opt-in words carriers and Twilio honour, matched on the whole trimmed reply, any case.</summary>
public static class SmsKeywords
{
    private static readonly HashSet<string> OptOutWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE", "STOPP", "ARRET", "ARRÊT", "BAJA",
    };

    private static readonly HashSet<string> OptInWords = new(StringComparer.OrdinalIgnoreCase) { "START", "YES", "UNSTOP", "OPTIN" };

    public static SmsKeyword Classify(string? body)
    {
        var word = (body ?? "").Trim().TrimEnd('.', '!');
        return OptOutWords.Contains(word) ? SmsKeyword.OptOut : OptInWords.Contains(word) ? SmsKeyword.OptIn : SmsKeyword.None;
    }
}
