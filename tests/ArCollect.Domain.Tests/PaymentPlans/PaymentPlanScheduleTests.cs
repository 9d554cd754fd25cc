using ArCollect.Domain.PaymentPlans;

namespace ArCollect.Domain.Tests.PaymentPlans;

public sealed class PaymentPlanScheduleTests
{
    [Fact]
    public void The_last_instalment_takes_the_rounding_in_the_currencys_minor_units()
    {
        var euro = PaymentPlanSchedule.Build(100.00m, "EUR", 3, new DateOnly(2026, 1, 31));
        var yen = PaymentPlanSchedule.Build(1000m, "JPY", 3, new DateOnly(2026, 3, 10));

        Assert.Equal([33.33m, 33.33m, 33.34m], euro.Select(i => i.Amount));
        // Monthly from the 31st: February has no 31st, so the 28th.
        Assert.Equal([new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31)], euro.Select(i => i.DueDate));
        Assert.Equal([333m, 333m, 334m], yen.Select(i => i.Amount));
    }

    [Fact]
    public void Money_counts_toward_instalments_in_order_and_a_plan_breaches_only_after_the_grace_days()
    {
        var schedule = PaymentPlanSchedule.Build(300m, "EUR", 3, new DateOnly(2026, 6, 22));

        var partly = PaymentPlanSchedule.Evaluate(schedule, 150m, new DateOnly(2026, 7, 27), graceDays: 5);
        Assert.Equal((1, 2, false, false), (partly.Covered, partly.Next!.Number, partly.Breached, partly.Completed));
        Assert.Equal(50m, partly.NextOutstanding(schedule));

        // Instalment 2 is due 22 July; with 5 days of grace the 27th is still fine and the 28th is a breach.
        Assert.True(PaymentPlanSchedule.Evaluate(schedule, 150m, new DateOnly(2026, 7, 28), graceDays: 5).Breached);
        Assert.True(PaymentPlanSchedule.Evaluate(schedule, 300m, new DateOnly(2026, 12, 1), graceDays: 5).Completed);
    }

    [Fact]
    public void Each_invoice_falls_due_on_the_instalment_that_pays_its_last_cent()
    {
        var schedule = PaymentPlanSchedule.Build(300m, "EUR", 3, new DateOnly(2026, 6, 22));
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();

        // 80 ends inside instalment 1; 80 + 150 = 230 inside instalment 3 (200 < 230 <= 300); the last 70 too.
        var due = PaymentPlanSchedule.InvoiceDueDates(schedule, [(a, 80m), (b, 150m), (c, 70m)]);

        Assert.Equal(new DateOnly(2026, 6, 22), due[a]);
        Assert.Equal(new DateOnly(2026, 8, 22), due[b]);
        Assert.Equal(new DateOnly(2026, 8, 22), due[c]);
    }

    [Fact]
    public void What_is_still_owed_on_a_planned_invoice_is_expected_on_the_dates_of_the_instalments_carrying_it()
    {
        // 3 x 200 from 22 June for two invoices of 300; 100 paid so far, which the first invoice takes.
        var schedule = PaymentPlanSchedule.Build(600m, "EUR", 3, new DateOnly(2026, 6, 22));
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        var shares = PaymentPlanSchedule.OpenShares(schedule, 100m, [(a, 300m), (b, 300m)]);

        // The first invoice: 100 still owed on instalment 1 (0-200), then 100 on instalment 2 (200-400).
        Assert.Equal([(new DateOnly(2026, 6, 22), 100m), (new DateOnly(2026, 7, 22), 100m)], shares[a]);
        // The second (300-600): 100 on instalment 2, 200 on instalment 3, not all 300 on the last date.
        Assert.Equal([(new DateOnly(2026, 7, 22), 100m), (new DateOnly(2026, 8, 22), 200m)], shares[b]);
        Assert.Equal(500m, shares.Values.SelectMany(s => s).Sum(s => s.Amount));
    }

    [Fact]
    public void A_planned_invoice_the_payments_already_cover_expects_nothing_more()
    {
        var schedule = PaymentPlanSchedule.Build(300m, "EUR", 3, new DateOnly(2026, 6, 22));
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        var shares = PaymentPlanSchedule.OpenShares(schedule, 150m, [(a, 120m), (b, 180m)]);

        Assert.Empty(shares[a]);
        Assert.Equal([(new DateOnly(2026, 7, 22), 50m), (new DateOnly(2026, 8, 22), 100m)], shares[b]);
    }

    [Fact]
    public void Rules_name_every_limit_a_plan_is_outside_of()
    {
        var rules = new PaymentPlanRules(4, PaymentPlanRules.ParseBands("Low, Medium"),
            new Dictionary<string, PaymentPlanCurrencyRule> { ["EUR"] = new() { Currency = "EUR", MinInstalment = 50m, MaxBalance = 5000m } });
        var schedule = PaymentPlanSchedule.Build(6000m, "EUR", 6, new DateOnly(2026, 7, 1));

        Assert.Equal(
            ["6 instalments, more than the 4 allowed", "risk band High is not among Low, Medium", "the balance of EUR 6,000.00 is above the EUR 5,000.00 a plan may cover"],
            rules.Breaks(schedule, 6000m, "EUR", "High"));
        Assert.Empty(rules.Breaks(PaymentPlanSchedule.Build(400m, "EUR", 4, new DateOnly(2026, 7, 1)), 400m, "EUR", "Low"));
        Assert.Equal(["an instalment of EUR 40.00 is below the minimum of EUR 50.00"], rules.Breaks(PaymentPlanSchedule.Build(160m, "EUR", 4, new DateOnly(2026, 7, 1)), 160m, "EUR", "Medium"));
    }
}
