using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>Admins set numbering patterns, the late-fee policy and what invoices print about the company.</summary>
public sealed class InvoicingModel(ArCollectDbContext db, TenantContext tenant) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    public async Task OnGetAsync()
    {
        var settings = await db.InvoicingSettings.AsNoTracking().FirstOrDefaultAsync(HttpContext.RequestAborted)
            ?? new InvoicingSettings { TenantId = tenant.RequiredTenantId };
        Input = new SettingsInput
        {
            NumberPattern = settings.NumberPattern,
            CreditNotePattern = settings.CreditNotePattern,
            LateFeeKind = settings.LateFeeKind,
            LateFeeValue = settings.LateFeeValue,
            LateFeeGraceDays = settings.LateFeeGraceDays,
            LateFeeCap = settings.LateFeeCap,
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
        settings.CompanyDetails = Input.CompanyDetails?.Trim();
        settings.PaymentInstructions = Input.PaymentInstructions?.Trim();
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Saved = true;
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
            RuleFor(x => x.CompanyDetails).MaximumLength(1000);
            RuleFor(x => x.PaymentInstructions).MaximumLength(1000);
        }
    }
}
