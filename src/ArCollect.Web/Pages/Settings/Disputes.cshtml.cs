using System.Text.RegularExpressions;
using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>The tenant's dispute reason codes, teams, routing rules and SLA policies.</summary>
public sealed partial class DisputesModel(ArCollectDbContext db, TenantProvisioning provisioning) : PageModel
{
    public IReadOnlyList<DisputeReasonCode> Reasons { get; private set; } = [];
    public IReadOnlyList<DisputeTeam> Teams { get; private set; } = [];
    public IReadOnlyList<DisputeRoutingRule> Rules { get; private set; } = [];
    public IReadOnlyList<DisputeSlaPolicy> Policies { get; private set; } = [];
    public IReadOnlyList<UserOption> Users { get; private set; } = [];
    public string? Done { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Label { get; set; }

    [BindProperty]
    public string? TeamName { get; set; }

    [BindProperty]
    public List<Guid> Members { get; set; } = [];

    [BindProperty]
    public DisputeRoutingRule Rule { get; set; } = new();

    [BindProperty]
    public DisputeSlaPolicy Sla { get; set; } = new() { ResolveWithinHours = 240, AtRiskPercent = 75 };

    public async Task OnGetAsync(string? done)
    {
        Done = done;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostReasonAsync()
    {
        ModelState.Clear();
        var code = (Code ?? "").Trim().ToLowerInvariant();
        var label = (Label ?? "").Trim();
        if (!CodePattern().IsMatch(code))
        {
            ModelState.AddModelError(nameof(Code), "Use 2 to 40 lower-case letters, digits or dashes, e.g. \"wrong-entity\".");
        }

        if (label.Length is 0 or > 100)
        {
            ModelState.AddModelError(nameof(Label), "Give the reason a label of up to 100 characters.");
        }

        await DisputeSetup.EnsureReasonCodesAsync(db, HttpContext.RequestAborted);
        var existing = await db.DisputeReasonCodes.FirstOrDefaultAsync(r => r.Code == code, HttpContext.RequestAborted);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        if (existing is null)
        {
            var order = await db.DisputeReasonCodes.MaxAsync(r => (int?)r.SortOrder, HttpContext.RequestAborted) ?? 0;
            db.DisputeReasonCodes.Add(new DisputeReasonCode { Id = Guid.CreateVersion7(), Code = code, Label = label, Category = DisputeReasonCodes.CategoryOf(code), SortOrder = order + 10 });
        }
        else
        {
            existing.Label = label;
            existing.IsActive = true;
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { done = $"Reason \"{label}\" saved." });
    }

    public async Task<IActionResult> OnPostToggleReasonAsync(Guid id)
    {
        var reason = await db.DisputeReasonCodes.FirstOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted);
        if (reason is null)
        {
            return NotFound();
        }

        // Reasons are switched off rather than deleted: past disputes keep theirs.
        reason.IsActive = !reason.IsActive;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { done = $"Reason \"{reason.Label}\" {(reason.IsActive ? "offered again" : "no longer offered")}." });
    }

    public async Task<IActionResult> OnPostTeamAsync()
    {
        ModelState.Clear();
        var name = (TeamName ?? "").Trim();
        var users = (await provisioning.ListUsersAsync(HttpContext.RequestAborted)).Select(u => u.Id).ToHashSet();
        if (name.Length is 0 or > 100)
        {
            ModelState.AddModelError(nameof(TeamName), "Name the team (up to 100 characters).");
        }

        if (Members.Count == 0 || Members.Any(m => !users.Contains(m)))
        {
            ModelState.AddModelError(nameof(Members), "Choose one or more users of your company.");
        }

        if (ModelState.IsValid && await db.DisputeTeams.AnyAsync(t => t.Name == name, HttpContext.RequestAborted))
        {
            ModelState.AddModelError(nameof(TeamName), $"There is already a team called \"{name}\".");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        db.DisputeTeams.Add(new DisputeTeam { Id = Guid.CreateVersion7(), Name = name, MemberIds = Members.Distinct().ToList() });
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { done = $"Team \"{name}\" saved." });
    }

