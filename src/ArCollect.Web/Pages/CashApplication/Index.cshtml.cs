using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Common;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.CashApplication;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.CashApplication;

/// <summary>
/// Cash application: the figures (applied automatically, by hand, waiting and its age), statement import per bank
/// account, and the unapplied-cash queue with each receipt's best suggestion.
/// </summary>
[RequestSizeLimit(ImportLimits.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.MaxFileBytes)]
public sealed class IndexModel(ArCollectDbContext db, StatementImporter importer, TimeProvider time) : PageModel
{
    public sealed record QueueRow(Guid Id, DateOnly BookingDate, decimal Amount, string Currency, string? PayerName, string? Remittance, string? BookingCode, decimal? Confidence, string Account);

    public sealed record DoneRow(Guid Id, DateOnly BookingDate, decimal Amount, string Currency, string? PayerName, BankEntryStatus Status, ApplicationMode? AppliedBy, string? Customer, string? Note);

    public sealed class NewAccount
    {
        public string Name { get; set; } = "";
        public string Iban { get; set; } = "";
        public string Currency { get; set; } = "EUR";
    }

    public IReadOnlyList<BankAccount> Accounts { get; private set; } = [];
    public IReadOnlyList<QueueRow> Queue { get; private set; } = [];
    public IReadOnlyList<DoneRow> Recent { get; private set; } = [];
    public CashTile Tile { get; private set; } = new(0, 0, 0, 0, 0m, 0, 0, "EUR");
    public IReadOnlyList<CashWeek> History { get; private set; } = [];
    public StatementImportResult? Imported { get; private set; }
    public bool CanManageAccounts => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Manager);

    [BindProperty]
    public Guid AccountId { get; set; }

    [BindProperty]
    public StatementFormat? Format { get; set; }

    [BindProperty]
    public NewAccount Account { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose a statement file (camt.053, camt.054, MT940, BAI2 or CSV).");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            Imported = await importer.ImportAsync(AccountId, stream, Format, null, Path.GetFileName(file.FileName), cancellationToken);
            if (!Imported.Succeeded)
            {
                ModelState.AddModelError("file", Imported.Problem!);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAccountAsync(CancellationToken cancellationToken)
    {
        if (!CanManageAccounts)
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(Account.Name) || Account.Name.Trim().Length > 100)
        {
            ModelState.AddModelError("Account.Name", "Name the account, e.g. \"Main account\" (at most 100 characters).");
        }

        if (!Iban.IsValid(Account.Iban))
        {
            ModelState.AddModelError("Account.Iban", "Enter the account's IBAN, e.g. DE89 3704 0044 0532 0130 00; its check digits must hold.");
        }

        if (!CurrencyCodes.IsKnown(Account.Currency?.Trim().ToUpperInvariant()))
        {
            ModelState.AddModelError("Account.Currency", "Currency must be a three-letter ISO 4217 code such as EUR.");
        }

        var iban = Iban.IsValid(Account.Iban) ? Iban.Normalize(Account.Iban) : "";
        if (ModelState.IsValid && await db.BankAccounts.AnyAsync(a => a.Iban == iban, cancellationToken))
        {
            ModelState.AddModelError("Account.Iban", "This account is already set up.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.BankAccounts.Add(new BankAccount { Id = Guid.CreateVersion7(), Name = Account.Name.Trim(), Iban = iban, Currency = Account.Currency!.Trim().ToUpperInvariant(), CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        Message = $"Bank account {Account.Name.Trim()} added.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Accounts = await db.BankAccounts.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var names = Accounts.ToDictionary(a => a.Id, a => a.Name);
        Queue = (await db.BankEntries.AsNoTracking().Where(e => e.Status == BankEntryStatus.Unapplied)
                .OrderByDescending(e => e.Confidence).ThenBy(e => e.BookingDate).Take(200)
                .Select(e => new { e.Id, e.BookingDate, e.Amount, e.Currency, e.PayerName, e.Remittance, e.BookingCode, e.Confidence, e.BankAccountId })
                .ToListAsync(cancellationToken))
            .Select(e => new QueueRow(e.Id, e.BookingDate, e.Amount, e.Currency.Trim(), e.PayerName, e.Remittance, e.BookingCode, e.Confidence, names.GetValueOrDefault(e.BankAccountId, "")))
            .ToList();
        Recent = await (from e in db.BankEntries.AsNoTracking()
                        where e.Status == BankEntryStatus.Applied || e.Status == BankEntryStatus.Parked
                        orderby e.DecidedAt descending
                        join c in db.Customers on e.CustomerId equals c.Id into customers
                        from c in customers.DefaultIfEmpty()
                        select new DoneRow(e.Id, e.BookingDate, e.Amount, e.Currency, e.PayerName, e.Status, e.AppliedBy, c == null ? null : c.Name, e.Note))
            .Take(30).ToListAsync(cancellationToken);
        Tile = await CashQueries.TileAsync(db, today, cancellationToken);
        History = await CashQueries.HistoryAsync(db, today, 8, cancellationToken);
        if (AccountId == Guid.Empty && Accounts.Count > 0)
        {
            AccountId = Accounts[0].Id;
        }
    }
}
