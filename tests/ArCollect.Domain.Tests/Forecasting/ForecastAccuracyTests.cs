using ArCollect.Domain.Forecasting;

namespace ArCollect.Domain.Tests.Forecasting;

public sealed class ForecastAccuracyTests
{
    private static readonly DateOnly Origin = new(2026, 5, 31);

    [Fact]
    public void Mape_is_the_mean_weekly_error_over_weeks_with_receipts_and_bias_compares_the_totals()
    {
        BacktestWeek[] weeks =
        [
            new(Origin, 1, new(2026, 6, 1), 120m, 90m, 130m, 100m), // 20 % over, inside the band
            new(Origin, 2, new(2026, 6, 8), 150m, 140m, 160m, 200m), // 25 % under, outside
            new(Origin, 3, new(2026, 6, 15), 50m, 0m, 60m, 0m), // nothing arrived: no MAPE term, inside the band
        ];

        var summary = ForecastAccuracy.Summarise(ForecastMethod.Forecast, "all", weeks, hasBand: true);

        Assert.Equal(22.5m, summary.MapePercent);
        Assert.Equal(6.7m, summary.BiasPercent); // (320 - 300) / 300
        Assert.Equal(66.7m, summary.CoveragePercent);
        Assert.Equal(3, summary.Weeks);
    }

    [Fact]
    public void Horizon_groups_split_the_weeks_by_how_far_ahead_they_were_forecast()
    {
        BacktestWeek[] weeks = [new(Origin, 1, new(2026, 6, 1), 100m, null, null, 100m), new(Origin, 6, new(2026, 7, 6), 50m, null, null, 100m)];

        var groups = ForecastAccuracy.Summarise(ForecastMethod.DueDate, weeks, hasBand: false).ToDictionary(s => s.Horizons);

        Assert.Equal(25.0m, groups["Weeks 1-13"].MapePercent);
        Assert.Equal(0.0m, groups["Week 1"].MapePercent);
        Assert.Equal(0, groups["Weeks 2-4"].Weeks);
        Assert.Null(groups["Weeks 2-4"].MapePercent);
        Assert.Equal(50.0m, groups["Weeks 5-13"].MapePercent);
        Assert.Null(groups["Week 1"].CoveragePercent);
    }

    [Fact]
    public void Baselines_expect_every_open_invoice_in_full_on_the_due_date_or_the_history_date()
    {
        ExpectedReceipt[] receipts = [new(Guid.NewGuid(), Guid.NewGuid(), 1000m, new(2026, 5, 31), new(2026, 6, 10), 0.4m, 0.5m)];

        var dueDate = Assert.Single(ForecastAccuracy.Baseline(receipts, ForecastMethod.DueDate));
        var meanDelay = Assert.Single(ForecastAccuracy.Baseline(receipts, ForecastMethod.MeanDelay));

        Assert.Equal((new DateOnly(2026, 5, 31), 1000m), (dueDate.PredictedDate, dueDate.Expected));
        Assert.Equal((new DateOnly(2026, 6, 10), 1000m), (meanDelay.PredictedDate, meanDelay.Expected));
        Assert.Equal(400m, Assert.Single(ForecastAccuracy.Baseline(receipts, ForecastMethod.Forecast)).Expected);
    }

    [Fact]
    public void Only_weeks_that_have_finished_are_scored()
    {
        var forecast = CashForecast.Weekly([new(Guid.NewGuid(), Guid.NewGuid(), 1000m, new(2026, 6, 10), new(2026, 6, 10), 1m)], new(2026, 6, 1), 3);
        var actual = new Dictionary<DateOnly, decimal> { [new(2026, 6, 8)] = 1000m };

        var weeks = ForecastAccuracy.FinishedWeeks(Origin, forecast, actual, today: new(2026, 6, 15), withBand: false).ToList();

        Assert.Equal([1, 2], weeks.Select(w => w.Horizon));
        Assert.Equal([0m, 1000m], weeks.Select(w => w.Actual));
        Assert.All(weeks, w => Assert.Null(w.Low));
    }
}
