using ArCollect.Domain.Forecasting;

namespace ArCollect.Domain.Tests.Forecasting;

/// <summary>
/// Ten invoices: 4 paid on the due date, 2 paid 100 days late, 2 written off at 200 days, 2 still open at 300 days.
/// Day 0: 10 at risk, 4 paid: hazard 0.4, still open 0.6. Day 100: 6 at risk, 2 paid: hazard 1/3, still open 0.4.
/// Day 200: 4 at risk, 2 written off: still open 0.2. Day 300: the last 2 leave unobserved beyond.
/// </summary>
public sealed class CollectionCurveTests
{
    private static readonly CollectionCurve Curve = CollectionCurve.From(
    [
        new LatenessOutcome(0, 4, 0, 0),
        new LatenessOutcome(100, 2, 0, 0),
        new LatenessOutcome(200, 0, 2, 0),
        new LatenessOutcome(300, 0, 0, 2),
    ]);

    [Fact]
    public void An_invoice_due_today_is_paid_within_the_horizon_as_often_as_history_paid_on_time()
    {
        Assert.Equal(0.4m, Curve.PaidWithin(0, 91));
        Assert.Equal(0.4m, Curve.PaidWithin(-30, 91)); // due in 30 days: the payments at day 0 fall inside 91 days
        Assert.Equal(0.6m, Curve.PaidEver(-30)); // 0.4 + 0.6 x 1/3
    }

    [Fact]
    public void The_probability_falls_with_age_because_old_debts_mostly_stay_unpaid()
    {
        Assert.Equal(0.333333m, Curve.PaidWithin(50, 91)); // only the 6 still open after day 0 count; 2 of them paid at 100
        Assert.Equal(0m, Curve.PaidWithin(50, 30)); // the payments at day 100 are beyond a 30-day window
        Assert.Equal(0m, Curve.PaidWithin(150, 91)); // after day 100 history only wrote off or waited
        Assert.Equal(0m, Curve.PaidEver(600)); // no invoice was ever paid that late
    }

    [Fact]
    public void An_invoice_later_than_usual_is_expected_on_the_day_history_paid_half_of_what_it_will_pay()
    {
        Assert.Equal(51, Curve.MedianDayToPay(50, 91)); // open at 50 days late: the payments at day 100 are 51 days ahead
        Assert.Equal(31, Curve.MedianDayToPay(-30, 91)); // due in 30 days: paid on the due date, day 31 counting today
        Assert.Null(Curve.MedianDayToPay(150, 91)); // nothing expected at all
    }

    [Fact]
    public void Without_history_every_invoice_takes_the_default_probability()
    {
        var curve = CollectionCurve.From([]);

        Assert.Equal(0.95m, curve.PaidWithin(600, 91));
        Assert.Equal(0, curve.Invoices);
    }
}
