using ArCollect.Infrastructure.Pdf;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.InvoiceActions;

/// <summary>Downloads an invoice as PDF; linked from the invoice page as /InvoiceActions/Pdf?id={invoiceId}.</summary>
public sealed class PdfModel(InvoicePdfs pdfs) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await pdfs.RenderAsync(id, HttpContext.RequestAborted) is { } file
            ? File(file.Content, "application/pdf", file.FileName)
            : NotFound();
}
