using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Dashboards;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// Three customers owe USD 1.00 each, 1 USD = 0.333 EUR. Rounded per customer that is 0.33 three times (0.99);
/// per currency it is USD 3.00 = 0.999 = 1.00. Rounding once, at the end, makes both tables total 1.00.
/// </summary>
public sealed class AgingReportTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 15);
    private static readonly CurrencyConverter Converter = new("EUR", [new RateQuote("USD", 0.333m, new(2026, 1, 1))]);

    [Fact]
    public void Totals_reconcile_to_the_cent_between_groupings()
    {
        var byCustomer = AgingReport.Build(
            new[] { "a", "b", "c" }.Select(k => new AgingCell(k, k, "USD", 0, 1.00m, 1)), AsOf, AgingBuckets.Standard, Converter);
        var byCurrency = AgingReport.Build([new AgingCell("USD", "USD", "USD", 0, 3.00m, 3)], AsOf, AgingBuckets.Standard, Converter);

        Assert.Equal(1.00m, byCustomer.Totals.Total);
        Assert.Equal(byCurrency.Totals.Amounts, byCustomer.Totals.Amounts);
        Assert.Equal(0.33m, byCustomer.Rows[0].Amounts[0]); // each row is rounded for display, once
    }
}
