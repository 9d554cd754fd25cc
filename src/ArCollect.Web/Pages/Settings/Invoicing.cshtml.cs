using ArCollect.Domain.Common;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Pdf;
using ArCollect.Infrastructure.Tenancy;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>Admins set numbering patterns, the late-fee policy and what invoices print about the company, logo included.</summary>
public sealed class InvoicingModel(ArCollectDbContext db, TenantContext tenant, TenantLogos logos, DocumentNumbers numbers, TimeProvider time) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    public LogoSummary? Logo { get; private set; }

    public string? LogoMessage { get; private set; }

    public string? LogoError { get; private set; }

    /// <summary>Where each numbering series stands in today's scope: highest number used and the number issued next.</summary>
    public IReadOnlyList<SeriesPosition> Positions { get; private set; } = [];

    [BindProperty]
    public long? NextNumber { get; set; }

    public string? NumberMessage { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Amounts of money per currency: write-off limit, late-fee flat amount and cap; one blank row to add a currency.</summary>
    [BindProperty]
    public List<CurrencyRow> Currencies { get; set; } = [];

    public string BaseCurrency { get; private set; } = "";

    public string? CurrenciesMessage { get; private set; }

    public sealed class CurrencyRow
    {
        public string? Currency { get; set; }
        public decimal? WriteOffLimit { get; set; }
        public decimal? LateFeeFlat { get; set; }
        public decimal? LateFeeCap { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Currency) && WriteOffLimit is null && LateFeeFlat is null && LateFeeCap is null;
    }

    /// <summary>
    /// Saves the per-currency amounts: a row without any amount removes its currency; each amount is rounded to the
    /// currency's minor units; errors name the row and the column.
    /// </summary>
    public async Task<IActionResult> OnPostCurrenciesAsync()
    {
        ModelState.Clear();
        var cancellationToken = HttpContext.RequestAborted;
        var rows = Currencies.Select((row, index) => (Row: row, Index: index)).Where(x => !x.Row.IsBlank).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, index) in rows)
        {
            var code = row.Currency?.Trim().ToUpperInvariant() ?? "";
            var at = $"{nameof(Currencies)}[{index}]";
            if (!CurrencyCodes.IsKnown(code))
            {
                ModelState.AddModelError($"{at}.{nameof(CurrencyRow.Currency)}", $"Row {index + 1}, currency: enter an ISO 4217 code such as EUR or USD.");
                continue;
            }

            if (!seen.Add(code))
            {
                ModelState.AddModelError($"{at}.{nameof(CurrencyRow.Currency)}", $"Row {index + 1}, currency: {code} is already on an earlier row.");
            }

            if (row.WriteOffLimit is < 0m)
            {
                ModelState.AddModelError($"{at}.{nameof(CurrencyRow.WriteOffLimit)}", $"Row {index + 1}, write-off limit: enter {code} 0 or more, or leave it empty for no limit.");
            }

            if (row.LateFeeFlat is <= 0m)
            {
                ModelState.AddModelError($"{at}.{nameof(CurrencyRow.LateFeeFlat)}", $"Row {index + 1}, flat late fee: enter more than {code} 0, or leave it empty.");
            }

            if (row.LateFeeCap is <= 0m)
            {
                ModelState.AddModelError($"{at}.{nameof(CurrencyRow.LateFeeCap)}", $"Row {index + 1}, late-fee cap: enter more than {code} 0, or leave it empty for no cap.");
            }

            (row.Currency, row.WriteOffLimit, row.LateFeeFlat, row.LateFeeCap) = (code,
                row.WriteOffLimit is { } l ? Money.Round(l, code) : null,
                row.LateFeeFlat is { } f ? Money.Round(f, code) : null,
                row.LateFeeCap is { } c ? Money.Round(c, code) : null);
        }

        if (ModelState.IsValid)
        {
            var stored = await db.CurrencySettings.ToListAsync(cancellationToken);
            db.CurrencySettings.RemoveRange(stored.Where(s => !rows.Any(r => r.Row.Currency == s.Currency.Trim() && HasAmount(r.Row))));
            foreach (var (row, _) in rows.Where(r => HasAmount(r.Row)))
            {
                var existing = stored.FirstOrDefault(s => s.Currency.Trim() == row.Currency);
                if (existing is null)
                {
                    existing = new CurrencySettings { Currency = row.Currency! };
                    db.CurrencySettings.Add(existing);
                }

                (existing.WriteOffLimit, existing.LateFeeFlat, existing.LateFeeCap) = (row.WriteOffLimit, row.LateFeeFlat, row.LateFeeCap);
            }

            await db.SaveChangesAsync(cancellationToken);
            CurrenciesMessage = "Amounts per currency saved.";
            await LoadSettingsAsync();
        }
        else
        {
            await LoadSettingsAsync(keepCurrencies: true);
        }

        Logo = await logos.DescribeAsync(cancellationToken);
        return Page();
    }

    private static bool HasAmount(CurrencyRow row) => row.WriteOffLimit is not null || row.LateFeeFlat is not null || row.LateFeeCap is not null;

    public async Task OnGetAsync()
    {
        await LoadSettingsAsync();
        Logo = await logos.DescribeAsync(HttpContext.RequestAborted);
    }

    /// <summary>The stored logo itself, for the preview on this page.</summary>
    public async Task<IActionResult> OnGetLogoAsync()
    {
        var logo = await logos.GetAsync(HttpContext.RequestAborted);
        if (logo is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-cache";
        return File(logo.Content, logo.ContentType);
    }

    public async Task<IActionResult> OnPostLogoAsync(IFormFile? logoFile)
    {
        ModelState.Clear(); // the settings form's fields are not posted with the logo; show the stored values
        var cancellationToken = HttpContext.RequestAborted;
        if (logoFile is null || logoFile.Length == 0)
        {
            LogoError = "Choose a PNG or JPEG file of your logo, then upload it.";
        }
        else if (LogoImage.SizeProblem(logoFile.Length) is { } tooLarge)
        {
            LogoError = tooLarge;
        }
        else
        {
            using var content = new MemoryStream((int)logoFile.Length);
            await logoFile.CopyToAsync(content, cancellationToken);
            var result = await logos.SaveAsync(content.ToArray(), logoFile.FileName, cancellationToken);
            LogoError = result.Error;
            LogoMessage = result.IsValid ? $"Logo saved ({result.Width} x {result.Height} pixels). New PDFs show it top left." : null;
        }

        await LoadSettingsAsync();
        Logo = await logos.DescribeAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveLogoAsync()
    {
        ModelState.Clear();
        LogoMessage = await logos.RemoveAsync(HttpContext.RequestAborted) ? "Logo removed. New PDFs show the company name only." : "There was no logo to remove.";
        await LoadSettingsAsync();
        return Page();
    }

    /// <summary>Sets the next number of one series in today's scope; never at or below the highest number used.</summary>
    public async Task<IActionResult> OnPostNextNumberAsync(DocumentSeries series)
    {
        ModelState.Clear();
        var cancellationToken = HttpContext.RequestAborted;
        var settings = await numbers.SettingsAsync(cancellationToken);
        var pattern = DocumentNumbers.PatternOf(settings, series);
        var today = Today;
        var field = $"{nameof(NextNumber)}.{series}";
        if (NextNumber is not { } next || next < 1 || next > 999_999_999_999)
        {
            ModelState.AddModelError(field, "Enter the next number as a whole number, e.g. 1001.");
        }
        else
        {
            var position = await numbers.SetNextAsync(series, pattern, today, next, cancellationToken);
            if (next <= position.HighestUsed)
            {
                var highest = InvoiceNumberPattern.Render(pattern, today, position.HighestUsed);
                ModelState.AddModelError(field,
                    $"{highest} is already used: the next number must be above it, so enter {position.HighestUsed + 1} or more.");
            }
            else
            {
                NumberMessage = $"The next {Label(series)} will be {InvoiceNumberPattern.Render(pattern, today, next)}.";
            }
        }

        await LoadSettingsAsync();
        Logo = await logos.DescribeAsync(cancellationToken);
        return Page();
    }

    public static string Label(DocumentSeries series) => series == DocumentSeries.Invoice ? "invoice" : "credit note";

    private async Task LoadSettingsAsync(bool keepCurrencies = false)
    {
        BaseCurrency = (await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.RequiredTenantId).Select(t => t.BaseCurrency)
            .FirstAsync(HttpContext.RequestAborted)).Trim();
        if (!keepCurrencies)
        {
            Currencies = await db.CurrencySettings.AsNoTracking().OrderBy(c => c.Currency)
                .Select(c => new CurrencyRow { Currency = c.Currency.Trim(), WriteOffLimit = c.WriteOffLimit, LateFeeFlat = c.LateFeeFlat, LateFeeCap = c.LateFeeCap })
                .ToListAsync(HttpContext.RequestAborted);
        }

        Currencies.Add(new CurrencyRow());

        var settings = await db.InvoicingSettings.AsNoTracking().FirstOrDefaultAsync(HttpContext.RequestAborted)
            ?? new InvoicingSettings { TenantId = tenant.RequiredTenantId };
        var today = Today;
        Positions =
        [
            await numbers.PositionAsync(DocumentSeries.Invoice, settings.NumberPattern, today, HttpContext.RequestAborted),
            await numbers.PositionAsync(DocumentSeries.CreditNote, settings.CreditNotePattern, today, HttpContext.RequestAborted),
        ];
        Input = new SettingsInput
        {
            NumberPattern = settings.NumberPattern,
            CreditNotePattern = settings.CreditNotePattern,
            LateFeeKind = settings.LateFeeKind,
            LateFeeValue = settings.LateFeeValue,
            LateFeeGraceDays = settings.LateFeeGraceDays,
            LateFeeCap = settings.LateFeeCap,
            EarlyPaymentTolerance = settings.EarlyPaymentTolerance,
            CompanyDetails = settings.CompanyDetails,
            PaymentInstructions = settings.PaymentInstructions,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var validation = new SettingsInputValidator().Validate(Input);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError($"Input.{error.PropertyName}", error.ErrorMessage);
        }

        if (!validation.IsValid)
        {
            var submitted = Input;
            await LoadSettingsAsync();
            Input = submitted;
            Logo = await logos.DescribeAsync(HttpContext.RequestAborted);
            return Page();
        }

        var settings = await db.InvoicingSettings.FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (settings is null)
        {
            settings = new InvoicingSettings { TenantId = tenant.RequiredTenantId };
            db.InvoicingSettings.Add(settings);
        }

        settings.NumberPattern = Input.NumberPattern.Trim();
        settings.CreditNotePattern = Input.CreditNotePattern.Trim();
        settings.LateFeeKind = Input.LateFeeKind;
        settings.LateFeeValue = Input.LateFeeKind == LateFeeKind.None ? 0m : Input.LateFeeValue;
        settings.LateFeeGraceDays = Input.LateFeeGraceDays;
        settings.LateFeeCap = Input.LateFeeCap;
        settings.EarlyPaymentTolerance = Input.EarlyPaymentTolerance;
        settings.CompanyDetails = Input.CompanyDetails?.Trim();
        settings.PaymentInstructions = Input.PaymentInstructions?.Trim();
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await LoadSettingsAsync();
        Saved = true;
        Logo = await logos.DescribeAsync(HttpContext.RequestAborted);
        return Page();
    }

    public sealed class SettingsInput
    {
        public string NumberPattern { get; set; } = InvoiceNumberPattern.Default;
        public string CreditNotePattern { get; set; } = InvoiceNumberPattern.DefaultCreditNote;
        public LateFeeKind LateFeeKind { get; set; }
        public decimal LateFeeValue { get; set; }
        public int LateFeeGraceDays { get; set; }
        public decimal? LateFeeCap { get; set; }
        public decimal EarlyPaymentTolerance { get; set; }
        public string? CompanyDetails { get; set; }
        public string? PaymentInstructions { get; set; }
    }

    public sealed class SettingsInputValidator : AbstractValidator<SettingsInput>
    {
        public SettingsInputValidator()
        {
            RuleFor(x => x.NumberPattern).Must(p => InvoiceNumberPattern.Problem(p) is null)
                .WithMessage(x => InvoiceNumberPattern.Problem(x.NumberPattern)!);
            RuleFor(x => x.CreditNotePattern).Must(p => InvoiceNumberPattern.Problem(p) is null)
                .WithMessage(x => InvoiceNumberPattern.Problem(x.CreditNotePattern)!);
            RuleFor(x => x.LateFeeValue).GreaterThan(0).When(x => x.LateFeeKind != LateFeeKind.None)
                .WithMessage("Enter the fee: a percentage of the open principal, or a flat amount per month.");
            RuleFor(x => x.LateFeeValue).LessThanOrEqualTo(25).When(x => x.LateFeeKind == LateFeeKind.Percent)
                .WithMessage("A monthly late fee above 25 % is almost certainly a typo; enter e.g. 1.5.");
            RuleFor(x => x.LateFeeGraceDays).InclusiveBetween(0, 90).WithMessage("Grace days are between 0 and 90.");
            RuleFor(x => x.LateFeeCap).GreaterThan(0).When(x => x.LateFeeCap.HasValue)
                .WithMessage("The cap must be more than zero; leave it empty for no cap.");
            RuleFor(x => x.EarlyPaymentTolerance).InclusiveBetween(0, 1000)
                .WithMessage("The tolerance for bank fees is between 0 and 1,000; enter 0 to grant a discount only on the discounted amount.");
            RuleFor(x => x.CompanyDetails).MaximumLength(1000);
            RuleFor(x => x.PaymentInstructions).MaximumLength(1000);
        }
    }
}
