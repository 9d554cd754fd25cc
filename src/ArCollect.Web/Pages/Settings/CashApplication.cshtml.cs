using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins set when a bank receipt applies itself: the confidence it must reach, how far ahead of the runner-up it must
/// be, and the difference accepted as settling an invoice (a default, and per currency where it differs).
/// </summary>
public sealed class CashApplicationModel(ArCollectDbContext db, TenantContext tenant) : PageModel
{
    public const decimal MaximumTolerance = 1_000_000m;

    public sealed class SettingsInput
    {
        /// <summary>Confidence in percent from which a receipt applies itself.</summary>
        public decimal? ThresholdPercent { get; set; }

        /// <summary>Percentage points the best suggestion must be ahead of the second.</summary>
        public decimal? LeadPercent { get; set; }

        /// <summary>Difference accepted as settling an invoice in a currency without its own row.</summary>
        public decimal? Tolerance { get; set; }

        public List<ToleranceRow> Currencies { get; set; } = [];
    }

    public sealed class ToleranceRow
    {
        public string? Currency { get; set; }
        public decimal? Amount { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Currency) && Amount is null;
    }

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public string BaseCurrency { get; private set; } = "";

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var threshold = Input.ThresholdPercent;
        if (threshold is not { } t || t < 50m || t > 100m)
        {
            ModelState.AddModelError("Input.ThresholdPercent", "Threshold: enter a confidence between 50 and 100 percent, e.g. 90.");
        }

        if (Input.LeadPercent is not { } lead || lead < 0m || lead > 50m)
        {
            ModelState.AddModelError("Input.LeadPercent", "Lead: enter between 0 and 50 percentage points, e.g. 10.");
        }

        BaseCurrency = await BaseCurrencyAsync(cancellationToken);
        if (Input.Tolerance is not { } tolerance || tolerance < 0m || tolerance > MaximumTolerance)
        {
            ModelState.AddModelError("Input.Tolerance", $"Tolerance: enter an amount of 0 or more, e.g. 5.00 (at most {MaximumTolerance:N0}).");
        }

        var rows = Input.Currencies.Select((row, index) => (Row: row, Index: index)).Where(x => !x.Row.IsBlank).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, index) in rows)
        {
            var at = $"Input.Currencies[{index}]";
            var code = row.Currency?.Trim().ToUpperInvariant() ?? "";
            if (!CurrencyCodes.IsKnown(code))
            {
                ModelState.AddModelError($"{at}.Currency", $"Row {index + 1}, currency: enter an ISO 4217 code such as USD or JPY.");
                continue;
            }

            if (!seen.Add(code))
            {
                ModelState.AddModelError($"{at}.Currency", $"Row {index + 1}, currency: {code} is already on an earlier row.");
            }

            if (row.Amount is not { } amount || amount < 0m || amount > MaximumTolerance)
            {
                ModelState.AddModelError($"{at}.Amount", $"Row {index + 1}, tolerance: enter {code} 0 or more (at most {MaximumTolerance:N0}).");
                continue;
            }

            row.Currency = code;
            row.Amount = Money.Round(amount, code);
        }

        if (!ModelState.IsValid)
        {
            // Rows keep their places, so each error stays beside its row; one blank row to add a currency.
            if (Input.Currencies.Count == 0 || !Input.Currencies[^1].IsBlank)
            {
                Input.Currencies.Add(new ToleranceRow());
            }

            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var settings = await db.CashApplicationSettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new CashApplicationSettings { TenantId = tenant.RequiredTenantId };
            db.CashApplicationSettings.Add(settings);
        }

        settings.AutoApplyThreshold = Math.Round(Input.ThresholdPercent!.Value / 100m, 4);
        settings.Lead = Math.Round(Input.LeadPercent!.Value / 100m, 4);
        settings.AmountTolerance = Math.Round(Input.Tolerance!.Value, 2);
        var stored = await db.CashCurrencyTolerances.ToListAsync(cancellationToken);
        db.CashCurrencyTolerances.RemoveRange(stored.Where(s => rows.All(r => r.Row.Currency != s.Currency.Trim())));
        foreach (var (row, _) in rows)
        {
            var existing = stored.FirstOrDefault(s => s.Currency.Trim() == row.Currency);
            if (existing is null)
            {
                db.CashCurrencyTolerances.Add(new CashCurrencyTolerance { Currency = row.Currency!, Amount = row.Amount!.Value });
            }
            else
            {
                existing.Amount = row.Amount!.Value;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Message = "Cash-application settings saved. The next statement import and the queue's suggestions use them.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        BaseCurrency = await BaseCurrencyAsync(cancellationToken);
        var settings = await db.CashApplicationSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new CashApplicationSettings();
        Input = new SettingsInput
        {
            ThresholdPercent = settings.AutoApplyThreshold * 100m,
            LeadPercent = settings.Lead * 100m,
            Tolerance = settings.AmountTolerance,
            Currencies = await db.CashCurrencyTolerances.AsNoTracking().OrderBy(c => c.Currency)
                .Select(c => new ToleranceRow { Currency = c.Currency.Trim(), Amount = c.Amount }).ToListAsync(cancellationToken),
        };
        Input.Currencies.Add(new ToleranceRow());
    }

    private async Task<string> BaseCurrencyAsync(CancellationToken cancellationToken) =>
        (await db.Tenants.AsNoTracking().Where(x => x.Id == tenant.RequiredTenantId).Select(x => x.BaseCurrency).FirstAsync(cancellationToken)).Trim();
}
