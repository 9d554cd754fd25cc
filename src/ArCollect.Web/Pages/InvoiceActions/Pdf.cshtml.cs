using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Pdf;
using ArCollect.Infrastructure.Portal;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.InvoiceActions;

/// <summary>
/// Downloads an invoice as PDF; linked from the invoice page as /InvoiceActions/Pdf?id={invoiceId}. An issued
/// invoice goes to its customer, so it prints a fresh portal link of that customer.
/// </summary>
public sealed class PdfModel(ArCollectDbContext db, InvoicePdfs pdfs, PortalLinks links, TenantContext tenant) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var customerId = await db.Invoices.Where(i => i.Id == id && i.State == InvoiceState.Issued).Select(i => (Guid?)i.CustomerId).FirstOrDefaultAsync(ct);
        string? portal = null;
        if (customerId is { } customer)
        {
            portal = (await links.IssueAsync(customer, "Invoice PDF", tenant.UserId, ct)).Url;
            await db.SaveChangesAsync(ct);
        }

        return await pdfs.RenderAsync(id, ct, portal) is { } file
            ? File(file.Content, "application/pdf", file.FileName)
            : NotFound();
    }
}
