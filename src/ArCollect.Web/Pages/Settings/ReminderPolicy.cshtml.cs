using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>Admins rename one reminder policy and edit its steps: offset, tone, actions and conditions.</summary>
public sealed class ReminderPolicyModel(ArCollectDbContext db, ILogger<ReminderPolicyModel> logger) : PageModel
{
    public const string NameIndex = "ix_reminder_policies_tenant_id_name";

    [BindProperty]
    public ReminderPolicyInput Input { get; set; } = new();

    public Guid PolicyId { get; private set; }
    public bool IsDefault { get; private set; }
    public int CustomerCount { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var policy = await db.ReminderPolicies.AsNoTracking().Include(p => p.Steps).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null)
        {
            return NotFound();
        }

        await ShowAsync(policy, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var policy = await db.ReminderPolicies.Include(p => p.Steps).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null)
        {
            return NotFound();
        }

        await DescribeAsync(policy, ct);
        Input.Name = Input.Name?.Trim();
        ModelState.ApplyValidation(nameof(Input), await new ReminderPolicyInputValidator().ValidateAsync(Input, ct));
        if (Input.Name is { Length: > 0 } name && await NameTakenAsync(db, name, id, ct))
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.Name), NameTaken(name));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        policy.Name = Input.Name!;
        policy.ThankYouActions = Input.ThankYouActions;
        ApplySteps(policy);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(NameIndex))
        {
            logger.LogWarning("Reminder policy name {PolicyName} was taken concurrently", policy.Name);
            ModelState.AddFieldError(nameof(Input), nameof(Input.Name), NameTaken(policy.Name));
            return Page();
        }

        db.ChangeTracker.Clear();
        var saved = await db.ReminderPolicies.AsNoTracking().Include(p => p.Steps).FirstAsync(p => p.Id == id, ct);
        ModelState.Clear();
        await ShowAsync(saved, ct);
        Saved = true;
        return Page();
    }

    /// <summary>Policy names are unique per company, without regard to case, so two never look alike in a list.</summary>
    public static async Task<bool> NameTakenAsync(ArCollectDbContext db, string name, Guid? exceptId, CancellationToken ct)
    {
        // A company has a handful of policies: comparing their names here keeps the rule in one culture-free place.
        var names = await db.ReminderPolicies.Where(p => p.Id != exceptId).Select(p => p.Name).ToListAsync(ct);
        return names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    public static string NameTaken(string name) => $"A policy named {name} already exists; choose another name.";

    private void ApplySteps(ReminderPolicy policy)
    {
        foreach (var step in Input.Steps.Where(s => s.OffsetDays is not null || s.Id is not null))
        {
            var existing = step.Id is { } stepId ? policy.Steps.SingleOrDefault(s => s.Id == stepId) : null;
            if (!step.IsKept)
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

            existing.OffsetDays = step.OffsetDays!.Value;
            existing.Tone = step.Tone;
            existing.Actions = step.Actions;
            existing.MinOverdueAmount = step.MinOverdueAmount;
            existing.Segment = string.IsNullOrWhiteSpace(step.Segment) ? null : step.Segment.Trim();
            existing.RiskBand = ReminderPolicyInputValidator.NormalizeBand(step.RiskBand);
        }
    }

    private async Task DescribeAsync(ReminderPolicy policy, CancellationToken ct)
    {
        PolicyId = policy.Id;
        IsDefault = policy.IsDefault;
        CustomerCount = await db.Customers.CountAsync(c => c.ReminderPolicyId == policy.Id || (policy.IsDefault && c.ReminderPolicyId == null), ct);
    }

    private async Task ShowAsync(ReminderPolicy policy, CancellationToken ct)
    {
        await DescribeAsync(policy, ct);
        Input.Name = policy.Name;
        Input.ThankYou = policy.ThankYouActions != StepActions.None;
        Input.ThankYouEmail = policy.ThankYouActions.HasFlag(StepActions.Email) || !Input.ThankYou;
        Input.ThankYouSms = policy.ThankYouActions.HasFlag(StepActions.Sms);
        Input.Steps = policy.Steps.OrderBy(s => s.OffsetDays).ThenBy(s => s.Segment).ThenBy(s => s.RiskBand).Select(s => new ReminderPolicyInput.StepInput
        {
            Id = s.Id,
            OffsetDays = s.OffsetDays,
            Tone = s.Tone,
            MinOverdueAmount = s.MinOverdueAmount,
            Segment = s.Segment,
            RiskBand = s.RiskBand,
            Email = s.Actions.HasFlag(StepActions.Email),
            CollectorTask = s.Actions.HasFlag(StepActions.CollectorTask),
            ManagerNotification = s.Actions.HasFlag(StepActions.ManagerNotification),
            CreditHold = s.Actions.HasFlag(StepActions.CreditHold),
            Sms = s.Actions.HasFlag(StepActions.Sms),
            CallTask = s.Actions.HasFlag(StepActions.CallTask),
        }).Append(new ReminderPolicyInput.StepInput { Email = true }).ToList();
    }
}