    public async Task<IActionResult> OnPostRuleAsync()
    {
        ModelState.Clear();
        if (Rule.TeamId is null == Rule.UserId is null)
        {
            ModelState.AddModelError("Rule.TeamId", "Send the matching disputes to either a team or a user.");
        }
        else if (Rule.TeamId is { } team && !await db.DisputeTeams.AnyAsync(t => t.Id == team, HttpContext.RequestAborted))
        {
            ModelState.AddModelError("Rule.TeamId", "Choose one of your teams.");
        }
        else if (Rule.UserId is { } user && !(await provisioning.ListUsersAsync(HttpContext.RequestAborted)).Any(u => u.Id == user))
        {
            ModelState.AddModelError("Rule.TeamId", "Choose a user of your company.");
        }

        if (Rule.MinAmount < 0 || Rule.MaxAmount < 0 || (Rule.MinAmount is { } min && Rule.MaxAmount is { } max && max <= min))
        {
            ModelState.AddModelError("Rule.MaxAmount", "The amount band must run from a lower to a higher amount, both zero or more.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var order = await db.DisputeRoutingRules.MaxAsync(r => (int?)r.Order, HttpContext.RequestAborted) ?? 0;
        db.DisputeRoutingRules.Add(new DisputeRoutingRule
        {
            Id = Guid.CreateVersion7(),
            Order = order + 1,
            ReasonCode = string.IsNullOrWhiteSpace(Rule.ReasonCode) ? null : Rule.ReasonCode,
            MinAmount = Rule.MinAmount,
            MaxAmount = Rule.MaxAmount,
            Segment = string.IsNullOrWhiteSpace(Rule.Segment) ? null : Rule.Segment.Trim(),
            KeyAccountsOnly = Rule.KeyAccountsOnly,
            TeamId = Rule.TeamId,
            UserId = Rule.UserId,
            Priority = Rule.Priority,
        });
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { done = "Routing rule added at the end of the list." });
    }

    public async Task<IActionResult> OnPostDeleteRuleAsync(Guid id)
    {
        await db.DisputeRoutingRules.Where(r => r.Id == id).ExecuteDeleteAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { done = "Routing rule removed." });
    }

    public async Task<IActionResult> OnPostSlaAsync()
    {
        ModelState.Clear();
        if (Sla.ResolveWithinHours is < 1 or > 24 * 365)
        {
            ModelState.AddModelError("Sla.ResolveWithinHours", "Enter between 1 and 8,760 hours.");
        }

        if (Sla.AtRiskPercent is < 1 or > 99)
        {
            ModelState.AddModelError("Sla.AtRiskPercent", "Enter a share between 1 and 99 percent.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var reason = string.IsNullOrWhiteSpace(Sla.ReasonCode) ? null : Sla.ReasonCode;
        var policy = await db.DisputeSlaPolicies.FirstOrDefaultAsync(p => p.ReasonCode == reason && p.Priority == Sla.Priority, HttpContext.RequestAborted);
        if (policy is null)
        {
            policy = new DisputeSlaPolicy { Id = Guid.CreateVersion7(), ReasonCode = reason, Priority = Sla.Priority };
            db.DisputeSlaPolicies.Add(policy);
        }

        policy.ResolveWithinHours = Sla.ResolveWithinHours;
        policy.AtRiskPercent = Sla.AtRiskPercent;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { done = "SLA saved; it applies to disputes opened from now on." });
    }

    public async Task<IActionResult> OnPostDeleteSlaAsync(Guid id)
    {
        await db.DisputeSlaPolicies.Where(p => p.Id == id).ExecuteDeleteAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { done = "SLA removed." });
    }

    public string ReasonLabel(string? code) => code is null ? "any reason" : Reasons.FirstOrDefault(r => r.Code == code)?.Label ?? code;

    public string UserName(Guid? id) => id is { } u ? Users.FirstOrDefault(x => x.Id == u)?.Name ?? "(former user)" : "";

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        await DisputeSetup.EnsureReasonCodesAsync(db, ct);
        Reasons = await db.DisputeReasonCodes.AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Label).ToListAsync(ct);
        Teams = await db.DisputeTeams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        Rules = await db.DisputeRoutingRules.AsNoTracking().OrderBy(r => r.Order).ToListAsync(ct);
        Policies = await db.DisputeSlaPolicies.AsNoTracking().OrderBy(p => p.ReasonCode).ThenBy(p => p.Priority).ToListAsync(ct);
        Users = await provisioning.ListUsersAsync(ct);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex CodePattern();
}
