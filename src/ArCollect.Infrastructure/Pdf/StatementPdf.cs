using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Portal;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig.Writer;

namespace ArCollect.Infrastructure.Pdf;

/// <summary>
/// A customer's statement of account for a period, in the customer's language: invoices issued and payments received
/// in the period, then every item open today with the balance per currency, and the portal link.
/// </summary>
public sealed class StatementPdf(ArCollectDbContext db)
{
    private static readonly double[] Columns = [PdfPageWriter.Left, 170, 270, 370, PdfPageWriter.Right];

    private sealed record Row(string Number, DateOnly Issued, DateOnly Due, string Currency, decimal Total, decimal Balance);

    public async Task<InvoicePdfFile?> RenderAsync(Guid customerId, DateOnly from, DateOnly to, DateOnly today, string? portalUrl, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.Name, c.Language, c.Street, c.PostalCode, c.City }).FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            return null;
        }

        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Statements need a tenant.");
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.Name, t.DefaultLanguage }).FirstAsync(ct);
        var issued = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.State == Domain.Invoices.InvoiceState.Issued && i.IssueDate >= from && i.IssueDate <= to)
            .OrderBy(i => i.IssueDate).ThenBy(i => i.Number)
            .Select(i => new Row(i.Number, i.IssueDate, i.DueDate, i.Currency, i.Total, i.Balance)).ToListAsync(ct);
        var open = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.State == Domain.Invoices.InvoiceState.Issued && i.Balance > 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .Select(i => new Row(i.Number, i.IssueDate, i.DueDate, i.Currency, i.Total, i.Balance)).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.CustomerId == customerId && p.ReceivedOn >= from && p.ReceivedOn <= to)
            .OrderBy(p => p.ReceivedOn)
            .Select(p => new { p.ReceivedOn, p.Reference, p.Amount, p.Currency }).ToListAsync(ct);

        var t = PortalText.For(customer.Language, tenant.DefaultLanguage);
        var builder = new PdfDocumentBuilder();
        var w = new PdfPageWriter(builder);
        w.Text(tenant.Name, 12, w.Bold);
        w.Gap(10);
        w.Text(t["StatementTitle"], 18, w.Bold);
        w.Text(t.Format("Period", t.Date(from), t.Date(to)), 10);
        w.Gap(6);
        w.Text(customer.Name, 10, w.Bold);
        foreach (var line in new[] { customer.Street, $"{customer.PostalCode} {customer.City}".Trim() }.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            w.Paragraph(line!, 10);
        }

        Section(w, t, t["InvoicesInPeriod"], issued, today);
        w.Gap(10);
        w.Text(t["PaymentsInPeriod"], 12, w.Bold);
        if (payments.Count == 0)
        {
            w.Text(t["None"], 10);
        }

        foreach (var p in payments)
        {
            w.Text($"{t.Date(p.ReceivedOn)}   {p.Reference}", 9);
            w.RightAligned(t.Money(p.Amount, p.Currency), Columns[4], 9, w.Regular);
        }

        Section(w, t, t["OpenItems"], open, today);
        foreach (var total in open.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.Text($"{t["Total"]} {t["Open"]} ({total.Key})", 10, w.Bold);
            w.RightAligned(t.Money(total.Sum(r => r.Balance), total.Key), Columns[4], 10, w.Bold);
        }

        if (!string.IsNullOrEmpty(portalUrl))
        {
            w.Gap(14);
            w.Text(t["PortalLine"], 9, w.Bold);
            w.Paragraph(portalUrl, 9);
        }

        w.NumberPages($"{tenant.Name} - {t["StatementTitle"]}");
        var name = $"statement-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.pdf";
        return new InvoicePdfFile(name, builder.Build());
    }

    private static void Section(PdfPageWriter w, PortalText t, string title, IReadOnlyList<Row> rows, DateOnly today)
    {
        w.Gap(10);
        w.Text(title, 12, w.Bold);
        if (rows.Count == 0)
        {
            w.Text(t["None"], 10);
            return;
        }

        w.Text(t["Invoice"], 9, w.Bold, Columns[0]);
        w.Page.AddText(t["Issued"], 9, new UglyToad.PdfPig.Core.PdfPoint(Columns[1], w.Y), w.Bold);
        w.Page.AddText(t["Due"], 9, new UglyToad.PdfPig.Core.PdfPoint(Columns[2], w.Y), w.Bold);
        w.RightAligned(t["Amount"], Columns[3] + 60, 9, w.Bold);
        w.RightAligned(t["Open"], Columns[4], 9, w.Bold);
        w.Rule();
        foreach (var r in rows)
        {
            var due = r.Balance > 0 && r.Due < today ? $"{t.Date(r.Due)} ({t["Overdue"]})" : t.Date(r.Due);
            w.Text(r.Number, 9, w.Regular, Columns[0]);
            w.Page.AddText(PdfFonts.Printable(t.Date(r.Issued)), 9, new UglyToad.PdfPig.Core.PdfPoint(Columns[1], w.Y), w.Regular);
            w.Page.AddText(PdfFonts.Printable(due), 9, new UglyToad.PdfPig.Core.PdfPoint(Columns[2], w.Y), w.Regular);
            w.RightAligned(t.Money(r.Total, r.Currency), Columns[3] + 60, 9, w.Regular);
            w.RightAligned(t.Money(r.Balance, r.Currency), Columns[4], 9, w.Regular);
        }
    }
}
