using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Dashboards;

/// <summary>The tenant's exchange rates to its base currency: add or replace one, or import a CSV file.</summary>
public sealed class RatesModel(ArCollectDbContext db, ExchangeRateImporter importer, TimeProvider time) : PageModel
{
    public sealed record RateRow(string Currency, decimal RateToBase, DateOnly RateDate);

    public string BaseCurrency { get; private set; } = "";
    public IReadOnlyList<RateRow> Rates { get; private set; } = [];
    public IReadOnlyList<string> ImportErrors { get; private set; } = [];

    [BindProperty]
    public string? Currency { get; set; }

    [BindProperty]
    public decimal? RateToBase { get; set; }

    [BindProperty]
    public DateOnly? RateDate { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        var currency = Currency?.Trim().ToUpperInvariant();
        foreach (var (field, message) in ExchangeRateImporter.Validate(currency, RateToBase, BaseCurrency))
        {
            ModelState.AddModelError(field == "currency" ? nameof(Currency) : nameof(RateToBase), message);
        }

        if (RateDate is null)
        {
            ModelState.AddModelError(nameof(RateDate), "Enter the date the rate applies from.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await importer.UpsertAsync(currency!, RateToBase!.Value, RateDate!.Value, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"Saved 1 {currency} = {RateToBase} {BaseCurrency} from {RateDate:yyyy-MM-dd}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (file is null || file.Length == 0)
        {
            ImportErrors = ["Choose a CSV file with the header currency,rate_to_base,rate_date."];
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var result = await importer.ImportAsync(stream, BaseCurrency, cancellationToken);
        if (result.Errors.Count > 0)
        {
            ImportErrors = result.Errors;
            return Page();
        }

        TempData["Flash"] = $"Imported {result.Imported} exchange rates.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        BaseCurrency = (await db.ConverterAsync(cancellationToken)).BaseCurrency;
        Rates = await db.ExchangeRates.AsNoTracking().OrderBy(r => r.Currency).ThenByDescending(r => r.RateDate)
            .Select(r => new RateRow(r.Currency, r.RateToBase, r.RateDate)).ToListAsync(cancellationToken);
        RateDate ??= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }
}
