using ArCollect.Domain.Activities;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Portal;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Customers;

/// <summary>A customer's portal links: the active ones with their last use, a new link (shown once), revoke one or all.</summary>
public sealed class PortalLinksModel(ArCollectDbContext db, PortalLinks links, TenantContext tenant, TimeProvider time) : PageModel
{
    public Guid CustomerId { get; private set; }
    public string CustomerName { get; private set; } = "";
    public IReadOnlyList<PortalLinkRow> Active { get; private set; } = [];
    public int LifetimeDays { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct) is not { } name)
        {
            return NotFound();
        }

        CustomerId = id;
        CustomerName = name;
        Active = await links.ActiveAsync(id, ct);
        LifetimeDays = (await links.SettingsAsync(ct)).LinkLifetimeDays;
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(Guid id, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct))
        {
            return NotFound();
        }

        var issued = await links.IssueAsync(id, "Clerk", tenant.UserId, ct);
        Timeline(id, "Portal link created by hand");
        await db.SaveChangesAsync(ct);
        TempData["NewPortalLink"] = issued.Url;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid? linkId, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct))
        {
            return NotFound();
        }

        var revoked = await links.RevokeAsync(id, linkId, ct);
        Timeline(id, linkId is null ? $"All portal links revoked ({revoked})" : "A portal link was revoked");
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = revoked == 1 ? "1 link revoked." : $"{revoked} links revoked.";
        return RedirectToPage(new { id });
    }

    private void Timeline(Guid customerId, string summary) => db.Activities.Add(new Activity
    {
        Id = Guid.CreateVersion7(),
        CustomerId = customerId,
        Type = ActivityType.Note,
        At = time.GetUtcNow(),
        UserId = tenant.UserId,
        Summary = summary,
    });
}
