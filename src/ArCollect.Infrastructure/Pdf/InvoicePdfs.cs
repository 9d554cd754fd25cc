using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Pdf;

/// <summary>A rendered invoice PDF and the file name to download it as.</summary>
public sealed record InvoicePdfFile(string FileName, byte[] Content)
{
    public const string ContentType = "application/pdf";
}

/// <summary>
/// Loads what an invoice PDF prints (invoice, seller profile and bank account, settings, logo, customer with address
/// and language) and renders it; used by the page, the API and reminders that attach invoices.
/// </summary>
public sealed class InvoicePdfs(ArCollectDbContext db)
{
    public async Task<InvoicePdfFile?> RenderAsync(Guid invoiceId, CancellationToken cancellationToken, string? portalLink = null)
    {
        var files = await RenderManyAsync([invoiceId], cancellationToken, portalLink is null ? null : _ => portalLink);
        return files.GetValueOrDefault(invoiceId);
    }

    /// <summary>
    /// The PDFs of several invoices of the current tenant with a fixed number of queries, by invoice id; each prints
    /// the portal link <paramref name="portalLinkFor"/> gives for its customer, if any.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, InvoicePdfFile>> RenderManyAsync(
        IReadOnlyCollection<Guid> invoiceIds, CancellationToken cancellationToken, Func<Guid, string?>? portalLinkFor = null)
    {
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => invoiceIds.Contains(i.Id)).ToListAsync(cancellationToken);
        if (invoices.Count == 0)
        {
            return new Dictionary<Guid, InvoicePdfFile>();
        }

        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Invoice PDFs need a tenant.");
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.Name, t.DefaultLanguage }).FirstAsync(cancellationToken);
        var settings = await db.InvoicingSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var profile = await db.CompanyProfiles.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var customerIds = invoices.Select(i => i.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                Party = new PdfParty(c.Name, c.Street, c.PostalCode, c.City, c.Country, c.VatId),
                c.Language,
                Email = c.Contacts.OrderByDescending(x => x.IsPrimary).ThenBy(x => x.Email).Select(x => x.Email).FirstOrDefault(),
            })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var logo = await db.TenantLogos.AsNoTracking()
            .Select(l => new InvoicePdfLogo(l.Content, l.ContentType, l.Width, l.Height))
            .FirstOrDefaultAsync(cancellationToken);

        var seller = new PdfParty(
            string.IsNullOrWhiteSpace(profile?.LegalName) ? tenant.Name : profile.LegalName,
            profile?.Street, profile?.PostalCode, profile?.City, profile?.Country, profile?.VatId);
        var bank = profile is { HasBankAccount: true } ? new PdfBankAccount(profile.AccountHolder, profile.Iban!, profile.Bic, profile.BankName) : null;
        var files = new Dictionary<Guid, InvoicePdfFile>();
        foreach (var invoice in invoices)
        {
            var customer = customers[invoice.CustomerId];
            var model = new InvoicePdfModel(invoice, tenant.Name, seller, customer.Party, InvoicePdfLabels.LanguageFor(customer.Language, tenant.DefaultLanguage))
            {
                CompanyDetails = settings?.CompanyDetails,
                CustomerEmail = customer.Email,
                Bank = bank,
                PaymentInstructions = settings?.PaymentInstructions,
                Logo = logo,
                PortalLink = portalLinkFor?.Invoke(invoice.CustomerId),
            };
            files[invoice.Id] = new InvoicePdfFile(FileName(invoice), InvoicePdfRenderer.Render(model));
        }

        return files;
    }

    private static string FileName(Invoice invoice) =>
        string.Concat(invoice.Number.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')) + ".pdf";
}
