using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.CashApplication;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.CashApplication;

/// <summary>
/// One receipt: its ranked suggestions with their evidence (accept one), a split across a customer's invoices, a
/// search of open invoices, park with a note; once applied, undo with a reason.
/// </summary>
public sealed class EntryModel(ArCollectDbContext db, CashApplier applier) : PageModel
{
    public sealed record InvoiceRow(Guid Id, string Number, DateOnly DueDate, decimal Balance, string Currency);

    public sealed record Suggestion(int Rank, MatchCandidate Candidate, string Customer);

    public sealed class SplitRow
    {
        public Guid InvoiceId { get; set; }
        public decimal? Amount { get; set; }
    }

    public BankEntry Entry { get; private set; } = null!;
    public string AccountName { get; private set; } = "";
    public string? AppliedTo { get; private set; }
    public IReadOnlyList<Suggestion> Suggestions { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Customers { get; private set; } = [];
    public IReadOnlyList<InvoiceRow> CustomerInvoices { get; private set; } = [];
    public IReadOnlyList<(OpenInvoiceItem Invoice, string Customer)> Found { get; private set; } = [];
    public decimal SplitAmount { get; private set; }
    public string SplitCurrency { get; private set; } = "";
    public string? SplitNote { get; private set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Customer { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public List<SplitRow> Split { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public Guid CandidateCustomer { get; set; }

    // Nullable: a non-nullable bound string is implicitly required, which failed every other form of this page
    // (split, park, undo) with "The CandidateInvoices field is required." A suggestion without invoices (keep on
    // account, not a customer payment) posts it empty, which binds as null.
    [BindProperty]
    public string? CandidateInvoices { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken)
    {
        var entry = await db.BankEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }

        var matcher = await db.CashMatcherAsync(cancellationToken);
        var candidate = matcher.Match(entry.ToReceipt()).Candidates
            .FirstOrDefault(c => c.CustomerId == CandidateCustomer && string.Join(',', c.Allocations.Select(a => a.InvoiceId)) == (CandidateInvoices ?? ""));
        if (candidate is null)
        {
            ModelState.AddModelError("", "That suggestion no longer fits (an invoice was paid meanwhile): choose again.");
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        if (!candidate.PaysCustomer)
        {
            var why = "not a customer payment (" + string.Join("; ", candidate.Evidence.Take(candidate.Evidence.Count - 1)) + ")";
            return await DoneAsync(id, await applier.ParkAsync(id, why, cancellationToken), "Parked as not a customer payment.", cancellationToken);
        }

        return await DoneAsync(id, await applier.ApplyAsync(id, ApplicationRequest.From(candidate, matcher.Rules), ApplicationMode.Clerk, cancellationToken),
            "Applied as suggested.", cancellationToken);
    }

    public async Task<IActionResult> OnPostSplitAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Customer is not { } customerId || Customers.All(c => c.Id != customerId))
        {
            ModelState.AddModelError(nameof(Customer), "Choose the customer who paid.");
            return Page();
        }

        if (SplitNote is not null && SplitAmount == 0m)
        {
            ModelState.AddModelError(nameof(Split), SplitNote);
            return Page();
        }

        var rows = Split.Where(r => r.Amount is > 0m).ToList();
        for (var i = 0; i < Split.Count; i++)
        {
            if (Split[i].Amount is < 0m)
            {
                ModelState.AddModelError($"Split[{i}].Amount", "Enter a positive amount or leave it empty.");
            }
        }

        if (rows.Sum(r => r.Amount!.Value) > SplitAmount)
        {
            ModelState.AddModelError(nameof(Split), $"The amounts add up to more than the {SplitCurrency} {SplitAmount:N2} received.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var request = new ApplicationRequest(customerId, SplitAmount, SplitCurrency, rows.Select(r => new AllocationRequest(r.InvoiceId, r.Amount!.Value)).ToList(),
            0m, [], null, rows.Count == 0 ? "Kept on the customer's account by a clerk" : $"Split by a clerk across {rows.Count} invoice(s)");
        return await DoneAsync(id, await applier.ApplyAsync(id, request, ApplicationMode.Clerk, cancellationToken),
            rows.Count == 0 ? "Kept on the customer's account as unapplied credit." : "Applied as split.", cancellationToken);
    }

    public async Task<IActionResult> OnPostParkAsync(Guid id, CancellationToken cancellationToken) =>
        await DoneAsync(id, await applier.ParkAsync(id, Note ?? "", cancellationToken), "Parked.", cancellationToken);

    public async Task<IActionResult> OnPostUnparkAsync(Guid id, CancellationToken cancellationToken) =>
        await DoneAsync(id, await applier.UnparkAsync(id, cancellationToken), "Back in the queue.", cancellationToken);

    public async Task<IActionResult> OnPostUndoAsync(Guid id, CancellationToken cancellationToken) =>
        await DoneAsync(id, await applier.UndoAsync(id, Note ?? "", cancellationToken), "Application undone; the receipt waits in the queue again.", cancellationToken);

    private async Task<IActionResult> DoneAsync(Guid id, CashResult result, string message, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            Message = message;
            return RedirectToPage(new { id });
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(nameof(Note), error);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var entry = await db.BankEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        Entry = entry;
        AccountName = await db.BankAccounts.Where(a => a.Id == entry.BankAccountId).Select(a => a.Name).SingleAsync(cancellationToken);
        Customers = (await db.Customers.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.Name)).ToList();
        var names = Customers.ToDictionary(c => c.Id, c => c.Name);
        AppliedTo = entry.CustomerId is { } applied ? names.GetValueOrDefault(applied) : null;
        if (entry.Status != BankEntryStatus.Unapplied)
        {
            return true;
        }

        var matcher = await db.CashMatcherAsync(cancellationToken);
        Suggestions = matcher.Match(entry.ToReceipt()).Candidates.Take(5)
            .Select((c, i) => new Suggestion(i + 1, c, c.PaysCustomer ? names.GetValueOrDefault(c.CustomerId, "a customer") : "Not a customer payment")).ToList();
        Customer ??= Suggestions.FirstOrDefault(s => s.Candidate.PaysCustomer)?.Candidate.CustomerId;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Found = matcher.Search(Q).Select(i => (i, names.GetValueOrDefault(i.CustomerId, ""))).ToList();
        }

        if (Customer is { } customerId)
        {
            CustomerInvoices = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId && i.Balance > 0)
                .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
                .Select(i => new InvoiceRow(i.Id, i.Number, i.DueDate, i.Balance, i.Currency)).ToListAsync(cancellationToken);
            var currency = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Currency).SingleOrDefaultAsync(cancellationToken) ?? entry.Currency;
            SplitCurrency = CustomerInvoices.Count > 0 ? CustomerInvoices[0].Currency.Trim() : currency.Trim();
            SplitAmount = entry.Amount;
            if (SplitCurrency != entry.Currency.Trim())
            {
                var rates = await db.ConverterAsync(cancellationToken);
                var from = rates.RateFor(entry.Currency.Trim(), entry.BookingDate);
                var to = rates.RateFor(SplitCurrency, entry.BookingDate);
                SplitAmount = from is null || to is null ? 0m : ArCollect.Domain.Common.Money.Round(entry.Amount * from.RateToBase / to.RateToBase, SplitCurrency);
                SplitNote = SplitAmount == 0m
                    ? $"No stored rate converts {entry.Currency.Trim()} into {SplitCurrency} on {entry.BookingDate:yyyy-MM-dd}: add the rate under Insights, Rates first."
                    : $"{entry.Currency.Trim()} {entry.Amount:N2} is {SplitCurrency} {SplitAmount:N2} at the stored rate.";
            }
        }

        return true;
    }
}
