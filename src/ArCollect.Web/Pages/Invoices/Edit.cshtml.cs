using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Invoices;

/// <summary>Saves a draft invoice (no number yet) or changes a draft; issuing happens on the checks page.</summary>
public sealed class EditModel(
    ArCollectDbContext db,
    TenantContext tenant,
    IValidator<InvoiceInput> validator,
    TimeProvider time,
    ILogger<EditModel> logger) : PageModel
{
    [BindProperty]
    public InvoiceForm Input { get; set; } = new();

    public Guid? InvoiceId { get; private set; }
    public string? NotEditableReason { get; private set; }
    public IReadOnlyList<CustomerOption> Customers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? customerId, CancellationToken cancellationToken)
    {
        if (id is { } invoiceId)
        {
            var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
            if (invoice is null)
            {
                return NotFound();
            }

            InvoiceId = invoiceId;
            NotEditableReason = WhyNotEditable(invoice);
            Input = InvoiceForm.From(invoice);
        }
        else
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            Input.IssueDate = today;
            if (customerId is { } picked)
            {
                var customer = await FindCustomerAsync(picked, cancellationToken);
                if (customer is null)
                {
                    return NotFound();
                }

                Input.CustomerId = customer.Id;
                Input.Currency = customer.Currency;
                Input.DueDate = today.AddDays(customer.PaymentTermsDays);
            }
        }

        await PrepareFormAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Invoice? invoice = null;
        if (id is { } invoiceId)
        {
            invoice = await db.Invoices.Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
            if (invoice is null)
            {
                return NotFound();
            }

            InvoiceId = invoiceId;
            NotEditableReason = WhyNotEditable(invoice);
            if (NotEditableReason is not null)
            {
                ModelState.Clear();
                Input = InvoiceForm.From(invoice);
                await PrepareFormAsync(cancellationToken);
                return Page();
            }
        }

        var customer = Input.CustomerId == Guid.Empty ? null : await FindCustomerAsync(Input.CustomerId, cancellationToken);
        var now = time.GetUtcNow();
        var isNew = invoice is null;
        invoice ??= NewDraft(now);
        var input = Input.ToInput(customer);
        input.Number = invoice.Number;
        ModelState.ApplyValidation(nameof(Input), await validator.ValidateAsync(input, cancellationToken));
        CheckAgainstTenant(input, customer);
        if (!ModelState.IsValid)
        {
            await PrepareFormAsync(cancellationToken);
            return Page();
        }

        Apply(input, customer, invoice, now);
        if (isNew)
        {
            db.Invoices.Add(invoice);
        }
        else
        {
            // Lines replaced by InvoiceTotals.Apply are new rows; mark them so, rather than leave EF to guess from their set keys.
            // Late-fee lines are kept as they are (rows already stored).
            db.InvoiceLines.AddRange(invoice.Lines.Where(l => l.LateFeePeriod == null));
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Saved draft invoice {InvoiceId} for {TenantId}", invoice.Id, tenant.TenantId);
        TempData["Flash"] = $"Draft saved ({invoice.Currency} {invoice.Total:N2}). Check it below, then issue it to give it its number.";
        return Redirect($"/InvoiceActions/Issue?id={invoice.Id}");
    }

    /// <summary>A draft carries a provisional number until it is issued; the number series is untouched until then.</summary>
    private static Invoice NewDraft(DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        return new Invoice { Id = id, Number = InvoiceIssuer.DraftNumber(id), State = InvoiceState.Draft, Currency = "", CreatedAt = now };
    }

    private void CheckAgainstTenant(InvoiceInput input, CustomerOption? customer)
    {
        if (input.CustomerId != Guid.Empty && customer is null)
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.CustomerId), "Choose a customer of your company.");
        }

        if (input.Lines.Count(l => !l.IsBlank) > InvoiceForm.MaxLines)
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.Lines), $"An invoice has at most {InvoiceForm.MaxLines} lines.");
        }

        if (input.PurchaseOrder?.Length > 100)
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.PurchaseOrder), "Use at most 100 characters.");
        }

        if (input.Notes?.Length > 2000)
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.Notes), "Use at most 2000 characters.");
        }
    }

    /// <summary>
    /// Only drafts change. An issued invoice keeps its amount, lines, customer, number and dates: it is corrected with
    /// a credit note, or cancelled with a credit note and billed again, so both stay on the ledger.
    /// </summary>
    public static string? WhyNotEditable(Invoice invoice) => invoice.State switch
    {
        InvoiceState.Draft => null,
        InvoiceState.Void => $"Invoice {invoice.Number} is cancelled and can no longer be changed.",
        _ => $"Invoice {invoice.Number} is issued: its amount, lines, customer, number and dates can no longer be changed. "
            + "Correct it with a credit note, or credit it in full and bill again.",
    };

    private static void Apply(InvoiceInput input, CustomerOption? customer, Invoice invoice, DateTimeOffset now)
    {
        invoice.CustomerId = input.CustomerId;
        invoice.IssueDate = input.IssueDate;
        invoice.DueDate = input.DueDate;
        invoice.Currency = input.Currency;
        invoice.Terms = input.Terms ?? (customer is null ? null : PaymentTerms.Net(customer.PaymentTermsDays).ToString());
        invoice.PurchaseOrder = input.PurchaseOrder;
        invoice.Notes = input.Notes;
        invoice.UpdatedAt = now;
        InvoiceTotals.Apply(invoice, input.Lines);
    }

    private Task<CustomerOption?> FindCustomerAsync(Guid id, CancellationToken cancellationToken) =>
        db.Customers.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new CustomerOption(c.Id, c.Name, c.Currency, c.PaymentTermsDays))
            .FirstOrDefaultAsync(cancellationToken);

    private async Task PrepareFormAsync(CancellationToken cancellationToken)
    {
        Customers = await db.Customers.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new CustomerOption(c.Id, c.Name, c.Currency, c.PaymentTermsDays))
            .ToListAsync(cancellationToken);
        Input.PadLines();
    }
}
