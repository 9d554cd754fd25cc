using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Invoices;

/// <summary>Creates draft invoices from validated input; the number is provisional until the draft is issued.</summary>
public sealed class InvoiceDrafts(ArCollectDbContext db, TimeProvider time)
{
    /// <param name="dueFromTerms">Ignore the input's due date and compute it from the terms (the input's, else the customer's).</param>
    public async Task<(Invoice? Invoice, string? Error)> CreateAsync(InvoiceInput input, bool dueFromTerms, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CustomerId, cancellationToken);
        if (customer is null)
        {
            return (null, "Choose a customer of your company.");
        }

        var terms = PaymentTerms.TryParse(input.Terms, out var parsed) ? parsed : PaymentTerms.Net(customer.PaymentTermsDays);
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        var invoice = new Invoice
        {
            Id = id,
            CustomerId = customer.Id,
            Number = InvoiceIssuer.DraftNumber(id),
            State = InvoiceState.Draft,
            Terms = terms.ToString(),
            IssueDate = input.IssueDate,
            DueDate = dueFromTerms ? terms.DueDate(input.IssueDate) : input.DueDate,
            Currency = input.Currency.Trim().ToUpperInvariant(),
            PurchaseOrder = input.PurchaseOrder,
            Notes = input.Notes,
            CreatedAt = now,
            UpdatedAt = now,
        };
        InvoiceTotals.Apply(invoice, input.Lines);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(cancellationToken);
        return (invoice, null);
    }
}
