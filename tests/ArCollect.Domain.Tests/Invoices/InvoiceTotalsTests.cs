using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Tests.Invoices;

public class InvoiceTotalsTests
{
    private static Invoice NewInvoice() => new()
    {
        Id = Guid.NewGuid(),
        TenantId = Guid.NewGuid(),
        Number = "INV-1",
        Currency = "EUR",
    };

    private static InvoiceLineInput Line(string? description, decimal quantity, decimal unitPrice, decimal taxRate) => new()
    {
        Description = description,
        Quantity = quantity,
        UnitPrice = unitPrice,
        TaxRate = taxRate,
    };

    [Fact]
    public void Line_net_and_tax_are_each_rounded_to_cents()
    {
        // 3 x 33.335 = 100.005 -> 100.01; 100.01 x 19 % = 19.0019 -> 19.00
        var (net, tax) = InvoiceTotals.Line(3m, 33.335m, 19m);

        Assert.Equal(100.01m, net);
        Assert.Equal(19.00m, tax);
    }

    [Fact]
    public void Half_cents_round_away_from_zero_not_to_even()
    {
        // 10.50 x 5 % = 0.525 -> 0.53 (banker's rounding would give 0.52)
        var (net, tax) = InvoiceTotals.Line(1m, 10.50m, 5m);

        Assert.Equal(10.50m, net);
        Assert.Equal(0.53m, tax);
    }

    [Fact]
    public void Tax_is_computed_on_the_rounded_line_net()
    {
        // 1 x 10.045 = 10.045 -> 10.05; 10.05 x 10 % = 1.005 -> 1.01.
        // Tax on the unrounded net would be 1.0045 -> 1.00.
        var (net, tax) = InvoiceTotals.Line(1m, 10.045m, 10m);

        Assert.Equal(10.05m, net);
        Assert.Equal(1.01m, tax);
    }

    [Fact]
    public void Fractional_quantity_is_priced_and_rounded()
    {
        // 2.5 h x 86.40 = 216.00; 216.00 x 7 % = 15.12
        var (net, tax) = InvoiceTotals.Line(2.5m, 86.40m, 7m);

        Assert.Equal(216.00m, net);
        Assert.Equal(15.12m, tax);
    }

    [Fact]
    public void Zero_tax_rate_gives_zero_tax()
    {
        var (net, tax) = InvoiceTotals.Line(4m, 12.25m, 0m);

        Assert.Equal(49.00m, net);
        Assert.Equal(0m, tax);
    }

    [Fact]
    public void Header_totals_are_the_sums_of_the_rounded_lines()
    {
        var invoice = NewInvoice();

        InvoiceTotals.Apply(invoice,
        [
            Line("Widgets", 2m, 49.99m, 19m),   // net 99.98, tax 18.9962 -> 19.00
            Line("Gadgets", 3m, 33.335m, 19m),  // net 100.005 -> 100.01, tax 19.0019 -> 19.00
            Line("Books", 1m, 10.50m, 7m),      // net 10.50, tax 0.735 -> 0.74
        ]);

        Assert.Equal(210.49m, invoice.Subtotal);  // 99.98 + 100.01 + 10.50
        Assert.Equal(38.74m, invoice.TaxTotal);   // 19.00 + 19.00 + 0.74
        Assert.Equal(249.23m, invoice.Total);     // 210.49 + 38.74
        Assert.Equal([99.98m, 100.01m, 10.50m], invoice.Lines.Select(l => l.NetAmount));
        Assert.Equal([19.00m, 19.00m, 0.74m], invoice.Lines.Select(l => l.TaxAmount));
    }

    [Fact]
    public void Header_tax_adds_line_taxes_rather_than_taxing_the_subtotal()
    {
        // Each line: 0.05 x 10 % = 0.005 -> 0.01, so 0.02 in all; 10 % of the 0.10 subtotal would be 0.01.
        var invoice = NewInvoice();

        InvoiceTotals.Apply(invoice, [Line("Stamp", 1m, 0.05m, 10m), Line("Stamp", 1m, 0.05m, 10m)]);

        Assert.Equal(0.10m, invoice.Subtotal);
        Assert.Equal(0.02m, invoice.TaxTotal);
        Assert.Equal(0.12m, invoice.Total);
    }

