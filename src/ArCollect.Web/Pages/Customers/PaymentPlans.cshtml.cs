using ArCollect.Domain.PaymentPlans;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.PaymentPlans;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Customers;

/// <summary>
/// A customer's payment plans with their schedules and standing. Clerks offer a plan (approved at once inside the
/// rules, otherwise waiting for a Manager); Managers and Admins approve or reject pending plans, a rejection with a reason.
/// </summary>
public sealed class PaymentPlansModel(ArCollectDbContext db, PaymentPlanService plans) : PageModel
{
    public Guid CustomerId { get; private set; }
    public string CustomerName { get; private set; } = "";
    public string Currency { get; private set; } = "";
    public IReadOnlyList<PlanSummary> Plans { get; private set; } = [];
    public IReadOnlyList<PlanCandidate> Candidates { get; private set; } = [];
    public DateOnly Today { get; private set; }

    [BindProperty]
    public PaymentPlanRequestInput Input { get; set; } = new();

    public bool CanDecide => User.IsInRole(Roles.Manager) || User.IsInRole(Roles.Admin);

    /// <summary>The pending plan whose decision failed, and why.</summary>
    public Guid? FailedId { get; private set; }
    public string? FailedMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input.Instalments = 3;
        Input.FirstDate = Today.AddDays(7);
        return Page();
    }

    public async Task<IActionResult> OnPostOfferAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await plans.CreateAsync(id, Currency, Input, PlanSources.Clerk, byManager: CanDecide, ct);
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddFieldError(nameof(Input), field, message);
            }

            return Page();
        }

        var plan = result.Plan!;
        TempData["Flash"] = plan.Status == PaymentPlanStatus.Active
            ? $"Plan of {plan.Currency} {plan.Total:N2} in {plan.InstalmentCount} instalments is active; reminders follow its dates."
            : $"Plan of {plan.Currency} {plan.Total:N2} waits for a Manager: {plan.OutsideRules}.";
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid planId, string? reason, CancellationToken ct) => DecideAsync(id, planId, true, reason, ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, Guid planId, string? reason, CancellationToken ct) => DecideAsync(id, planId, false, reason, ct);

    private async Task<IActionResult> DecideAsync(Guid id, Guid planId, bool approve, string? reason, CancellationToken ct)
    {
        if (!CanDecide)
        {
            return Forbid();
        }

        if (!await db.PaymentPlans.AnyAsync(p => p.Id == planId && p.CustomerId == id, ct))
        {
            return NotFound();
        }

        var result = await plans.DecideAsync(planId, new PaymentPlanDecisionInput { Approve = approve, Reason = reason }, ct);
        if (!result.Succeeded)
        {
            await LoadAsync(id, ct);
            (FailedId, FailedMessage) = (planId, result.Errors[0].Message);
            return Page();
        }

        TempData["Flash"] = approve ? "Plan approved; reminders follow its dates." : "Plan rejected; reminders go on as before.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Name, c.Currency }).FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            return false;
        }

        (CustomerId, CustomerName, Currency) = (id, customer.Name, customer.Currency.Trim());
        Today = await plans.TodayAsync(ct);
        Plans = await plans.ForCustomerAsync(id, ct, take: 20);
        Candidates = await plans.CandidatesAsync(id, Currency, ct);
        return true;
    }
}
