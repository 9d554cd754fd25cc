using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.InvoiceActions;

/// <summary>
/// The pre-send checks of one invoice and, for a draft without errors, the button that issues it.
/// Linked from the invoice page as /InvoiceActions/Issue?id={invoiceId}.
/// </summary>
public sealed class IssueModel(ArCollectDbContext db, PreSendChecks checks, InvoiceIssuer issuer) : PageModel
{
    public Invoice? Invoice { get; private set; }
    public string CustomerName { get; private set; } = "";
    public PreSendReport Report { get; private set; } = new([], []);
    public string? IssuedNumber { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var result = await issuer.IssueAsync(id, HttpContext.RequestAborted);
        if (result.NotFound)
        {
            return NotFound();
        }

        foreach (var (field, message) in result.Report.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        IssuedNumber = result.Succeeded ? result.Invoice!.Number : null;
        await LoadAsync(id);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, HttpContext.RequestAborted);
        if (Invoice is null)
        {
            return false;
        }

        Invoice.Lines.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        CustomerName = await db.Customers.AsNoTracking().Where(c => c.Id == Invoice.CustomerId).Select(c => c.Name).FirstAsync(HttpContext.RequestAborted);
        Report = await checks.CheckAsync(Invoice, HttpContext.RequestAborted);
        return true;
    }
}