    [Fact]
    public void Blank_lines_are_ignored_and_do_not_use_up_line_numbers()
    {
        var invoice = NewInvoice();

        InvoiceTotals.Apply(invoice,
        [
            Line(null, 1m, 0m, 19m),
            Line("Consulting", 2m, 100m, 19m),
            Line("   ", 5m, 0m, 0m),
            Line("Travel", 1m, 50m, 0m),
            Line("", 1m, 0m, 19m),
        ]);

        Assert.Equal(2, invoice.Lines.Count);
        Assert.Equal([1, 2], invoice.Lines.Select(l => l.LineNumber));
        Assert.Equal(["Consulting", "Travel"], invoice.Lines.Select(l => l.Description));
        Assert.Equal(250m, invoice.Subtotal);   // 200 + 50
        Assert.Equal(38m, invoice.TaxTotal);    // 19 % of 200
        Assert.Equal(288m, invoice.Total);
    }

    [Fact]
    public void Described_line_at_zero_price_is_kept()
    {
        var invoice = NewInvoice();

        InvoiceTotals.Apply(invoice, [Line("Free setup", 1m, 0m, 19m), Line("Licence", 1m, 80m, 19m)]);

        Assert.Equal(2, invoice.Lines.Count);
        Assert.Equal(0m, invoice.Lines[0].NetAmount);
        Assert.Equal(80m, invoice.Subtotal);
        Assert.Equal(15.20m, invoice.TaxTotal);  // 19 % of 80
    }

    [Fact]
    public void Only_blank_lines_give_an_empty_zero_invoice()
    {
        var invoice = NewInvoice();

        InvoiceTotals.Apply(invoice, [Line(null, 1m, 0m, 0m)]);

        Assert.Empty(invoice.Lines);
        Assert.Equal(0m, invoice.Subtotal);
        Assert.Equal(0m, invoice.TaxTotal);
        Assert.Equal(0m, invoice.Total);
    }

    [Fact]
    public void Lines_keep_the_inputs_and_belong_to_the_invoice_and_its_tenant()
    {
        var invoice = NewInvoice();

        InvoiceTotals.Apply(invoice, [Line("  Gadgets  ", 3m, 33.335m, 19m), Line("Widgets", 1m, 5m, 7m)]);

        var line = invoice.Lines[0];
        Assert.Equal("Gadgets", line.Description);
        Assert.Equal(3m, line.Quantity);
        Assert.Equal(33.335m, line.UnitPrice);
        Assert.Equal(19m, line.TaxRate);
        Assert.All(invoice.Lines, l =>
        {
            Assert.Equal(invoice.Id, l.InvoiceId);
            Assert.Equal(invoice.TenantId, l.TenantId);
            Assert.NotEqual(Guid.Empty, l.Id);
        });
        Assert.NotEqual(invoice.Lines[0].Id, invoice.Lines[1].Id);
    }

    [Fact]
    public void Applying_again_replaces_the_lines_and_totals()
    {
        var invoice = NewInvoice();
        InvoiceTotals.Apply(invoice, [Line("Old", 1m, 500m, 19m), Line("Old too", 1m, 20m, 19m)]);

        InvoiceTotals.Apply(invoice, [Line("New", 2m, 10m, 10m)]);

        var line = Assert.Single(invoice.Lines);
        Assert.Equal("New", line.Description);
        Assert.Equal(1, line.LineNumber);
        Assert.Equal(20m, invoice.Subtotal);
        Assert.Equal(2m, invoice.TaxTotal);
        Assert.Equal(22m, invoice.Total);
    }

    [Fact]
    public void A_yen_invoice_has_whole_yen_lines_and_totals()
    {
        var invoice = NewInvoice();
        invoice.Currency = "JPY";

        // 3 x 333.5 = 1000.5 -> 1001 yen; 1001 x 10 % = 100.1 -> 100 yen.
        InvoiceTotals.Apply(invoice, [Line("Licence", 3m, 333.5m, 10m)]);

        Assert.Equal((1001m, 100m, 1101m), (invoice.Subtotal, invoice.TaxTotal, invoice.Total));
    }
}
