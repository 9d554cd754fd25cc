using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Disputes;

/// <summary>The dispute queue of one owner (by default the signed-in user), soonest SLA due time first.</summary>
public sealed class IndexModel(ArCollectDbContext db, TenantContext tenant, TenantProvisioning provisioning, TimeProvider time) : PageModel
{
    public sealed record Row(
        Guid Id, string Customer, Guid CustomerId, string Invoice, string Reason, string Currency, decimal Amount, DisputeStatus Status,
        DisputePriority Priority, string? Owner, DateTimeOffset? DueAt, SlaState Sla, DateOnly OpenedOn);

    /// <summary>"me", "all", "unassigned" or a user id; by default "me" when the user owns a live dispute, else "all".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Owner { get; set; }

    /// <summary>Show resolved and withdrawn disputes too.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Closed { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<UserOption> Users { get; private set; } = [];
    public int AtRisk { get; private set; }
    public int Breached { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Users = await provisioning.ListUsersAsync(ct);
        var codes = await DisputeSetup.ReasonCodesAsync(db, ct);
        var policies = await db.DisputeSlaPolicies.AsNoTracking().ToListAsync(ct);
        var query = db.Disputes.AsNoTracking();
        Owner ??= await query.AnyAsync(d => d.OwnerUserId == tenant.UserId
            && (d.Status == DisputeStatus.Open || d.Status == DisputeStatus.InReview || d.Status == DisputeStatus.WaitingOnCustomer), ct) ? "me" : "all";
        if (!Closed)
        {
            query = query.Where(d => d.Status == DisputeStatus.Open || d.Status == DisputeStatus.InReview || d.Status == DisputeStatus.WaitingOnCustomer);
        }

        query = Owner switch
        {
            "all" => query,
            "unassigned" => query.Where(d => d.OwnerUserId == null),
            _ when Guid.TryParse(Owner, out var user) => query.Where(d => d.OwnerUserId == user),
            _ => query.Where(d => d.OwnerUserId == tenant.UserId),
        };
        var rows = await query
            .OrderBy(d => d.DueAt == null).ThenBy(d => d.DueAt).ThenBy(d => d.OpenedOn)
            .Take(500)
            .Select(d => new
            {
                d.Id,
                Customer = db.Customers.Where(c => c.Id == d.CustomerId).Select(c => c.Name).First(),
                d.CustomerId,
                Invoice = db.Invoices.Where(i => i.Id == d.InvoiceId).Select(i => i.Number).First(),
                Items = d.Items.Count,
                d.ReasonCode,
                Currency = d.Currency == "" ? db.Invoices.Where(i => i.Id == d.InvoiceId).Select(i => i.Currency).First() : d.Currency,
                d.Amount,
                d.Status,
                d.Priority,
                d.OwnerUserId,
                d.OpenedAt,
                d.DueAt,
                d.ResolvedAt,
                d.OpenedOn,
            })
            .ToListAsync(ct);
        var names = Users.ToDictionary(u => u.Id, u => u.Name);
        var now = time.GetUtcNow();
        Rows = rows.Select(r =>
        {
            var atRisk = DisputeSla.PolicyFor(policies, r.ReasonCode, r.Priority)?.AtRiskPercent ?? 75;
            return new Row(r.Id, r.Customer, r.CustomerId, r.Items > 1 ? $"{r.Invoice} +{r.Items - 1}" : r.Invoice,
                codes.TryGetValue(r.ReasonCode, out var c) ? c.Label : r.ReasonCode, r.Currency, r.Amount, r.Status, r.Priority,
                r.OwnerUserId is { } o ? names.GetValueOrDefault(o, "(former user)") : null, r.DueAt,
                DisputeSla.StateOf(r.OpenedAt, r.DueAt, r.ResolvedAt, DisputeLifecycle.IsLive(r.Status), now, atRisk), r.OpenedOn);
        }).ToList();
        AtRisk = Rows.Count(r => r.Sla == SlaState.AtRisk);
        Breached = Rows.Count(r => r.Sla == SlaState.Breached);
    }
}
