using ArCollect.Domain.Activities;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Portal;

/// <summary>Who the portal page speaks to and for whom: tenant name and logo, customer, and the words in the customer's language.</summary>
public sealed record PortalView(string TenantName, string CustomerName, string Currency, string? LogoDataUri, PortalText Text);

/// <summary>The one-time code step of a portal form: where it posts, whether a code went out, and what went wrong (a <see cref="PortalText"/> key).</summary>
public sealed record CodeStep(string Action, bool Sent, string? ErrorKey, PortalText Text);

/// <summary>
/// A portal page: runs only for a request whose token the access middleware verified, and reads everything through
/// the customer of that token (<see cref="CustomerId"/>); the tenant is already fixed by the same token.
/// </summary>
public abstract class PortalPageModel(ArCollectDbContext db, PortalSession session, TimeProvider time) : PageModel
{
    protected ArCollectDbContext Db => db;

    public PortalView View { get; private set; } = null!;

    public PortalText T => View.Text;

    protected Guid CustomerId => session.RequiredCustomerId;

    /// <summary>The link this request came with (one-time codes belong to a link).</summary>
    protected Guid LinkId => session.LinkId ?? throw new InvalidOperationException("No portal link for this request.");

    protected DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    protected DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The token this request came with (kept only in memory; a checkout's return stores it encrypted).</summary>
    protected string Token => session.Token ?? throw new InvalidOperationException("No portal token for this request.");

    /// <summary>The portal home of this link, relative to the site, e.g. <c>/portal/{token}</c>.</summary>
    public string Home => $"/portal/{session.Token}";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!session.IsValid)
        {
            context.Result = NotFound();
            return;
        }

        var tenantId = db.CurrentTenantId!.Value;
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.Name, t.DefaultLanguage }).FirstAsync(HttpContext.RequestAborted);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == CustomerId)
            .Select(c => new { c.Name, c.Language, c.Currency }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (customer is null)
        {
            context.Result = NotFound();
            return;
        }

        var logo = await db.TenantLogos.AsNoTracking().Select(l => new { l.Content, l.ContentType }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        View = new PortalView(tenant.Name, customer.Name, customer.Currency,
            logo is null ? null : $"data:{logo.ContentType};base64,{Convert.ToBase64String(logo.Content)}",
            PortalText.For(customer.Language, tenant.DefaultLanguage));
        await next();
        PortalFieldErrors.TranslateAll(ModelState, View.Text);
    }

    /// <summary>Puts what the customer did on the clerk's timeline of this customer.</summary>
    protected void AddTimelineEntry(ActivityType type, string summary, string? body, Guid? invoiceId = null) =>
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = CustomerId,
            InvoiceId = invoiceId,
            Type = type,
            At = Now,
            Summary = summary.Length > 500 ? summary[..497] + "..." : summary,
            Body = body,
        });

    protected IActionResult BackHome(string flash)
    {
        TempData["PortalFlash"] = flash;
        return Redirect(Home);
    }
}
