using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Payments;
using ArCollect.Web.Pages.Invoices;
using ArCollect.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Payments;

/// <summary>Records money received from a customer and applies it to open invoices, as the clerk chooses or oldest first.</summary>
public sealed class RecordModel(
    ArCollectDbContext db,
    PaymentRecorder recorder,
    IValidator<RecordPaymentInput> validator,
    TimeProvider time) : PageModel
{
    public sealed record OpenInvoiceRow(Guid Id, string Number, DateOnly IssueDate, DateOnly DueDate, string Currency, decimal Balance, InvoiceStatus Status);

    /// <summary>One "apply" input of the open-invoice table; empty means "nothing to this invoice".</summary>
    public sealed class ApplyRow
    {
        public Guid InvoiceId { get; set; }
        public decimal? Amount { get; set; }
    }

    [BindProperty]
    public RecordPaymentInput Input { get; set; } = new();

    [BindProperty]
    public List<ApplyRow> Apply { get; set; } = [];

    public CustomerOption? Customer { get; private set; }
    public IReadOnlyList<CustomerOption> Customers { get; private set; } = [];
    public IReadOnlyList<OpenInvoiceRow> OpenInvoices { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? customerId, CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (customerId is null)
        {
            Customers = await db.Customers.AsNoTracking()
                .OrderBy(c => c.Name)
                .Select(c => new CustomerOption(c.Id, c.Name, c.Currency, c.PaymentTermsDays))
                .ToListAsync(cancellationToken);
            return Page();
        }

        Customer = await FindCustomerAsync(customerId.Value, cancellationToken);
        if (Customer is null)
        {
            return NotFound();
        }

        Input = new RecordPaymentInput { CustomerId = Customer.Id, Currency = Customer.Currency, ReceivedOn = Today };
        await LoadOpenInvoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Customer = await FindCustomerAsync(Input.CustomerId, cancellationToken);
        if (Customer is null)
        {
            return NotFound();
        }

        Input.Currency = Input.Currency?.Trim().ToUpperInvariant() ?? "";
        Input.Reference = string.IsNullOrWhiteSpace(Input.Reference) ? null : Input.Reference.Trim();
        Input.Allocations = Apply
            .Where(a => a.Amount is { } amount && amount != 0m)
            .Select(a => new AllocationRequest(a.InvoiceId, a.Amount!.Value))
            .ToList();
        ModelState.ApplyValidation(nameof(Input), await validator.ValidateAsync(Input, cancellationToken));
        await LoadOpenInvoicesAsync(cancellationToken);
        if (ModelState.IsValid)
        {
            var result = await recorder.RecordAsync(Input, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Flash"] = await DescribeAsync(result.Payment!, cancellationToken);
                return Redirect($"/Customers/Details/{Customer.Id}");
            }

            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddFieldError(nameof(Input), field, message);
            }
        }

        return Page();
    }

    /// <summary>What happened, in the words the clerk sees next: how much went to which invoice and what is left.</summary>
    private async Task<string> DescribeAsync(Payment payment, CancellationToken cancellationToken)
    {
        var ids = payment.Allocations.Select(a => a.InvoiceId).ToList();
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Number, i.DueDate, i.Balance })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var parts = payment.Allocations
            .Select(a => (Invoice: invoices[a.InvoiceId], a.Amount))
            .OrderBy(a => a.Invoice.DueDate).ThenBy(a => a.Invoice.Number, StringComparer.Ordinal)
            .Select(a => $"{payment.Currency} {a.Amount:N2} to {a.Invoice.Number}"
                + (a.Invoice.Balance <= 0m ? " (now paid)" : $" ({payment.Currency} {a.Invoice.Balance:N2} still open)"))
            .ToList();
        var applied = parts.Count == 0 ? "Nothing was applied to invoices." : $"Applied {string.Join(" and ", parts)}.";
        var unapplied = payment.UnappliedAmount > 0m ? $" {payment.Currency} {payment.UnappliedAmount:N2} is unapplied on the account." : "";
        return $"Payment of {payment.Currency} {payment.Amount:N2} recorded. {applied}{unapplied}";
    }

    private Task<CustomerOption?> FindCustomerAsync(Guid id, CancellationToken cancellationToken) =>
        db.Customers.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new CustomerOption(c.Id, c.Name, c.Currency, c.PaymentTermsDays))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Loads the table and lines its inputs up with it again, keeping amounts typed for invoices still open.</summary>
    private async Task LoadOpenInvoicesAsync(CancellationToken cancellationToken)
    {
        var customerId = Customer!.Id;
        OpenInvoices = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.Balance > 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .SelectWithStatus(Today, (i, status) => new OpenInvoiceRow(i.Id, i.Number, i.IssueDate, i.DueDate, i.Currency, i.Balance, status))
            .ToListAsync(cancellationToken);
        var typed = Apply.Where(a => a.Amount is not null).GroupBy(a => a.InvoiceId).ToDictionary(g => g.Key, g => g.First().Amount);
        Apply = OpenInvoices.Select(i => new ApplyRow { InvoiceId = i.Id, Amount = typed.GetValueOrDefault(i.Id) }).ToList();
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(nameof(Apply) + "[", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }
}
