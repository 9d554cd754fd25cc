using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.CreditNotes;

/// <summary>
/// Credits or writes off (part of) one invoice with a reason. Linked from the invoice page as
/// /CreditNotes/New?invoiceId={id} and /CreditNotes/New?invoiceId={id}&amp;writeOff=true.
/// </summary>
public sealed class NewModel(ArCollectDbContext db, InvoiceAdjustments adjustments, IValidator<AdjustmentInput> validator, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool WriteOff { get; set; }

    [BindProperty]
    public AdjustmentInput Input { get; set; } = new();

    public string InvoiceNumber { get; private set; } = "";
    public string Currency { get; private set; } = "";
    public decimal OpenAmount { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid invoiceId)
    {
        Input = new AdjustmentInput { InvoiceId = invoiceId, Date = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime) };
        return await LoadAsync(invoiceId) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var validation = await validator.ValidateAsync(Input, HttpContext.RequestAborted);
        var errors = validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList();
        AdjustmentResult? succeeded = null;
        if (validation.IsValid)
        {
            // Managers and admins write off any amount; a clerk's write-off above the currency's limit waits for a manager.
            var mayExceedLimit = User.IsInRole(Roles.Manager) || User.IsInRole(Roles.Admin);
            var result = WriteOff
                ? await adjustments.WriteOffAsync(Input, mayExceedLimit, HttpContext.RequestAborted)
                : await adjustments.CreditAsync(Input, HttpContext.RequestAborted);
            if (result.NotFound)
            {
                return NotFound();
            }

            errors.AddRange(result.Errors);
            succeeded = result.Succeeded ? result : null;
        }

        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"Input.{field}", message);
        }

        if (!await LoadAsync(Input.InvoiceId))
        {
            return NotFound();
        }

        // Every message about money names its currency.
        Done = succeeded is null ? null
            : succeeded.IsPending ? $"{Currency} {succeeded.Amount:N2} is above your company's write-off limit of {Currency} {succeeded.Limit:N2}: "
                + "the write-off was sent to a manager for approval and nothing is written off until it is approved."
            : WriteOff ? $"Wrote off {Currency} {succeeded.Amount:N2}."
            : $"Credit note {succeeded.Number} for {Currency} {succeeded.Amount:N2} created.";
        return Page();
    }

    private async Task<bool> LoadAsync(Guid invoiceId)
    {
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId)
            .Select(i => new { i.Number, i.Currency, i.Balance }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (invoice is null)
        {
            return false;
        }

        (InvoiceNumber, Currency, OpenAmount) = (invoice.Number, invoice.Currency, invoice.Balance);
        return true;
    }
}
