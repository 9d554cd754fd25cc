using ArCollect.Domain.Common;

namespace ArCollect.Domain.Invoices;

/// <summary>Computes line and header amounts, rounding each line to the currency's minor units (cents, or none for JPY).</summary>
public static class InvoiceTotals
{
    public static (decimal Net, decimal Tax) Line(decimal quantity, decimal unitPrice, decimal taxRate, string? currency = null)
    {
        var net = Money.Round(quantity * unitPrice, currency);
        var tax = Money.Round(net * taxRate / 100m, currency);
        return (net, tax);
    }

    /// <summary>
    /// Fills the invoice's ordinary lines and the totals from the input's non-blank lines. Late-fee lines are not
    /// input: they stay as they are (still fee lines, with their period), numbered after the ordinary lines.
    /// </summary>
    public static void Apply(Invoice invoice, IEnumerable<InvoiceLineInput> lines)
    {
        var fees = invoice.Lines.Where(l => l.LateFeePeriod != null).OrderBy(l => l.LineNumber).ToList();
        invoice.Lines.Clear();
        var number = 1;
        foreach (var input in lines.Where(l => !l.IsBlank))
        {
            var (net, tax) = Line(input.Quantity, input.UnitPrice, input.TaxRate, invoice.Currency);
            invoice.Lines.Add(new InvoiceLine
            {
                Id = Guid.CreateVersion7(),
                TenantId = invoice.TenantId,
                InvoiceId = invoice.Id,
                LineNumber = number++,
                Description = input.Description!.Trim(),
                Quantity = input.Quantity,
                UnitPrice = input.UnitPrice,
                TaxRate = input.TaxRate,
                NetAmount = net,
                TaxAmount = tax,
            });
        }

        foreach (var fee in fees)
        {
            fee.LineNumber = number++;
            invoice.Lines.Add(fee);
        }

        invoice.Subtotal = invoice.Lines.Sum(l => l.NetAmount);
        invoice.TaxTotal = invoice.Lines.Sum(l => l.TaxAmount);
        invoice.Total = invoice.Subtotal + invoice.TaxTotal;
    }
}
