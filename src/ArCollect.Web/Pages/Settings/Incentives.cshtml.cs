using ArCollect.Domain.Incentives;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Incentives;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins set the prompt-payer rules: a customer whose record meets a rule gets the rule's early-payment discount on
/// each invoice issued to it. Every change is audited; switching a rule off leaves invoices already issued as they are.
/// </summary>
public sealed class IncentivesModel(ArCollectDbContext db, TimeProvider time) : PageModel
{
    public sealed record RuleRow(IncentiveRule Rule, int Invoices, int PaidEarly, int Settled, IReadOnlyList<(string Currency, decimal Amount)> Given);

    [BindProperty]
    public IncentiveRuleInput Input { get; set; } = new();

    public IReadOnlyList<RuleRow> Rules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ApplyValidation(nameof(Input), await new IncentiveRuleInputValidator().ValidateAsync(Input, ct));
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var now = time.GetUtcNow();
        db.IncentiveRules.Add(new IncentiveRule
        {
            Id = Guid.CreateVersion7(),
            Name = Input.Name!.Trim(),
            MinOnTimePercent = Input.MinOnTimePercent!.Value,
            LookbackMonths = Input.LookbackMonths!.Value,
            MinPaidInvoices = Input.MinPaidInvoices!.Value,
            DiscountPercent = Input.DiscountPercent!.Value,
            DiscountDays = Input.DiscountDays!.Value,
            Active = true,
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Rule \"{Input.Name!.Trim()}\" saved: it applies to invoices issued from now on.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid id, CancellationToken ct)
    {
        var rule = await db.IncentiveRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return NotFound();
        }

        rule.Active = !rule.Active;
        rule.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = rule.Active ? $"Rule \"{rule.Name}\" switched on." : $"Rule \"{rule.Name}\" switched off; invoices already issued keep their terms.";
        return RedirectToPage();
    }

    /// <summary>Each rule with what it did: invoices issued under it, how many of those settled were paid within the discount window, and the discount credited.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var rules = await db.IncentiveRules.AsNoTracking().OrderByDescending(r => r.Active).ThenBy(r => r.Name).ToListAsync(ct);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.IncentiveRuleId != null)
            .GroupBy(i => i.IncentiveRuleId)
            .Select(g => new { RuleId = g.Key!.Value, Count = g.Count(), Settled = g.Count(i => i.SettledOn != null) })
            .ToListAsync(ct);
        var discounts = await IncentiveKpis.DiscountsAsync(db, null, null, ct);
        Rules = rules.Select(r =>
        {
            var counts = invoices.FirstOrDefault(i => i.RuleId == r.Id);
            var mine = discounts.Where(d => d.RuleId == r.Id).ToList();
            return new RuleRow(r, counts?.Count ?? 0, mine.Count, counts?.Settled ?? 0,
                mine.GroupBy(d => d.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(d => d.Amount))).ToList());
        }).ToList();
    }
}
