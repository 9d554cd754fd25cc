using ArCollect.Domain.Forecasting;

namespace ArCollect.Domain.Tests.Forecasting;

public sealed class CashForecastTests
{
    // Wednesday 17 June 2026; its week starts Monday 15 June.
    private static readonly DateOnly AsOf = new(2026, 6, 17);

    private static ExpectedReceipt Receipt(decimal amount, DateOnly predicted, decimal p, Guid? customer = null) =>
        new(Guid.NewGuid(), customer ?? Guid.Empty, amount, predicted.AddDays(-10), predicted, p);

    [Fact]
    public void Weekly_expectations_sum_amount_times_probability_and_accumulate()
    {
        var receipts = new[]
        {
            Receipt(1000m, new DateOnly(2026, 6, 19), 0.5m), // week 1: 500
            Receipt(400m, new DateOnly(2026, 6, 1), 1m), // predicted day passed: still expected in week 1: 400
            Receipt(2000m, new DateOnly(2026, 6, 22), 0.75m), // week 2: 1500
            Receipt(9999m, new DateOnly(2026, 9, 14), 1m), // 13 weeks end on Sunday 13 September: left out
        };

        var weeks = CashForecast.Weekly(receipts, AsOf);

        Assert.Equal(13, weeks.Count);
        Assert.Equal(new DateOnly(2026, 6, 15), weeks[0].WeekStart);
        Assert.Equal(900m, weeks[0].Expected);
        Assert.Equal(1500m, weeks[1].Expected);
        Assert.Equal(2400m, weeks[12].Cumulative);
        Assert.Equal(new DateOnly(2026, 9, 13), weeks[12].WeekEnd);
    }

    [Fact]
    public void The_band_widens_with_uncertainty_and_is_exact_for_certain_receipts()
    {
        // 1000 at p = 0.5: sd = sqrt(1000^2 x 0.25) = 500; band = 500 -/+ 1.2816 x 500 = 0 (floored) .. 1140.8
        var weeks = CashForecast.Weekly([Receipt(1000m, AsOf, 0.5m), Receipt(300m, AsOf.AddDays(7), 1m)], AsOf);

        Assert.Equal(0m, weeks[0].Low);
        Assert.Equal(1140.8m, weeks[0].High);
        Assert.Equal(300m, weeks[1].Low);
        Assert.Equal(300m, weeks[1].High);
    }

    [Fact]
    public void Past_forecast_errors_widen_the_band_to_what_forecasts_really_missed_by()
    {
        // Ratios actual / forecast sorted: 0.7 .. 1.2 (6 weeks). 10th percentile at rank 0.5: 0.75; 90th at rank 4.5: 1.15.
        var errors = ForecastErrors.From([(100m, 70m), (100m, 80m), (100m, 90m), (100m, 100m), (100m, 110m), (100m, 120m), (0m, 50m)]);
        var weeks = CashForecast.Weekly([Receipt(1000m, AsOf, 1m)], AsOf, CashForecast.Weeks, errors);

        Assert.Equal(new ForecastErrors(0.75m, 1.15m, 6), errors);
        Assert.Equal(750m, weeks[0].Low);
        Assert.Equal(1150m, weeks[0].High);
        Assert.Null(ForecastErrors.From([(100m, 70m), (100m, 80m), (100m, 90m)])); // too few weeks to learn a spread
    }

    [Fact]
    public void Errors_per_week_ahead_widen_each_week_by_its_own_spread_and_fall_back_to_the_common_one()
    {
        var common = new ForecastErrors(0.9m, 1.1m, 26);
        var near = new ForecastErrors(0.8m, 1.3m, 26);
        var weeks = CashForecast.Weekly([Receipt(1000m, AsOf, 1m), Receipt(1000m, AsOf.AddDays(7), 1m)], AsOf, CashForecast.Weeks, common, [near]);

        Assert.Equal((800m, 1300m), (weeks[0].Low, weeks[0].High));
        Assert.Equal((900m, 1100m), (weeks[1].Low, weeks[1].High));
    }

    [Fact]
    public void The_outlook_splits_open_receivables_into_within_the_horizon_later_and_never()
    {
        var receipts = new[]
        {
            Receipt(1000m, AsOf, 0.6m) with { EverProbability = 0.9m }, // 600 inside, 300 later, 100 never
            Receipt(500m, new DateOnly(2026, 10, 1), 0.8m) with { EverProbability = 0.8m }, // after the horizon: 400 later, 100 never
        };

        var outlook = CashForecast.Outlook(receipts, AsOf);

        Assert.Equal(new ForecastOutlook(1500m, 600m, 700m, 200m), outlook);
        Assert.Equal(40m, outlook.InHorizonShare);
    }

    [Theory]
    [InlineData(1000, 850, 10, true)] // 15 % short of forecast, threshold 10 %
    [InlineData(1000, 950, 10, false)] // 5 % short
    [InlineData(0, 0, 10, false)] // nothing forecast, nothing to fall short of
    public void A_shortfall_is_a_week_more_than_the_threshold_below_forecast(decimal forecast, decimal actual, decimal threshold, bool shortfall)
    {
        Assert.Equal(shortfall, CashForecast.IsShortfall(forecast, actual, threshold));
    }
}
