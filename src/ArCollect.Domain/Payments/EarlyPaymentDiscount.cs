using ArCollect.Domain.Common;
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
            ? terms.DiscountOn(invoice.Total, invoice.Currency)
            : 0m;

    /// <summary>
    /// The tax inside a credit on the invoice, in the invoice's own proportion of tax to total, so a discount reduces
    /// the tax charged as the invoice raised it (19 % VAT on the invoice: 19/119 of the discount is tax).
    /// </summary>
    public static decimal TaxIn(Invoice invoice, decimal credit) =>
        invoice.Total == 0m ? 0m : Money.Round(credit * invoice.TaxTotal / invoice.Total, invoice.Currency);
}
