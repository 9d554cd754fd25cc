using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Pdf;

/// <summary>A rendered invoice PDF and the file name to download it as.</summary>
public sealed record InvoicePdfFile(string FileName, byte[] Content);

/// <summary>Loads what an invoice PDF prints (invoice, tenant, settings, logo, customer) and renders it; used by the page and the API.</summary>
public sealed class InvoicePdfs(ArCollectDbContext db, TenantContext tenant)
{
    /// <summary>
    /// Printed until the customer portal issues per-customer links; the portal will pass the signed link instead.
    /// </summary>
    public const string PortalLinkPending = "your personal portal link, sent with our emails";

    public async Task<InvoicePdfFile?> RenderAsync(Guid invoiceId, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        var tenantName = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.RequiredTenantId).Select(t => t.Name).FirstAsync(cancellationToken);
        var settings = await db.InvoicingSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == invoice.CustomerId)
            .Select(c => new { c.Name, Email = c.Contacts.OrderByDescending(x => x.IsPrimary).Select(x => x.Email).FirstOrDefault() })
            .FirstAsync(cancellationToken);
        var logo = await db.TenantLogos.AsNoTracking()
            .Select(l => new InvoicePdfLogo(l.Content, l.ContentType, l.Width, l.Height))
            .FirstOrDefaultAsync(cancellationToken);
        var model = new InvoicePdfModel(
            invoice, tenantName, settings?.CompanyDetails, customer.Name, customer.Email, settings?.PaymentInstructions, PortalLinkPending, logo);
        var safeName = string.Concat(invoice.Number.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
        return new InvoicePdfFile($"{safeName}.pdf", InvoicePdfRenderer.Render(model));
    }
}
