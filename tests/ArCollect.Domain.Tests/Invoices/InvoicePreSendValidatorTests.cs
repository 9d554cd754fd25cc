using ArCollect.Domain.Invoices;
using FluentValidation;

namespace ArCollect.Domain.Tests.Invoices;

public sealed class InvoicePreSendValidatorTests
{
    private static readonly InvoicePreSendValidator Validator = new();
    private static readonly DateOnly Issued = new(2026, 6, 1);

    /// <summary>A clean invoice: two lines at 19 %, 100 + 50 net, 28.50 tax, 178.50 total, Net 30.</summary>
    private static Invoice CleanInvoice()
    {
        var invoice = new Invoice { Number = "INV-1", IssueDate = Issued, DueDate = Issued.AddDays(30), Currency = "EUR", Terms = "Net 30" };
        InvoiceTotals.Apply(invoice,
        [
            new InvoiceLineInput { Description = "Hosting", Quantity = 2, UnitPrice = 50m, TaxRate = 19 },
            new InvoiceLineInput { Description = "Support", Quantity = 1, UnitPrice = 50m, TaxRate = 19 },
        ]);
        return invoice;
    }

    private static readonly InvoicingHistory UsualHistory = new(19m, 150m, [new IssuedInvoiceSummary("INV-0", 120m, Issued.AddDays(-10))]);

    private static (List<(string Field, string Message)> Errors, List<(string Field, string Message)> Warnings) Check(
        Invoice invoice, string? email = "ap@buyer.example", InvoicingHistory? history = null, PaymentTerms? terms = null)
    {
        var result = Validator.Validate(new PreSendContext(invoice, email, terms ?? PaymentTerms.Net(30), history ?? UsualHistory));
        return (result.Errors.Where(e => e.Severity == Severity.Error).Select(e => (e.PropertyName, e.ErrorMessage)).ToList(),
                result.Errors.Where(e => e.Severity == Severity.Warning).Select(e => (e.PropertyName, e.ErrorMessage)).ToList());
    }

    [Fact]
    public void A_clean_invoice_for_a_usual_customer_passes_without_messages()
    {
        var (errors, warnings) = Check(CleanInvoice());

        Assert.Empty(errors);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Missing_customer_email_blocks_issuing()
    {
        var (errors, _) = Check(CleanInvoice(), email: null);

        var error = Assert.Single(errors);
        Assert.Equal("Customer.Email", error.Field);
        Assert.Contains("add a contact with an email", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Due_date_before_issue_date_blocks_issuing()
    {
        var invoice = CleanInvoice();
        invoice.DueDate = Issued.AddDays(-1);

        var (errors, _) = Check(invoice);

        var error = Assert.Single(errors);
        Assert.Equal("DueDate", error.Field);
        Assert.Contains("2026-05-31 is before the issue date 2026-06-01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_total_that_does_not_match_the_lines_blocks_issuing()
    {
        var invoice = CleanInvoice();
        invoice.Total = 180m;

        var (errors, _) = Check(invoice);

        var error = Assert.Single(errors);
        Assert.Equal("Total", error.Field);
        Assert.Contains("lines add up to 178.50 but the invoice total is 180.00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_amount_that_is_not_quantity_times_price_blocks_issuing()
    {
        var invoice = CleanInvoice();
        invoice.Lines[0].NetAmount = 90m;
        invoice.Subtotal = 140m;
        invoice.Total = 168.50m;

        var (errors, _) = Check(invoice);

        var error = Assert.Single(errors);
        Assert.Equal("Lines[0].NetAmount", error.Field);
        Assert.Contains("Line 1 amount 90.00 is not quantity x unit price (100.00)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_currency_blocks_issuing()
    {
        var invoice = CleanInvoice();
        invoice.Currency = "EUX";

        var (errors, _) = Check(invoice);

        var error = Assert.Single(errors);
        Assert.Equal("Currency", error.Field);
        Assert.Contains("\"EUX\" is not an ISO 4217 code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_quantity_blocks_issuing_and_points_to_credit_notes()
    {
        var invoice = new Invoice { Number = "INV-2", IssueDate = Issued, DueDate = Issued.AddDays(30), Currency = "EUR", Terms = "Net 30" };
        invoice.Lines.Add(new InvoiceLine { LineNumber = 1, Description = "Return", Quantity = -2, UnitPrice = 10m, TaxRate = 19, NetAmount = -20m, TaxAmount = -3.80m });
        invoice.Subtotal = -20m;
        invoice.TaxTotal = -3.80m;
        invoice.Total = -23.80m;

        var (errors, _) = Check(invoice);

        var error = Assert.Single(errors);
        Assert.Equal("Lines[0].Quantity", error.Field);
        Assert.Contains("issue a credit note for returns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unusual_tax_rate_for_the_customer_is_a_warning_on_that_line()
    {
        var invoice = CleanInvoice();
        InvoiceTotals.Apply(invoice, [new InvoiceLineInput { Description = "Books", Quantity = 1, UnitPrice = 150m, TaxRate = 7 }]);

        var (errors, warnings) = Check(invoice);

        Assert.Empty(errors);
        var warning = Assert.Single(warnings);
        Assert.Equal("Lines[0]", warning.Field);
        Assert.Contains("tax rate 7 % differs from this customer's usual 19 %", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Amount_above_five_times_the_median_is_a_warning()
    {
        var invoice = CleanInvoice();
        var history = UsualHistory with { MedianTotal = 35m }; // 5 x 35 = 175 < 178.50

        var (errors, warnings) = Check(invoice, history: history);

        Assert.Empty(errors);
        var warning = Assert.Single(warnings);
        Assert.Equal("Total", warning.Field);
        Assert.Contains("more than 5 times this customer's median invoice (35.00)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_amount_for_the_same_customer_within_thirty_days_is_a_duplicate_warning()
    {
        var history = UsualHistory with { RecentlyIssued = [new IssuedInvoiceSummary("INV-0099", 178.50m, Issued.AddDays(-29))] };

        var (_, warnings) = Check(CleanInvoice(), history: history);

        var warning = Assert.Single(warnings);
        Assert.Equal("Total", warning.Field);
        Assert.Contains("Invoice INV-0099 for the same customer and amount 178.50 was issued on 2026-05-03", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_amount_issued_more_than_thirty_days_ago_is_not_a_duplicate()
    {
        var history = UsualHistory with { RecentlyIssued = [new IssuedInvoiceSummary("INV-0098", 178.50m, Issued.AddDays(-30))] };

        var (_, warnings) = Check(CleanInvoice(), history: history);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Terms_other_than_the_customers_default_are_a_warning()
    {
        var invoice = CleanInvoice();
        invoice.Terms = "2/10 Net 30";

        var (errors, warnings) = Check(invoice, terms: PaymentTerms.Net(30));

        Assert.Empty(errors);
        var warning = Assert.Single(warnings);
        Assert.Equal("Terms", warning.Field);
        Assert.Contains("\"2/10 Net 30\" differ from this customer's default \"Net 30\"", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_customer_without_history_gets_no_history_warnings()
    {
        var invoice = CleanInvoice();
        invoice.Lines[0].TaxRate = 0; // would differ from a usual rate, if there were one
        InvoiceTotals.Apply(invoice, [new InvoiceLineInput { Description = "Setup", Quantity = 1, UnitPrice = 5000m, TaxRate = 0 }]);

        var (errors, warnings) = Check(invoice, history: InvoicingHistory.None);

        Assert.Empty(errors);
        Assert.Empty(warnings);
    }
}
