using ArCollect.Domain.Dashboards;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Dashboards;

/// <summary>
/// The alerts that fired (manager-alert messages: key accounts past aging, credit limits, escalations, forecast
/// shortfalls), newest first, with who acknowledged each and when; besides the emails.
/// </summary>
public sealed class AlertsModel(ArCollectDbContext db, TenantContext tenant, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public sealed record AlertRow(Guid Id, DateTimeOffset FiredAt, string Subject, Guid? CustomerId, string? Customer, OutboxStatus Status, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt);

    public IReadOnlyList<AlertRow> Alerts { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Open { get; set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var alerts = db.OutboxMessages.AsNoTracking().Where(m => m.Kind == MessageKind.ManagerAlert);
        if (Open)
        {
            alerts = alerts.Where(m => !db.AlertAcknowledgements.Any(a => a.OutboxMessageId == m.Id));
        }

        Alerts = await alerts
            .OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).Take(PageSize)
            .Select(m => new AlertRow(
                m.Id, m.CreatedAt, m.Subject, m.CustomerId,
                db.Customers.Where(c => c.Id == m.CustomerId).Select(c => c.Name).FirstOrDefault(),
                m.Status,
                db.AlertAcknowledgements.Where(a => a.OutboxMessageId == m.Id).Select(a => a.UserName).FirstOrDefault(),
                db.AlertAcknowledgements.Where(a => a.OutboxMessageId == m.Id).Select(a => (DateTimeOffset?)a.AcknowledgedAt).FirstOrDefault()))
            .ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid alertId, CancellationToken ct)
    {
        if (!await db.OutboxMessages.AnyAsync(m => m.Id == alertId && m.Kind == MessageKind.ManagerAlert, ct))
        {
            return NotFound();
        }

        if (!await db.AlertAcknowledgements.AnyAsync(a => a.OutboxMessageId == alertId, ct))
        {
            var name = await db.Users.Where(u => u.Id == tenant.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
            db.AlertAcknowledgements.Add(new AlertAcknowledgement
            {
                Id = Guid.CreateVersion7(),
                OutboxMessageId = alertId,
                UserId = tenant.UserId,
                UserName = name ?? User.Identity?.Name ?? "unknown",
                AcknowledgedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
        }

        Done = "Alert acknowledged.";
        return RedirectToPage(new { open = Open });
    }
}
