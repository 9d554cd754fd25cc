using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Invoices;

/// <summary>The outcome of the pre-send checks: errors block issuing, warnings do not.</summary>
public sealed record PreSendReport(IReadOnlyList<(string Field, string Message)> Errors, IReadOnlyList<(string Field, string Message)> Warnings)
{
    public bool CanIssue => Errors.Count == 0;
}

/// <summary>Gathers what the pre-send rules need about the customer from the database and runs the shared rule set.</summary>
public sealed class PreSendChecks(ArCollectDbContext db)
{
    private const int HistoryInvoices = 50;
    private static readonly InvoicePreSendValidator Validator = new();

    public async Task<PreSendReport> CheckAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts)
            .FirstOrDefaultAsync(c => c.Id == invoice.CustomerId, cancellationToken);
        if (customer is null)
        {
            return new PreSendReport([("CustomerId", "The customer does not exist in your company: choose an existing customer.")], []);
        }

        var email = customer.Contacts.Where(c => !c.Bounced && !string.IsNullOrWhiteSpace(c.Email))
            .OrderByDescending(c => c.IsPrimary).Select(c => c.Email).FirstOrDefault();
        var history = await HistoryAsync(invoice, cancellationToken);
        var context = new PreSendContext(invoice, email, PaymentTerms.Net(customer.PaymentTermsDays), history);
        var (errors, warnings) = InvoicePreSendValidator.Split(await Validator.ValidateAsync(context, cancellationToken));
        var disputeRisk = await Disputes.DisputeRiskQuery.WarningsAsync(db, invoice, cancellationToken);
        return new PreSendReport(errors, [.. warnings, .. disputeRisk.Select(w => ("Lines", w))]);
    }

    private async Task<InvoicingHistory> HistoryAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        var issued = db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == invoice.CustomerId && i.Id != invoice.Id && i.State == InvoiceState.Issued);
        var totals = await issued.OrderByDescending(i => i.IssueDate).Take(HistoryInvoices).Select(i => i.Total).ToListAsync(cancellationToken);
        if (totals.Count == 0)
        {
            return InvoicingHistory.None;
        }

        var usualRate = await db.InvoiceLines.AsNoTracking()
            .Where(l => l.LateFeePeriod == null && issued.Select(i => i.Id).Contains(l.InvoiceId))
            .GroupBy(l => l.TaxRate).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => (decimal?)g.Key)
            .FirstOrDefaultAsync(cancellationToken);
        var windowStart = invoice.IssueDate.AddDays(-InvoicePreSendValidator.DuplicateWindowDays);
        var recent = await issued.Where(i => i.IssueDate > windowStart && i.IssueDate <= invoice.IssueDate)
            .Select(i => new IssuedInvoiceSummary(i.Number, i.Total, i.IssueDate)).ToListAsync(cancellationToken);
        return new InvoicingHistory(usualRate, Median(totals), recent);
    }

    private static decimal Median(List<decimal> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2m;
    }
}
