using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>Admins edit the default reminder policy (steps, conditions, tone, actions) and the escalation rules.</summary>
public sealed class RemindersModel(ArCollectDbContext db, TenantContext tenant) : PageModel
{
    [BindProperty]
    public ReminderPolicyInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        foreach (var error in new ReminderPolicyInputValidator().Validate(Input).Errors)
        {
            ModelState.AddModelError($"Input.{error.PropertyName}", error.ErrorMessage);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var policy = await DefaultPolicyAsync(ct);
        foreach (var step in Input.Steps.Where(s => s.OffsetDays is not null || s.Id is not null))
        {
            var existing = step.Id is { } id ? policy.Steps.SingleOrDefault(s => s.Id == id) : null;
            if (step.Remove || step.OffsetDays is null)
            {
                if (existing is not null)
                {
                    db.ReminderSteps.Remove(existing);
                }

                continue;
            }

            if (existing is null)
            {
                existing = new ReminderStep { Id = Guid.CreateVersion7(), PolicyId = policy.Id };
                db.ReminderSteps.Add(existing);
            }

            existing.OffsetDays = step.OffsetDays.Value;
            existing.Tone = step.Tone;
            existing.Actions = step.Actions;
            existing.MinOverdueAmount = step.MinOverdueAmount;
            existing.Segment = string.IsNullOrWhiteSpace(step.Segment) ? null : step.Segment.Trim();
        }

        var rules = await db.EscalationRules.ToListAsync(ct);
        foreach (var input in Input.Rules)
        {
            if (rules.SingleOrDefault(r => r.Id == input.Id) is { } rule)
            {
                rule.Threshold = input.Threshold;
                rule.Assignee = input.Assignee;
                rule.IsActive = input.IsActive;
            }
        }

        await db.SaveChangesAsync(ct);
        Saved = true;
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    private async Task<ReminderPolicy> DefaultPolicyAsync(CancellationToken ct)
    {
        await DunningSetup.EnsureDefaultsAsync(db, tenant.TenantId!.Value, ct);
        return await db.ReminderPolicies.Include(p => p.Steps).OrderByDescending(p => p.IsDefault).FirstAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var policy = await DefaultPolicyAsync(ct);
        Input.Steps = policy.Steps.OrderBy(s => s.OffsetDays).Select(s => new ReminderPolicyInput.StepInput
        {
            Id = s.Id,
            OffsetDays = s.OffsetDays,
            Tone = s.Tone,
            MinOverdueAmount = s.MinOverdueAmount,
            Segment = s.Segment,
            Email = s.Actions.HasFlag(StepActions.Email),
            CollectorTask = s.Actions.HasFlag(StepActions.CollectorTask),
            ManagerNotification = s.Actions.HasFlag(StepActions.ManagerNotification),
            CreditHold = s.Actions.HasFlag(StepActions.CreditHold),
        }).Append(new ReminderPolicyInput.StepInput { Email = true }).ToList();
        Input.Rules = await db.EscalationRules.OrderBy(r => r.Kind)
            .Select(r => new ReminderPolicyInput.RuleInput { Id = r.Id, Kind = r.Kind, Threshold = r.Threshold, Assignee = r.Assignee, IsActive = r.IsActive })
            .ToListAsync(ct);
    }
}
