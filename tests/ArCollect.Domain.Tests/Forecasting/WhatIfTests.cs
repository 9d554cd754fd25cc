using ArCollect.Domain.Forecasting;

namespace ArCollect.Domain.Tests.Forecasting;

public sealed class WhatIfTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 15); // a Monday
    private static readonly Guid Big = new("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Middle = new("00000000-0000-0000-0000-000000000002");
    private static readonly Guid Small = new("00000000-0000-0000-0000-000000000003");

    private static readonly IReadOnlyList<ExpectedReceipt> Receipts =
    [
        new(Guid.NewGuid(), Big, 5000m, AsOf.AddDays(-10), AsOf.AddDays(2), 1m),
        new(Guid.NewGuid(), Middle, 3000m, AsOf.AddDays(-120), AsOf.AddDays(3), 0.5m),
        new(Guid.NewGuid(), Small, 1000m, AsOf.AddDays(5), AsOf.AddDays(5), 1m),
    ];

    [Fact]
    public void Top_customers_paying_later_moves_their_receipts_to_a_later_week()
    {
        // Big (5000) and Middle (3000) pay 7 days later: week 1 keeps only Small's 1000; week 2 gets 5000 + 1500
        var scenario = WhatIf.Apply(Receipts, [new TopCustomersPayLater(2, 7)], AsOf, CashForecast.HorizonEnd(AsOf));
        var baseline = CashForecast.Weekly(Receipts, AsOf);
        var changed = CashForecast.Weekly(scenario, AsOf);

        Assert.Equal(7500m, baseline[0].Expected);
        Assert.Equal(1000m, changed[0].Expected);
        Assert.Equal(6500m, changed[1].Expected);
        Assert.Equal(baseline[12].Cumulative, changed[12].Cumulative);
    }

    [Fact]
    public void One_customer_paying_later_leaves_the_others_alone()
    {
        var scenario = WhatIf.Apply(Receipts, [new CustomerPaysLater(Small, 30)], AsOf, CashForecast.HorizonEnd(AsOf));

        Assert.Equal(AsOf.AddDays(35), scenario.Single(r => r.CustomerId == Small).PredictedDate);
        Assert.Equal(Receipts.Where(r => r.CustomerId != Small), scenario.Where(r => r.CustomerId != Small));
    }

    [Fact]
    public void Collecting_a_share_of_the_oldest_makes_that_share_certain_and_drops_the_rest()
    {
        // Middle's invoice is 120 days past due: 40 % of 3000 = 1200 for sure instead of 3000 x 0.5 = 1500
        var scenario = WhatIf.Apply(Receipts, [new CollectShareOfOldest(40m, 90)], AsOf, CashForecast.HorizonEnd(AsOf));
        var middle = scenario.Single(r => r.CustomerId == Middle);

        Assert.Equal(1200m, middle.Expected);
        Assert.Equal(5000m, scenario.Single(r => r.CustomerId == Big).Expected);
    }

    [Fact]
    public void Applying_a_scenario_does_not_touch_the_baseline_list()
    {
        var before = Receipts.ToList();

        _ = WhatIf.Apply(Receipts, [new TopCustomersPayLater(3, 14), new CollectShareOfOldest(10m, 90)], AsOf, CashForecast.HorizonEnd(AsOf));

        Assert.Equal(before, Receipts);
    }
}
