using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.WriteOffs;

/// <summary>
/// Managers approve or reject write-offs above the limit, each with a reason; pending requests first, then the latest
/// decisions. Approving writes the amount off (the usual write-off record); rejecting leaves the invoice as it is.
/// </summary>
[Authorize(Policy = ServiceRegistration.ManagersAndAdmins)]
public sealed class ApprovalsModel(ArCollectDbContext db, WriteOffApprovals approvals) : PageModel
{
    public const int RecentCount = 50;

    public sealed record RequestRow(
        Guid Id, Guid InvoiceId, string InvoiceNumber, Guid CustomerId, string Customer, decimal Amount, string Currency, decimal OpenAmount,
        string Reason, string? RequestedBy, DateTimeOffset RequestedAt, WriteOffRequestStatus Status, string? DecidedBy, DateTimeOffset? DecidedAt,
        string? DecisionReason);

    public IReadOnlyList<RequestRow> Pending { get; private set; } = [];
    public IReadOnlyList<RequestRow> Decided { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    /// <summary>The request whose decision failed, and why (shown next to its row).</summary>
    public Guid? FailedId { get; private set; }
    public string? FailedMessage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostApproveAsync(Guid requestId, string? reason, CancellationToken ct) => DecideAsync(requestId, reason, approve: true, ct);

    public Task<IActionResult> OnPostRejectAsync(Guid requestId, string? reason, CancellationToken ct) => DecideAsync(requestId, reason, approve: false, ct);

    private async Task<IActionResult> DecideAsync(Guid requestId, string? reason, bool approve, CancellationToken ct)
    {
        var decision = approve ? await approvals.ApproveAsync(requestId, reason, ct) : await approvals.RejectAsync(requestId, reason, ct);
        if (decision.NotFound)
        {
            return NotFound();
        }

        var request = await db.WriteOffRequests.AsNoTracking().Where(r => r.Id == requestId)
            .Join(db.Invoices, r => r.InvoiceId, i => i.Id, (r, i) => new { r.Amount, r.Currency, i.Number }).FirstAsync(ct);
        if (!decision.Succeeded)
        {
            (FailedId, FailedMessage) = (requestId, decision.Errors[0].Message);
            await LoadAsync(ct);
            return Page();
        }

        Done = approve
            ? $"Approved: {request.Currency} {request.Amount:N2} of invoice {request.Number} written off."
            : $"Rejected the write-off of {request.Currency} {request.Amount:N2} on invoice {request.Number}; nothing was written off.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var requests = from r in db.WriteOffRequests.AsNoTracking()
                       join i in db.Invoices on r.InvoiceId equals i.Id
                       join c in db.Customers on r.CustomerId equals c.Id
                       select new { Request = r, i.Number, i.Balance, Customer = c.Name };
        var pending = await requests.Where(x => x.Request.Status == WriteOffRequestStatus.Pending)
            .OrderBy(x => x.Request.RequestedAt).ThenBy(x => x.Request.Id).ToListAsync(ct);
        var decided = await requests.Where(x => x.Request.Status != WriteOffRequestStatus.Pending)
            .OrderByDescending(x => x.Request.DecidedAt).ThenBy(x => x.Request.Id).Take(RecentCount).ToListAsync(ct);
        var userIds = pending.Concat(decided).SelectMany(x => new[] { x.Request.RequestedBy, x.Request.DecidedBy })
            .Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Name(Guid? id) => id is { } known ? names.GetValueOrDefault(known) : null;
        RequestRow Row(WriteOffRequest r, string number, decimal balance, string customer) => new(
            r.Id, r.InvoiceId, number, r.CustomerId, customer, r.Amount, r.Currency.Trim(), balance, r.Reason, Name(r.RequestedBy), r.RequestedAt,
            r.Status, Name(r.DecidedBy), r.DecidedAt, r.DecisionReason);
        Pending = pending.Select(x => Row(x.Request, x.Number, x.Balance, x.Customer)).ToList();
        Decided = decided.Select(x => Row(x.Request, x.Number, x.Balance, x.Customer)).ToList();
    }
}
