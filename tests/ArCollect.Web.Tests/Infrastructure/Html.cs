using System.Net;
using System.Text.RegularExpressions;

namespace ArCollect.Web.Tests.Infrastructure;

/// <summary>Reads what a user would see from the app's own markup: table cells, field messages, marked elements.</summary>
public static partial class Html
{
    /// <summary>The visible text of each cell of each body row of the table with this id.</summary>
    public static IReadOnlyList<string[]> Rows(string page, string tableId)
    {
        var table = Regex.Match(page, $"<table[^>]*id=\"{Regex.Escape(tableId)}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table #{tableId} on the page");
        var body = BodyPattern().Match(table.Groups[1].Value).Groups[1].Value;
        return RowPattern().Matches(body)
            .Select(r => CellPattern().Matches(r.Groups[1].Value).Select(c => Text(c.Groups[1].Value)).ToArray())
            .Where(cells => cells.Length > 1)
            .ToList();
    }

    /// <summary>The cells of the row marked with data-{attribute}="{value}", or null when no such row is shown.</summary>
    public static string[]? Row(string page, string tableId, string attribute, string value)
    {
        var table = Regex.Match(page, $"<table[^>]*id=\"{Regex.Escape(tableId)}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table #{tableId} on the page");
        var row = Regex.Match(table.Groups[1].Value, $"<tr[^>]*data-{attribute}=\"{Regex.Escape(WebUtility.HtmlEncode(value))}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline);
        return row.Success ? CellPattern().Matches(row.Groups[1].Value).Select(c => Text(c.Groups[1].Value)).ToArray() : null;
    }

    /// <summary>The message shown beside a form field, or "" when there is none.</summary>
    public static string FieldError(string page, string field)
    {
        var match = Regex.Match(page, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        return match.Success ? Text(match.Groups[1].Value) : "";
    }

    /// <summary>The text of the first element with the given attribute markup, e.g. data-total="open" data-currency="EUR".</summary>
    public static string Element(string page, string attributes)
    {
        var match = Regex.Match(page, $"<(\\w+)[^>]*{Regex.Escape(attributes)}[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no element with {attributes} on the page");
        return Text(match.Groups[2].Value);
    }

    /// <summary>Markup to the text a browser shows: tags dropped, entities decoded, whitespace collapsed.</summary>
    public static string Text(string markup) =>
        SpacePattern().Replace(WebUtility.HtmlDecode(TagPattern().Replace(markup, " ")), " ").Trim();

    [GeneratedRegex("<tbody[^>]*>(.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex BodyPattern();

    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("\\s+")]
    private static partial Regex SpacePattern();
}
