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

    private async Task LoadSettingsAsync()
    {
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
