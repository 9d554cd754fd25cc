using ArCollect.Domain.CashApplication;

namespace ArCollect.Domain.Tests.CashApplication;

public sealed class SubsetSumTests
{
    [Fact]
    public void Finds_the_invoices_that_add_up_to_the_amount()
    {
        var found = SubsetSum.Find([120.50m, 310m, 77.25m, 1000m], 197.75m, 0m, 6);

        Assert.Equal([0, 2], Assert.Single(found));
    }

    [Fact]
    public void Stops_within_its_budget_on_many_equal_amounts()
    {
        var amounts = Enumerable.Repeat(10m, 60).ToList();

        var found = SubsetSum.Find(amounts, 1000m, 0m, 6);

        Assert.Empty(found);
    }
}
