using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Payments;

/// <summary>
/// The early-payment discount an invoice offers on money received on a given day: its terms' discount (e.g. 2/10 Net 30)
/// while the deadline has not passed and nothing has been paid, credited or written off yet; zero otherwise.
/// </summary>
public static class EarlyPaymentDiscount
{
    public static decimal Offered(Invoice invoice, DateOnly receivedOn) =>
        PaymentTerms.TryParse(invoice.Terms, out var terms) && terms.DiscountDeadline(invoice.IssueDate) >= receivedOn
            && invoice.AmountPaid == 0m && invoice.AmountCredited == 0m && invoice.AmountWrittenOff == 0m
            ? terms.DiscountOn(invoice.Total)
            : 0m;
}
