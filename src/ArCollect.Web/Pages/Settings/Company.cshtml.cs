using ArCollect.Domain.Common;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>Admins enter the company as seller (legal name, address, VAT id) and the bank account printed on invoices and reminders.</summary>
public sealed class CompanyModel(ArCollectDbContext db, TenantContext tenant) : PageModel
{
    [BindProperty]
    public CompanyProfileInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    public async Task OnGetAsync()
    {
        var profile = await db.CompanyProfiles.AsNoTracking().FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (profile is null)
        {
            Input.LegalName = await db.Tenants.Where(t => t.Id == tenant.RequiredTenantId).Select(t => t.Name).FirstAsync(HttpContext.RequestAborted);
            return;
        }

        Input = new CompanyProfileInput
        {
            LegalName = profile.LegalName,
            Street = profile.Street,
            PostalCode = profile.PostalCode,
            City = profile.City,
            Country = profile.Country,
            VatId = profile.VatId,
            AccountHolder = profile.AccountHolder,
            Iban = profile.Iban is null ? null : Iban.Format(profile.Iban),
            Bic = profile.Bic,
            BankName = profile.BankName,
            AttachInvoicePdfs = profile.AttachInvoicePdfs,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var validation = new CompanyProfileInputValidator().Validate(Input);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError($"Input.{error.PropertyName}", error.ErrorMessage);
        }

        if (!validation.IsValid)
        {
            return Page();
        }

        var profile = await db.CompanyProfiles.FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (profile is null)
        {
            profile = new CompanyProfile { TenantId = tenant.RequiredTenantId };
            db.CompanyProfiles.Add(profile);
        }

        profile.LegalName = Blank(Input.LegalName);
        profile.Street = Blank(Input.Street);
        profile.PostalCode = Blank(Input.PostalCode);
        profile.City = Blank(Input.City);
        profile.Country = Blank(Input.Country)?.ToUpperInvariant();
        profile.VatId = Blank(Input.VatId)?.ToUpperInvariant();
        profile.AccountHolder = Blank(Input.AccountHolder);
        profile.Iban = Blank(Input.Iban) is { } iban ? Iban.Normalize(iban) : null;
        profile.Bic = Blank(Input.Bic)?.ToUpperInvariant();
        profile.BankName = Blank(Input.BankName);
        profile.AttachInvoicePdfs = Input.AttachInvoicePdfs;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Saved = true;
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
