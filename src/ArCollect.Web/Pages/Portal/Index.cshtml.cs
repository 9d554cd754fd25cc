using ArCollect.Domain.Common;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Pdf;
using ArCollect.Infrastructure.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Portal;

/// <summary>
/// The customer's account: balance per currency, open and recently paid invoices with their PDFs, payment
/// instructions with each invoice's RF reference (and an EPC QR code for euro), a statement for a period, and the
/// state of the customer's promises and disputes.
/// </summary>
public sealed class IndexModel(ArCollectDbContext db, PortalSession session, PortalLinks links, Infrastructure.PaymentPlans.PaymentPlanService plans, TimeProvider time)
    : PortalPageModel(db, session, time)
{
    /// <summary>How far back "recently paid" reaches.</summary>
    public const int RecentDays = 90;

    /// <summary>The longest statement period, so one request cannot ask for the whole history.</summary>
    public const int MaxStatementDays = 3 * 366;

    public sealed record InvoiceRow(Guid Id, string Number, DateOnly IssueDate, DateOnly DueDate, string Currency, decimal Total, decimal Balance, bool IsDisputed, DateOnly? SettledOn)
    {
        public string Reference => CreditorReference.FromInvoiceNumber(Number) is { } rf ? CreditorReference.Format(rf) : Number;

        /// <summary>The early-payment discount still on offer (the payment rules credit it when the rest arrives by <see cref="DiscountDeadline"/>).</summary>
        public decimal Discount { get; init; }

        public DateOnly? DiscountDeadline { get; init; }
    }

    public sealed record PromiseRow(DateOnly Date, decimal Amount, string Currency, PromiseStatus Status, string? InvoiceNumber);

    public sealed record DisputeRow(Guid Id, string InvoiceNumber, DisputeReason Reason, decimal Amount, string Currency, DisputeStatus Status, DisputeOutcome? Outcome, DateOnly OpenedOn);

    public sealed record Bank(string Holder, string Iban, string? Bic);

    public IReadOnlyList<InvoiceRow> Open { get; private set; } = [];
    public IReadOnlyList<InvoiceRow> RecentlyPaid { get; private set; } = [];
    public IReadOnlyList<(string Currency, decimal Amount)> Balances { get; private set; } = [];
    public IReadOnlyList<PromiseRow> Promises { get; private set; } = [];
    public IReadOnlyList<DisputeRow> Disputes { get; private set; } = [];
    public Bank? Account { get; private set; }
    public IReadOnlyList<Infrastructure.PaymentPlans.PlanSummary> Plans { get; private set; } = [];

    /// <summary>The prompt-payer rule the customer earns today, shown as a thank-you with its discount.</summary>
    public Domain.Incentives.IncentiveRule? Incentive { get; private set; }

    /// <summary>Whether the tenant takes card payments (Stripe keys set and switched on).</summary>
    public bool TakesCards { get; private set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public DateOnly TodayDate => Today;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct)
    {
        if (!await OwnInvoice(id).AnyAsync(ct))
        {
            return NotFound();
        }

        var file = await new InvoicePdfs(Db).RenderAsync(id, ct, await HomeUrlAsync(ct));
        return file is null ? NotFound() : File(file.Content, InvoicePdfFile.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnGetStatementAsync(CancellationToken ct)
    {
        var to = To ?? Today;
        var from = From ?? to.AddDays(-RecentDays);
        if (from > to)
        {
            ModelState.AddModelError(nameof(From), "The start date must be on or before the end date.");
        }
        else if (to.DayNumber - from.DayNumber > MaxStatementDays)
        {
            ModelState.AddModelError(nameof(From), "A statement can cover at most three years.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var file = await new StatementPdf(Db).RenderAsync(CustomerId, from, to, Today, await HomeUrlAsync(ct), ct);
        return file is null ? NotFound() : File(file.Content, InvoicePdfFile.ContentType, file.FileName);
    }

    /// <summary>The EPC QR code of one open euro invoice of this customer, as a PNG.</summary>
    public async Task<IActionResult> OnGetQrAsync(Guid id, CancellationToken ct)
    {
        var invoice = await OwnInvoice(id).Where(i => i.Balance > 0).Select(i => new { i.Number, i.Balance, i.Currency }).FirstOrDefaultAsync(ct);
        var account = await BankAsync(ct);
        if (invoice is null || account is null)
        {
            return NotFound();
        }

        var reference = CreditorReference.FromInvoiceNumber(invoice.Number) ?? invoice.Number;
        var png = PaymentQr.GiroCodePng(account.Holder, account.Iban, account.Bic, invoice.Balance, invoice.Currency, reference);
        return png is null ? NotFound() : File(png, "image/png");
    }

    public string QrUrl(Guid id) => $"{Home}?handler=Qr&id={id}";

    public string PdfUrl(Guid id) => $"{Home}?handler=Pdf&id={id}";

    private IQueryable<Invoice> OwnInvoice(Guid id) =>
        Db.Invoices.AsNoTracking().Where(i => i.Id == id && i.CustomerId == CustomerId && i.State == InvoiceState.Issued);

    private async Task<string> HomeUrlAsync(CancellationToken ct) => $"{await links.BaseUrlAsync(ct)}{Home}";

    private async Task<Bank?> BankAsync(CancellationToken ct)
    {
        var profile = await Db.CompanyProfiles.AsNoTracking().FirstOrDefaultAsync(ct);
        if (profile is not { HasBankAccount: true })
        {
            return null;
        }

        var holder = string.IsNullOrWhiteSpace(profile.AccountHolder) ? profile.LegalName ?? View.TenantName : profile.AccountHolder;
        return new Bank(holder, profile.Iban!, profile.Bic);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var customerId = CustomerId;
        var since = Today.AddDays(-RecentDays);
        var invoices = (await Db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.State == InvoiceState.Issued && (i.Balance > 0 || i.SettledOn >= since))
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .Select(i => new { Row = new InvoiceRow(i.Id, i.Number, i.IssueDate, i.DueDate, i.Currency, i.Total, i.Balance, i.IsDisputed, i.SettledOn), i.Terms, i.AmountPaid, i.AmountCredited, i.AmountWrittenOff })
            .ToListAsync(ct))
            .Select(i => WithDiscount(i.Row, i.Terms, i.AmountPaid == 0m && i.AmountCredited == 0m && i.AmountWrittenOff == 0m))
            .ToList();
        Open = invoices.Where(i => i.Balance > 0).ToList();
        RecentlyPaid = invoices.Where(i => i.Balance <= 0).OrderByDescending(i => i.SettledOn).Take(20).ToList();
        Balances = Open.GroupBy(i => i.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(i => i.Balance))).ToList();
        Promises = await Db.Promises.AsNoTracking().Where(p => p.CustomerId == customerId)
            .OrderByDescending(p => p.CreatedAt).Take(10)
            .Select(p => new PromiseRow(p.PromisedDate, p.Amount, p.Currency, p.Status,
                Db.Invoices.Where(i => i.Id == p.InvoiceId).Select(i => i.Number).FirstOrDefault()))
            .ToListAsync(ct);
        Disputes = await Db.Disputes.AsNoTracking().Where(d => d.CustomerId == customerId)
            .OrderByDescending(d => d.OpenedOn).Take(10)
            .Join(Db.Invoices, d => d.InvoiceId, i => i.Id, (d, i) => new DisputeRow(d.Id, i.Number, d.Reason, d.Amount, i.Currency, d.Status, d.Outcome, d.OpenedOn))
            .ToListAsync(ct);
        Account = await BankAsync(ct);
        Incentive = await Infrastructure.Incentives.IncentiveEligibility.EarnedAsync(Db, customerId, Today, ct);
        Plans = await plans.ForCustomerAsync(customerId, ct, take: 5);
        TakesCards = Open.Count > 0 && await Db.StripeSettings.AnyAsync(s => s.Enabled && s.SecretKeyProtected != null && s.WebhookSecretProtected != null, ct);
    }

    /// <summary>The discount an open invoice still offers today, as <see cref="Domain.Payments.EarlyPaymentDiscount"/> grants it to a payment in full.</summary>
    private InvoiceRow WithDiscount(InvoiceRow row, string? terms, bool untouched) =>
        row.Balance > 0 && untouched && !row.IsDisputed && PaymentTerms.TryParse(terms, out var parsed)
            && parsed.DiscountDeadline(row.IssueDate) is { } deadline && deadline >= Today
            ? row with { Discount = parsed.DiscountOn(row.Total, row.Currency), DiscountDeadline = deadline }
            : row;

    /// <summary>The customer sees open (while the team works on it), rejected or resolved.</summary>
    public string DisputeState(DisputeRow dispute) => dispute switch
    {
        { Status: DisputeStatus.Open or DisputeStatus.InReview or DisputeStatus.WaitingOnCustomer } => T["Dispute_Open"],
        { Outcome: DisputeOutcome.Rejected } => T["Dispute_Rejected"],
        _ => T["Dispute_Resolved"],
    };

    public string DueText(InvoiceRow row) =>
        row.IsDisputed ? T["Disputed"] : row.DueDate < Today ? T["Overdue"] : T["NotDue"];
}
