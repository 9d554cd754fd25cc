using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Payments;
using ArCollect.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Customers;

/// <summary>Applies money kept on a customer's account (in one currency) to chosen open invoices, or the oldest first.</summary>
public sealed class ApplyCreditModel(ArCollectDbContext db, UnappliedCashApplier applier, IValidator<ApplyUnappliedCashInput> validator) : PageModel
{
    public sealed record OpenInvoiceRow(Guid Id, string Number, DateOnly DueDate, decimal Balance);

    /// <summary>One "apply" input of the open-invoice table; empty means "nothing to this invoice".</summary>
    public sealed class ApplyRow
    {
        public Guid InvoiceId { get; set; }
        public decimal? Amount { get; set; }
    }

    [BindProperty]
    public List<ApplyRow> Apply { get; set; } = [];

    public Guid CustomerId { get; private set; }
    public string CustomerName { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Currency { get; set; }

    public IReadOnlyList<UnappliedCash> OnAccount { get; private set; } = [];
    public UnappliedCash? Credit => OnAccount.FirstOrDefault(c => c.Currency == Currency);
    public IReadOnlyList<OpenInvoiceRow> OpenInvoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var input = new ApplyUnappliedCashInput
        {
            CustomerId = id,
            Currency = Currency ?? "",
            Allocations = Apply.Where(a => a.Amount is { } amount && amount != 0m).Select(a => new AllocationRequest(a.InvoiceId, a.Amount!.Value)).ToList(),
        };
        // Row errors show above the table with the others about the amounts.
        foreach (var error in (await validator.ValidateAsync(input, cancellationToken)).Errors)
        {
            ModelState.AddFieldError("Input", error.PropertyName.StartsWith(nameof(input.Allocations), StringComparison.Ordinal) ? nameof(input.Allocations) : error.PropertyName, error.ErrorMessage);
        }

        if (ModelState.IsValid)
        {
            var result = await applier.ApplyAsync(input, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Flash"] = Describe(result, input.Currency);
                return Redirect($"/Customers/Details/{id}");
            }

            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddFieldError("Input", field, message);
            }
        }

        return Page();
    }

    private static string Describe(ApplyUnappliedCashResult result, string currency)
    {
        var parts = result.Applied.Select(a => $"{currency} {a.Amount:N2} to {a.Invoice.Number}"
            + (a.Settled ? " (now paid)" : $" ({currency} {a.Invoice.OpenAmount:N2} still open)"));
        return $"Applied {string.Join(" and ", parts)} from the money on account. {currency} {result.LeftOnAccount:N2} is left on account.";
    }

    /// <summary>The customer, its money on account and the open invoices of the chosen currency (the largest credit's when none is chosen).</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return false;
        }

        (CustomerId, CustomerName) = (customer.Id, customer.Name);
        OnAccount = await applier.OnAccountAsync(id, cancellationToken);
        Currency = string.IsNullOrWhiteSpace(Currency) ? (OnAccount.Count > 0 ? OnAccount[0].Currency : null) : Currency.Trim().ToUpperInvariant();
        var currency = Currency ?? "";
        OpenInvoices = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == id && i.Balance > 0 && i.Currency == currency)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .Select(i => new OpenInvoiceRow(i.Id, i.Number, i.DueDate, i.Balance))
            .ToListAsync(cancellationToken);
        var typed = Apply.Where(a => a.Amount is not null).GroupBy(a => a.InvoiceId).ToDictionary(g => g.Key, g => g.First().Amount);
        Apply = OpenInvoices.Select(i => new ApplyRow { InvoiceId = i.Id, Amount = typed.GetValueOrDefault(i.Id) }).ToList();
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(nameof(Apply) + "[", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        return true;
    }
}
