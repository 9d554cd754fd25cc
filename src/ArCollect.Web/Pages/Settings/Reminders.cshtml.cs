using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins list the company's reminder policies, create one (empty or as a copy), choose the default, delete one
/// nobody follows, and edit the escalation rules, which apply whatever policy a customer follows.
/// </summary>
public sealed class RemindersModel(ArCollectDbContext db, TenantContext tenant, ILogger<RemindersModel> logger) : PageModel
{
    public sealed record PolicyRow(Guid Id, string Name, bool IsDefault, int StepCount, int CustomerCount);

    /// <summary>A delete refused because customers follow the policy; the page offers to move them to the default.</summary>
    public sealed record InUse(Guid PolicyId, string PolicyName, int CustomerCount, string DefaultName);

    public sealed class NewPolicyInput
    {
        public string? Name { get; set; }
        public Guid? CopyFromId { get; set; }
    }

    [BindProperty]
    public NewPolicyInput NewPolicy { get; set; } = new();

    [BindProperty]
    public EscalationRulesInput Input { get; set; } = new();

    public IReadOnlyList<PolicyRow> Policies { get; private set; } = [];
    public InUse? DeleteRefused { get; private set; }
    public string? Error { get; private set; }
    public bool RulesSaved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var name = NewPolicy.Name?.Trim() ?? "";
        ReminderPolicy? source = null;
        if (name.Length == 0)
        {
            ModelState.AddFieldError(nameof(NewPolicy), nameof(NewPolicy.Name), "Enter a name for the new policy.");
        }
        else if (name.Length > ReminderPolicyInputValidator.NameMaxLength)
        {
            ModelState.AddFieldError(nameof(NewPolicy), nameof(NewPolicy.Name), $"Use at most {ReminderPolicyInputValidator.NameMaxLength} characters for the name.");
        }
        else if (await ReminderPolicyModel.NameTakenAsync(db, name, null, ct))
        {
            ModelState.AddFieldError(nameof(NewPolicy), nameof(NewPolicy.Name), ReminderPolicyModel.NameTaken(name));
        }

        if (NewPolicy.CopyFromId is { } sourceId
            && (source = await db.ReminderPolicies.AsNoTracking().Include(p => p.Steps).FirstOrDefaultAsync(p => p.Id == sourceId, ct)) is null)
        {
            ModelState.AddFieldError(nameof(NewPolicy), nameof(NewPolicy.CopyFromId), "Choose a policy of your company to copy, or start empty.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var policy = new ReminderPolicy { Id = Guid.CreateVersion7(), Name = name };
        policy.Steps.AddRange((source?.Steps ?? []).Select(s => new ReminderStep
        {
            Id = Guid.CreateVersion7(),
            PolicyId = policy.Id,
            OffsetDays = s.OffsetDays,
            Tone = s.Tone,
            Actions = s.Actions,
            MinOverdueAmount = s.MinOverdueAmount,
            Segment = s.Segment,
            RiskBand = s.RiskBand,
        }));
        db.ReminderPolicies.Add(policy);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(ReminderPolicyModel.NameIndex))
        {
            logger.LogWarning("Reminder policy name {PolicyName} was taken concurrently", name);
            db.ChangeTracker.Clear();
            ModelState.AddFieldError(nameof(NewPolicy), nameof(NewPolicy.Name), ReminderPolicyModel.NameTaken(name));
            await LoadAsync(ct);
            return Page();
        }

        TempData["Flash"] = source is null
            ? $"Policy {name} created. Add its steps, then choose it on a customer's page."
            : $"Policy {name} created as a copy of {source.Name}.";
        return Redirect($"/Settings/ReminderPolicy/{policy.Id}");
    }

    public async Task<IActionResult> OnPostMakeDefaultAsync(Guid policyId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockPoliciesAsync(ct);
        var name = await db.ReminderPolicies.Where(p => p.Id == policyId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        // Two statements, old default first: the one-default index is checked row by row, never deferred.
        await db.ReminderPolicies.Where(p => p.IsDefault && p.Id != policyId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsDefault, false), ct);
        await db.ReminderPolicies.Where(p => p.Id == policyId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsDefault, true), ct);
        await transaction.CommitAsync(ct);
        TempData["Flash"] = $"{name} is now the default policy: customers without a policy of their own follow it from the next run.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid policyId, bool moveCustomers, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockPoliciesAsync(ct);
        var policy = await db.ReminderPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == policyId, ct);
        if (policy is null)
        {
            return NotFound();
        }

        var defaultName = await db.ReminderPolicies.Where(p => p.IsDefault).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? DefaultReminderPolicy.Name;
        if (policy.IsDefault)
        {
            await transaction.RollbackAsync(ct);
            Error = $"{policy.Name} is the default policy and cannot be deleted. Make another policy the default first.";
            await LoadAsync(ct);
            return Page();
        }

        var users = await db.Customers.CountAsync(c => c.ReminderPolicyId == policyId, ct);
        if (users > 0 && !moveCustomers)
        {
            await transaction.RollbackAsync(ct);
            DeleteRefused = new InUse(policy.Id, policy.Name, users, defaultName);
            Error = $"{policy.Name} was not deleted: {users} customer(s) follow it. Choose another policy on their customer pages, or move them to the default policy ({defaultName}) and delete.";
            await LoadAsync(ct);
            return Page();
        }

        var moved = await db.Customers.Where(c => c.ReminderPolicyId == policyId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReminderPolicyId, (Guid?)null), ct);
        await db.ReminderPolicies.Where(p => p.Id == policyId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Deleted reminder policy {PolicyId}; {CustomerCount} customers moved to the default", policyId, moved);
        TempData["Flash"] = moved > 0
            ? $"Policy {policy.Name} deleted; {moved} customer(s) now follow the default policy ({defaultName})."
            : $"Policy {policy.Name} deleted.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRulesAsync(CancellationToken ct)
    {
        ModelState.Clear();
        ModelState.ApplyValidation(nameof(Input), await new EscalationRulesInputValidator().ValidateAsync(Input, ct));
        if (!ModelState.IsValid)
        {
            Policies = await ListAsync(ct);
            return Page();
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
        RulesSaved = true;
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    // Serialises default switches and deletes of one company: a second Admin waits, then sees the first one's result.
    private Task LockPoliciesAsync(CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT id FROM reminder_policies WHERE tenant_id = {tenant.RequiredTenantId} FOR UPDATE", ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        await DunningSetup.EnsureDefaultsAsync(db, tenant.RequiredTenantId, ct);
        Policies = await ListAsync(ct);
        Input.Rules = await db.EscalationRules.AsNoTracking().OrderBy(r => r.Kind)
            .Select(r => new EscalationRulesInput.RuleInput { Id = r.Id, Kind = r.Kind, Threshold = r.Threshold, Assignee = r.Assignee, IsActive = r.IsActive })
            .ToListAsync(ct);
    }

    private Task<List<PolicyRow>> ListAsync(CancellationToken ct) =>
        db.ReminderPolicies.AsNoTracking()
            .OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name)
            .Select(p => new PolicyRow(p.Id, p.Name, p.IsDefault, p.Steps.Count,
                db.Customers.Count(c => c.ReminderPolicyId == p.Id || (p.IsDefault && c.ReminderPolicyId == null))))
            .ToListAsync(ct);
}
