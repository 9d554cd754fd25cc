using ArCollect.Domain.PaymentPlans;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.PaymentPlans;
using ArCollect.Infrastructure.Portal;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace ArCollect.Web.Pages.Portal;

/// <summary>
/// The customer asks to pay what is open in their currency in monthly instalments. Inside the tenant's rules the
/// plan is approved at once and reminders follow its dates; outside them it waits for a Manager.
/// </summary>
public sealed class PlanModel(ArCollectDbContext db, PortalSession session, PaymentPlanService plans, PortalCodeService codes, TimeProvider time)
    : PortalPageModel(db, session, time)
{
    [BindProperty]
    public PaymentPlanRequestInput Input { get; set; } = new();

    public IReadOnlyList<PlanCandidate> Candidates { get; private set; } = [];

    public decimal Total => Candidates.Sum(c => c.Amount);

    public DateOnly TodayDate { get; private set; }

    public int MaxFirstDays { get; private set; }

    public int RuleMaxInstalments { get; private set; }

    /// <summary>Set when the tenant asks for a one-time code and this link has not confirmed one: the form waits.</summary>
    public CodeStep? Code { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.Instalments = Math.Min(3, RuleMaxInstalments);
        Input.FirstDate = TodayDate.AddDays(Math.Min(7, MaxFirstDays));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid || Code is not null)
        {
            return Page();
        }

        var result = await plans.CreateAsync(CustomerId, View.Currency, Input, PlanSources.Portal, byManager: false, ct);
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddFieldError(nameof(Input), field, message);
            }

            return Page();
        }

        return BackHome(result.Plan!.Status == PaymentPlanStatus.Active ? T["PlanApproved"] : T["PlanPending"]);
    }

    public async Task<IActionResult> OnPostSendCodeAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var sent = await codes.SendAsync(CustomerId, LinkId, Purpose, T, ct);
        Code = new CodeStep(Action, sent.Succeeded, sent.ErrorKey, T);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmCodeAsync(string? code, CancellationToken ct)
    {
        var confirmed = await codes.ConfirmAsync(LinkId, Purpose, code, ct);
        if (confirmed.Succeeded)
        {
            return Redirect(Action);
        }

        await LoadAsync(ct);
        Code = new CodeStep(Action, false, confirmed.ErrorKey, T);
        return Page();
    }

    private const string Purpose = "plan";

    private string Action => $"{Home}/plan";

    private async Task LoadAsync(CancellationToken ct)
    {
        Code = await codes.MayProceedAsync(LinkId, Purpose, ct) ? null : new CodeStep(Action, false, null, T);
        TodayDate = await plans.TodayAsync(ct);
        var settings = await plans.SettingsAsync(ct);
        MaxFirstDays = settings.MaxPromiseDays;
        RuleMaxInstalments = settings.PlanMaxInstalments;
        Candidates = await plans.CandidatesAsync(CustomerId, View.Currency, ct);
    }
}
