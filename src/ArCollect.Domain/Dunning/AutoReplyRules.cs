namespace ArCollect.Domain.Dunning;

/// <summary>
/// Recognises automatic replies (out of office, vacation notices) so they are shown but do not count as the
/// customer responding. Headers first (RFC 3834 Auto-Submitted and the common vendor ones), then subject wording.
/// </summary>
public static class AutoReplyRules
{
    private static readonly string[] SubjectPatterns =
    [
        "out of office", "out-of-office", "automatic reply", "auto reply", "auto-reply", "autoreply", "away from the office",
        "on vacation", "on holiday", "abwesenheitsnotiz", "automatische antwort", "réponse automatique", "absence du bureau",
    ];

    /// <param name="header">Looks up a header value by name (null when absent).</param>
    public static bool IsAutoReply(Func<string, string?> header, string? subject)
    {
        var autoSubmitted = header("Auto-Submitted");
        if (!string.IsNullOrWhiteSpace(autoSubmitted) && !autoSubmitted.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (header("X-Autoreply") is not null || header("X-Autorespond") is not null
            || header("X-MS-Exchange-Inbox-Rules-Loop") is not null)
        {
            return true;
        }

        var precedence = header("Precedence")?.Trim();
        if (precedence is not null && (precedence.Equals("auto_reply", StringComparison.OrdinalIgnoreCase)
            || precedence.Equals("bulk", StringComparison.OrdinalIgnoreCase) || precedence.Equals("junk", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var text = subject ?? "";
        return SubjectPatterns.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
    }
}
