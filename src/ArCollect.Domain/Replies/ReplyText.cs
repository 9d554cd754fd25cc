using System.Text.RegularExpressions;

namespace ArCollect.Domain.Replies;

/// <summary>
/// Cuts a reply down to what the customer wrote: quoted history (en/de/fr/es reply headers, also bold as Outlook on the
/// web writes them, Yahoo's "hat ... Folgendes geschrieben:" and Lotus Notes' "wrote on" headers; forwarded-message
/// separators, Outlook's underscore rule and help desks' "reply above this line" markers; "&gt; " lines) and the signature ("-- " line, a mobile "Sent from my ..." line, or a closing formula on its own line)
/// go before classifying. When the message the reply answers is known (the reminder in the outbox), the reply also ends
/// at the first line it repeats from that message: mail converted from HTML often quotes the reminder with no header.
/// </summary>
public static partial class ReplyText
{
    /// <summary>Longest text handed to the classifier: a 5 MB reply is classified on its first part.</summary>
    public const int MaxClassifiedLength = 4_000;

    private static readonly string[] Closings =
    [
        "regards", "best regards", "kind regards", "best", "thanks", "thank you", "many thanks", "cheers", "sincerely", "yours sincerely",
        "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße", "viele grüße", "beste grüße", "liebe grüße", "grüße", "mfg", "lg", "vg",
        "cordialement", "bien cordialement", "bien à vous", "salutations distinguées", "salutations", "bonne journée", "merci",
        "saludos", "atentamente", "un cordial saludo", "un saludo", "saludos cordiales", "gracias",
    ];

    /// <summary>Shortest line of the answered message that counts as quoted when the reply repeats it.</summary>
    public const int MinQuotedLineLength = 20;

    /// <param name="text">The reply as received (plain text).</param>
    /// <param name="answered">The plain text of the message it answers, when known.</param>
    public static string Strip(string? text, string? answered = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var (quotedLines, answeredLines) = QuotableLines(answered);

        var source = text.Length > MaxClassifiedLength * 4 ? text[..(MaxClassifiedLength * 4)] : text;
        var lines = source.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var kept = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            if (trimmed is "--" or "-- " or "__" || QuoteHeader().IsMatch(trimmed) || Separator().IsMatch(trimmed) || NotesHeader().IsMatch(trimmed)
                || MobileSignature().IsMatch(trimmed) || ReplyAboveMarker().IsMatch(trimmed))
            {
                break;
            }

            if (trimmed.StartsWith('>'))
            {
                continue;
            }

            // A closing formula on its own line, or a line of the message being answered, ends the message once
            // something was said.
            var said = kept.Any(k => k.Length > 0);
            if (said && IsClosing(trimmed))
            {
                break;
            }

            if (said && quotedLines.Contains(Comparable(trimmed)))
            {
                // The quote may begin with shorter lines of the answered message ("Dear customer,").
                while (kept.Count > 1 && (kept[^1].Trim().Length == 0 || answeredLines.Contains(Comparable(kept[^1]))))
                {
                    kept.RemoveAt(kept.Count - 1);
                }

                break;
            }

            kept.Add(line);
        }

        var result = string.Join('\n', kept).Trim();
        return result.Length > MaxClassifiedLength ? result[..MaxClassifiedLength] : result;
    }

    // The answered message's lines long enough to prove a quote, and all of its lines.
    private static (HashSet<string> Quotable, HashSet<string> All) QuotableLines(string? answered)
    {
        var lines = new HashSet<string>(StringComparer.Ordinal);
        var all = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(answered))
        {
            return (lines, all);
        }

        var source = answered.Length > MaxClassifiedLength * 4 ? answered[..(MaxClassifiedLength * 4)] : answered;
        foreach (var line in source.Replace("\r\n", "\n").Split('\n'))
        {
            var comparable = Comparable(line);
            if (comparable.Length > 0)
            {
                all.Add(comparable);
            }

            if (comparable.Length >= MinQuotedLineLength)
            {
                lines.Add(comparable);
            }
        }

        return (lines, all);
    }

    // Lower case, quote marks and Markdown-ish emphasis gone, runs of white space as one: the quoted line as it compares.
    private static string Comparable(string line) =>
        string.Join(' ', line.Trim().TrimStart('>', ' ').Replace("*", "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool IsClosing(string line)
    {
        var bare = line.TrimEnd(',', '.', '!', ' ').ToLowerInvariant();
        return bare.Length <= 40 && (Closings.Contains(bare) || Closings.Any(c => c.Length > 8 && bare.StartsWith(c + " ", StringComparison.Ordinal)));
    }

    // "From:" and its translations, plain or bold ("*From:*", "**Von:**": Outlook on the web's HTML turned into text).
    [GeneratedRegex(@"^(On\s.{4,200}\bwrote:?|Am\s.{4,200}\bschrieb\b.*|Am\s.{4,200}\shat\s.{1,200}\b(Folgendes\s)?geschrieben\s*:|Le\s.{4,200}\ba\s+écrit\s*:?|El\s.{4,200}\bescribió:?|\*{0,2}(From|Von|De)\s?:\*{0,2}\s.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();

    // Outlook's rule of underscores above the quoted header, and the named separators.
    [GeneratedRegex(@"^(_{10,}|-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Weitergeleitete Nachricht|Message d'origine|Message transféré|Mensaje original|Mensaje reenviado)\s*-{2,})$", RegexOptions.IgnoreCase)]
    private static partial Regex Separator();

    // Lotus Notes: "Anna Schmidt/Acme wrote on 30.11.2026 09:12:" (a canonical name with its organisation, so "as I wrote
    // on Monday:" in the customer's own text does not match) and "-----"Demo AR" <ar@demo.example> wrote: -----".
    [GeneratedRegex(@"^([^/\s][^/]{1,80}/\S{1,60}\s(wrote|schrieb)\s(on|am)\s.{4,60}:|-{3,}\s*"".{1,120}""\s*<[^>]+>\s*(wrote|schrieb|a écrit|escribió)\s*:?\s*-{3,})$", RegexOptions.IgnoreCase)]
    private static partial Regex NotesHeader();

    // Mobile mail apps' footers, Outlook's in its four languages ("Outlook für iOS beziehen").
    [GeneratedRegex(@"^((Sent from my|Get Outlook for|Von meinem|Gesendet von meinem|Envoyé de mon|Envoyé depuis mon|Enviado desde mi|Obtenir Outlook pour|Obtener Outlook para)\s[^.:;!?]{2,40}|Outlook für \S{2,12} beziehen)$", RegexOptions.IgnoreCase)]
    private static partial Regex MobileSignature();

    // Help desks write a marker above the quoted ticket ("##- Please type your reply above this line -##"); the reply
    // is what stands above it.
    [GeneratedRegex(@"^(#{2,}-.{10,80}-#{2,}|.{0,40}(reply above this line|antwort über dieser zeile|au-dessus de cette ligne|por encima de esta línea).{0,40})$", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyAboveMarker();
}
