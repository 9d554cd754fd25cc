using System.Globalization;
using System.Runtime.CompilerServices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Imports;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Exports;

/// <summary>What can be exported for an accounting system to import.</summary>
public enum AccountingExport
{
    /// <summary>Payments as a bank-transactions file: each receipt a deposit the system matches to its open invoice.</summary>
    Payments,

    /// <summary>Credit notes in the system's credit-note import template.</summary>
    CreditNotes,
}

/// <summary>
/// Payments and credit notes in layouts QuickBooks Online and Xero import (sources in docs/ledger.md): payments as
/// their bank-statement CSV uploads, credit notes as Xero's credit-note template. QuickBooks Online imports no
/// credit memos from a file, so there is no such export for it.
/// </summary>
public sealed class AccountingExports(ArCollectDbContext db)
{
    public static bool Supports(AccountingLayout layout, AccountingExport export) =>
        layout == AccountingLayout.Xero || (layout == AccountingLayout.QuickBooksOnline && export == AccountingExport.Payments);

    public LedgerTable Table(AccountingLayout layout, AccountingExport export, DateOnly start, DateOnly end)
    {
        if (!Supports(layout, export))
        {
            throw new ArgumentException($"{AccountingLayouts.Name(layout)} imports no {export} file.", nameof(export));
        }

        var dateFormat = AccountingLayouts.DefaultDateOrder(layout) == DateOrder.MonthFirst ? "MM/dd/yyyy" : "dd/MM/yyyy";
        string Date(DateOnly d) => d.ToString(dateFormat, CultureInfo.InvariantCulture);
        return (layout, export) switch
        {
            (AccountingLayout.QuickBooksOnline, AccountingExport.Payments) => new LedgerTable("Payments", ["Date", "Description", "Amount"],
                Payments(start, end, p => [Date(p.ReceivedOn), Describe(p), p.Amount])),
            (_, AccountingExport.Payments) => new LedgerTable("Payments", ["Date", "Amount", "Payee", "Description", "Reference"],
                Payments(start, end, p => [Date(p.ReceivedOn), p.Amount, p.Customer, Describe(p), p.Reference ?? ""])),
            _ => new LedgerTable("Credit notes",
                ["ContactName", "CreditNoteNumber", "Reference", "CreditNoteDate", "Description", "Quantity", "UnitAmount", "AccountCode", "TaxType", "Currency"],
                CreditNotes(start, end, c => [c.Customer, c.Number, c.InvoiceNumber ?? "", Date(c.IssueDate), c.Reason, 1, c.Amount, "", "", c.Currency])),
        };
    }

    private sealed record PaymentRow(DateOnly ReceivedOn, decimal Amount, string Currency, string Customer, string? Reference, string? Invoices);

    private sealed record CreditNoteRow(string Number, DateOnly IssueDate, decimal Amount, string Currency, string Customer, string? InvoiceNumber, string Reason);

    private static string Describe(PaymentRow p) =>
        string.Join(" ", new[] { p.Customer, p.Reference, p.Invoices is { Length: > 0 } i ? "for " + i : null }.Where(s => !string.IsNullOrEmpty(s)));

    private async IAsyncEnumerable<object?[]> Payments(DateOnly start, DateOnly end, Func<PaymentRow, object?[]> row, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = from p in db.Payments.AsNoTracking()
                    join c in db.Customers on p.CustomerId equals c.Id
                    where p.ReceivedOn >= start && p.ReceivedOn <= end
                    orderby p.ReceivedOn, p.CreatedAt, p.Id
                    select new
                    {
                        p.ReceivedOn,
                        p.Amount,
                        p.Currency,
                        c.Name,
                        p.Reference,
                        Invoices = (from a in db.PaymentAllocations
                                    join i in db.Invoices on a.InvoiceId equals i.Id
                                    where a.PaymentId == p.Id
                                    orderby i.Number
                                    select i.Number).ToList(),
                    };
        await foreach (var p in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row(new PaymentRow(p.ReceivedOn, p.Amount, p.Currency, p.Name, p.Reference, string.Join(" ", p.Invoices)));
        }
    }

    private async IAsyncEnumerable<object?[]> CreditNotes(DateOnly start, DateOnly end, Func<CreditNoteRow, object?[]> row, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = from n in db.CreditNotes.AsNoTracking()
                    join c in db.Customers on n.CustomerId equals c.Id
                    join i in db.Invoices on n.InvoiceId equals i.Id into invoice
                    from i in invoice.DefaultIfEmpty()
                    where n.IssueDate >= start && n.IssueDate <= end
                    orderby n.IssueDate, n.Number
                    select new CreditNoteRow(n.Number, n.IssueDate, n.Amount, n.Currency, c.Name, i == null ? null : i.Number, n.Reason);
        await foreach (var n in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row(n);
        }
    }
}
