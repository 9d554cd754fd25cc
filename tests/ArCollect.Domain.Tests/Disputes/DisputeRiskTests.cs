using ArCollect.Domain.Disputes;

namespace ArCollect.Domain.Tests.Disputes;

public class DisputeRiskTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static PastDispute Quantity(int daysAgo, string line = "Euro pallets 1200x800") =>
        new("quantity", "Quantity", Today.AddDays(-daysAgo), [line]);

    [Fact]
    public void Three_quantity_disputes_on_pallets_in_six_months_warn_on_a_new_pallet_invoice()
    {
        var warnings = DisputeRisk.Warnings(["Euro pallets, heat treated", "Freight"], [Quantity(10), Quantity(40), Quantity(150)], Today);

        Assert.Equal("3 quantity disputes on euro pallets in 6 months from this customer (line \"Euro pallets, heat treated\"): check it before sending.", Assert.Single(warnings));
    }

    [Fact]
    public void Two_disputes_older_ones_or_other_products_do_not_warn()
    {
        Assert.Empty(DisputeRisk.Warnings(["Euro pallets"], [Quantity(10), Quantity(40)], Today));
        Assert.Empty(DisputeRisk.Warnings(["Euro pallets"], [Quantity(10), Quantity(40), Quantity(200)], Today));
        Assert.Empty(DisputeRisk.Warnings(["Consulting hours"], [Quantity(10), Quantity(40), Quantity(50)], Today));
    }
}
