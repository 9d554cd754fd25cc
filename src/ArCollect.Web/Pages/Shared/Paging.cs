namespace ArCollect.Web.Pages.Shared;

/// <summary>Where a list page is: which page of how many, for the pager and for Skip/Take.</summary>
public sealed record Paging(int Page, int PageSize, int TotalCount)
{
    public const int DefaultPageSize = 50;

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public int Skip => (Page - 1) * PageSize;

    public int FirstItem => TotalCount == 0 ? 0 : Skip + 1;

    public int LastItem => Math.Min(TotalCount, Skip + PageSize);

    /// <summary>The requested page, moved inside the pages that exist.</summary>
    public static Paging For(int requestedPage, int totalCount, int pageSize = DefaultPageSize)
    {
        var paging = new Paging(1, pageSize, totalCount);
        return paging with { Page = Math.Clamp(requestedPage, 1, paging.PageCount) };
    }
}
