using ArCollect.Domain.Activities;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Invoices;

/// <summary>Creates an invoice, or changes one that no money has touched yet.</summary>
public sealed class EditModel(
    ArCollectDbContext db,
    TenantContext tenant,
    IValidator<InvoiceInput> validator,
    TimeProvider time,
    ILogger<EditModel> logger) : PageModel
{
    private const string NumberIndex = "ix_invoices_tenant_id_number";

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
        var input = Input.ToInput(customer);
        ModelState.ApplyValidation(nameof(Input), await validator.ValidateAsync(input, cancellationToken));
        await CheckAgainstTenantAsync(input, customer, id, cancellationToken);
        if (!ModelState.IsValid)
        {
            await PrepareFormAsync(cancellationToken);
            return Page();
        }

        var now = time.GetUtcNow();
        var isNew = invoice is null;
        invoice ??= new Invoice { Id = Guid.CreateVersion7(), Number = input.Number, Currency = input.Currency, CreatedAt = now };
        Apply(input, invoice, now);
        if (isNew)
        {
            db.Invoices.Add(invoice);
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = invoice.CustomerId,
                InvoiceId = invoice.Id,
                Type = ActivityType.Invoice,
                At = now,
                UserId = tenant.UserId,
                Summary = $"Invoice {invoice.Number} issued: {invoice.Currency} {invoice.Total:N2}, due {invoice.DueDate:yyyy-MM-dd}",
            });
        }
        else
        {
            // Lines replaced by InvoiceTotals.Apply are new rows; mark them so, rather than leave EF to guess from their set keys.
            db.InvoiceLines.AddRange(invoice.Lines);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(NumberIndex))
        {
            var number = input.Number;
            logger.LogWarning("Invoice number {Number} was taken concurrently; asked the user for another", number);
            ModelState.AddFieldError(nameof(Input), nameof(Input.Number), NumberTaken(number));
            db.ChangeTracker.Clear();
            await PrepareFormAsync(cancellationToken);
            return Page();
        }

        TempData["Flash"] = isNew ? $"Invoice {invoice.Number} created." : $"Invoice {invoice.Number} saved.";
        return Redirect($"/Invoices/Details/{invoice.Id}");
    }

    private async Task CheckAgainstTenantAsync(InvoiceInput input, CustomerOption? customer, Guid? id, CancellationToken cancellationToken)
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

        if (input.Number.Length > 0 && await db.Invoices.AnyAsync(i => i.Number == input.Number && i.Id != id, cancellationToken))
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.Number), NumberTaken(input.Number));
        }
    }

    private static string NumberTaken(string number) => $"Invoice number {number} is already used in your company.";

    /// <summary>Invoices are changed only before money has touched them; afterwards a credit note corrects them.</summary>
    public static bool CanEdit(decimal amountPaid, decimal amountCredited, decimal amountWrittenOff) =>
        amountPaid == 0m && amountCredited == 0m && amountWrittenOff == 0m;

    private static string? WhyNotEditable(Invoice invoice)
    {
        if (CanEdit(invoice.AmountPaid, invoice.AmountCredited, invoice.AmountWrittenOff))
        {
            return null;
        }

        var settled = new[]
            {
                (invoice.AmountPaid, "paid"), (invoice.AmountCredited, "credited"), (invoice.AmountWrittenOff, "written off"),
            }
            .Where(x => x.Item1 > 0m)
            .Select(x => $"{invoice.Currency} {x.Item1:N2} {x.Item2}");
        return $"Invoice {invoice.Number} can no longer be changed: {string.Join(", ", settled)}. Correct it with a credit note instead.";
    }

    private static void Apply(InvoiceInput input, Invoice invoice, DateTimeOffset now)
    {
        invoice.CustomerId = input.CustomerId;
        invoice.Number = input.Number;
        invoice.IssueDate = input.IssueDate;
        invoice.DueDate = input.DueDate;
        invoice.Currency = input.Currency;
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
