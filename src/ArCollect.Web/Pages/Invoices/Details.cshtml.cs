using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Invoices;

/// <summary>One invoice: its lines, the payments and credit notes that settled it, and any disputes.</summary>
public sealed class DetailsModel(ArCollectDbContext db, TimeProvider time) : PageModel
{
    public sealed record Header(
        Guid Id, string Number, Guid CustomerId, string CustomerName, DateOnly IssueDate, DateOnly DueDate, string Currency,
        decimal Subtotal, decimal TaxTotal, decimal Total, decimal AmountPaid, decimal AmountCredited, decimal AmountWrittenOff,
        decimal Balance, DateOnly? SettledOn, string? PurchaseOrder, string? Notes, InvoiceStatus Status);

    public sealed record LineRow(int LineNumber, string Description, decimal Quantity, decimal UnitPrice, decimal TaxRate, decimal NetAmount, decimal TaxAmount);

    public sealed record AppliedPayment(Guid PaymentId, DateOnly ReceivedOn, string? Reference, PaymentMethod Method, decimal PaymentAmount, decimal Applied);

    public sealed record CreditRow(string Number, DateOnly IssueDate, decimal Amount, string Reason);

    public sealed record DisputeRow(Guid Id, string Reason, DisputeStatus Status, decimal Amount, DateOnly OpenedOn, DateOnly? ResolvedOn, string? Notes);

    public Header Invoice { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public IReadOnlyList<LineRow> Lines { get; private set; } = [];
    public IReadOnlyList<AppliedPayment> Payments { get; private set; } = [];
    public IReadOnlyList<CreditRow> Credits { get; private set; } = [];
    public IReadOnlyList<DisputeRow> Disputes { get; private set; } = [];

    /// <summary>The invoice this draft (or its issued successor) replaces by cancel and rebill, and the one that replaced this.</summary>
    public (Guid Id, string Number, bool IsDraft)? RebillOf { get; private set; }
    public (Guid Id, string Number, bool IsDraft)? RebilledAs { get; private set; }

    /// <summary>Cancel and rebill applies to issued invoices with nothing paid or written off, once.</summary>
    public bool CanRebill => Invoice.Status is not (InvoiceStatus.Draft or InvoiceStatus.Void) && Invoice.AmountPaid == 0m
        && Invoice.AmountWrittenOff == 0m && Invoice.Balance > 0m && RebilledAs is null;

    public int? DaysOverdue => InvoiceQueries.DaysOverdue(Invoice.DueDate, Invoice.Balance, Today);

    /// <summary>Only drafts are edited; an issued invoice is corrected with a credit note or cancelled and rebilled.</summary>
    public bool CanEdit => Invoice.Status == InvoiceStatus.Draft;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var header = await db.Invoices.AsNoTracking()
            .Where(i => i.Id == id)
            .Join(db.Customers, i => i.CustomerId, c => c.Id, (i, c) => new { Invoice = i, CustomerName = c.Name })
            .SelectWithStatus(Today, x => x.Invoice, (x, status) => new Header(
                x.Invoice.Id, x.Invoice.Number, x.Invoice.CustomerId, x.CustomerName, x.Invoice.IssueDate, x.Invoice.DueDate,
                x.Invoice.Currency, x.Invoice.Subtotal, x.Invoice.TaxTotal, x.Invoice.Total, x.Invoice.AmountPaid,
                x.Invoice.AmountCredited, x.Invoice.AmountWrittenOff, x.Invoice.Balance, x.Invoice.SettledOn,
                x.Invoice.PurchaseOrder, x.Invoice.Notes, status))
            .FirstOrDefaultAsync(cancellationToken);
        if (header is null)
        {
            return NotFound();
        }

        Invoice = header;
        var rebillOfId = await db.Invoices.AsNoTracking().Where(i => i.Id == id).Select(i => i.RebillOfId).FirstAsync(cancellationToken);
        RebillOf = await db.Invoices.AsNoTracking().Where(i => i.Id == rebillOfId)
            .Select(i => new { i.Id, i.Number, i.State }).FirstOrDefaultAsync(cancellationToken) is { } of
            ? (of.Id, of.Number, of.State == InvoiceState.Draft) : null;
        RebilledAs = await db.Invoices.AsNoTracking().Where(i => i.RebillOfId == id)
            .Select(i => new { i.Id, i.Number, i.State }).FirstOrDefaultAsync(cancellationToken) is { } by
            ? (by.Id, by.Number, by.State == InvoiceState.Draft) : null;
        Lines = await db.InvoiceLines.AsNoTracking()
            .Where(l => l.InvoiceId == id)
            .OrderBy(l => l.LineNumber)
            .Select(l => new LineRow(l.LineNumber, l.Description, l.Quantity, l.UnitPrice, l.TaxRate, l.NetAmount, l.TaxAmount))
            .ToListAsync(cancellationToken);
        Payments = await db.PaymentAllocations.AsNoTracking()
            .Where(a => a.InvoiceId == id)
            .Join(db.Payments, a => a.PaymentId, p => p.Id, (a, p) => new { Payment = p, Applied = a.Amount })
            .OrderBy(x => x.Payment.ReceivedOn).ThenBy(x => x.Payment.CreatedAt)
            .Select(x => new AppliedPayment(x.Payment.Id, x.Payment.ReceivedOn, x.Payment.Reference, x.Payment.Method, x.Payment.Amount, x.Applied))
            .ToListAsync(cancellationToken);
        Credits = await db.CreditNotes.AsNoTracking()
            .Where(c => c.InvoiceId == id)
            .OrderBy(c => c.IssueDate)
            .Select(c => new CreditRow(c.Number, c.IssueDate, c.Amount, c.Reason))
            .ToListAsync(cancellationToken);
        Disputes = await db.Disputes.AsNoTracking()
            .Where(d => d.InvoiceId == id || d.Items.Any(x => x.InvoiceId == id))
            .OrderByDescending(d => d.OpenedOn)
            .Select(d => new DisputeRow(d.Id, d.ReasonCode, d.Status, d.Amount, d.OpenedOn, d.ResolvedOn, d.Notes))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
