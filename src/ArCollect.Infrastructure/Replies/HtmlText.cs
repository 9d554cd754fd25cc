using System.Net;
using System.Text.RegularExpressions;

namespace ArCollect.Infrastructure.Replies;

/// <summary>Plain text of an HTML mail for classifying: scripts, styles and quoted blocks dropped, tags removed, entities decoded.</summary>
public static partial class HtmlText
{
    public static string ToText(string html)
    {
        var text = Dropped().Replace(html, " ");
        text = Breaks().Replace(text, "\n");
        text = Cells().Replace(text, "\t"); // a table's cells stay apart, so a remittance table in an HTML mail reads as columns
        text = Tags().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        return Blank().Replace(text, "\n\n").Trim();
    }

    [GeneratedRegex(@"<(script|style|head|blockquote)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline, 2000)]
    private static partial Regex Dropped();

    [GeneratedRegex(@"<br\s*/?>|</p\s*>|</div\s*>|</tr\s*>|</li\s*>", RegexOptions.IgnoreCase, 2000)]
    private static partial Regex Breaks();

    [GeneratedRegex(@"</t[dh]\s*>", RegexOptions.IgnoreCase, 2000)]
    private static partial Regex Cells();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.None, 2000)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\n\s*\n(\s*\n)+", RegexOptions.None, 2000)]
    private static partial Regex Blank();
}
