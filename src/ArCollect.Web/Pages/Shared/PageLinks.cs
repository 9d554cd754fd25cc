using Microsoft.AspNetCore.WebUtilities;

namespace ArCollect.Web.Pages.Shared;

/// <summary>Links to the same list with some query values changed, so filters survive sorting and paging.</summary>
public static class PageLinks
{
    /// <summary>The query parameter holding the page number ("page" itself is taken by Razor Pages' routing).</summary>
    public const string PageParameter = "p";

    public static string With(HttpRequest request, params (string Key, string? Value)[] changes)
    {
        var query = request.Query
            .Where(q => !changes.Any(c => string.Equals(c.Key, q.Key, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Concat(changes.Where(c => !string.IsNullOrEmpty(c.Value)).Select(c => new KeyValuePair<string, string?>(c.Key, c.Value)));
        return QueryHelpers.AddQueryString(request.Path, query);
    }

    public static string ToPage(HttpRequest request, int page) =>
        With(request, (PageParameter, page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Sorting by a column: a second click on the current column flips the direction; paging restarts.</summary>
    public static string Sort(HttpRequest request, string column, string currentSort, bool currentDescending, bool descendingFirst = false)
    {
        var descending = string.Equals(column, currentSort, StringComparison.OrdinalIgnoreCase) ? !currentDescending : descendingFirst;
        return With(request, ("sort", column), ("dir", descending ? "desc" : "asc"), (PageParameter, null));
    }
}

/// <summary>A sortable column header.</summary>
public sealed record SortHeader(string Column, string Label, string CurrentSort, bool CurrentDescending, bool DescendingFirst = false, bool Numeric = false)
{
    public bool IsCurrent => string.Equals(Column, CurrentSort, StringComparison.OrdinalIgnoreCase);
}
