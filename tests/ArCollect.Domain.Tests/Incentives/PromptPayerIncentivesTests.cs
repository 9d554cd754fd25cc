using ArCollect.Domain.Incentives;
using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Tests.Incentives;

public sealed class PromptPayerIncentivesTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    private static IncentiveRule Rule(decimal percent = 90m, int months = 12, int minPaid = 3, decimal discount = 2m, int days = 10, bool active = true) => new()
    {
        Id = Guid.NewGuid(),
        Name = "Prompt payers",
        MinOnTimePercent = percent,
        LookbackMonths = months,
        MinPaidInvoices = minPaid,
        DiscountPercent = discount,
        DiscountDays = days,
        Active = active,
    };

    /// <summary>An invoice due on <paramref name="due"/> and settled <paramref name="daysLate"/> days after it (negative: early).</summary>
    private static SettledInvoice Paid(DateOnly due, int daysLate, bool writtenOff = false) => new(due, due.AddDays(daysLate), writtenOff);

    private static List<SettledInvoice> History(int onTime, int late, DateOnly? around = null)
    {
        var due = around ?? Today.AddMonths(-3);
        return [.. Enumerable.Range(0, onTime).Select(i => Paid(due.AddDays(-i), 0)), .. Enumerable.Range(0, late).Select(i => Paid(due.AddDays(-i), 5))];
    }

    [Fact]
    public void Nine_of_ten_on_time_meets_a_90_percent_rule_and_eight_of_ten_does_not()
    {
        Assert.True(PromptPayerIncentives.Qualifies(Rule(), History(9, 1), Today));
        Assert.False(PromptPayerIncentives.Qualifies(Rule(), History(8, 2), Today));
        Assert.Equal(new PaymentRecord(10, 9), PromptPayerIncentives.Record(History(9, 1), Today, 12));
        Assert.Equal(90m, PromptPayerIncentives.Record(History(9, 1), Today, 12).OnTimePercent);
    }

    [Fact]
    public void Too_few_paid_invoices_earn_nothing_however_punctual()
    {
        Assert.False(PromptPayerIncentives.Qualifies(Rule(minPaid: 3), History(2, 0), Today));
        Assert.True(PromptPayerIncentives.Qualifies(Rule(minPaid: 3), History(3, 0), Today));
        Assert.False(PromptPayerIncentives.Qualifies(Rule(minPaid: 1), [], Today));
    }

    [Fact]
    public void Only_invoices_settled_inside_the_period_count()
    {
        // Three late payments 13 months ago fall out of a 12-month window, but not out of a 24-month one.
        var history = History(3, 0).Concat(History(0, 3, Today.AddMonths(-13))).ToList();
        Assert.True(PromptPayerIncentives.Qualifies(Rule(months: 12), history, Today));
        Assert.False(PromptPayerIncentives.Qualifies(Rule(months: 24), history, Today));
    }

    [Fact]
    public void An_invoice_closed_by_a_write_off_is_never_on_time()
    {
        var history = History(2, 0).Append(Paid(Today.AddDays(-40), -5, writtenOff: true)).ToList();
        Assert.Equal(new PaymentRecord(3, 2), PromptPayerIncentives.Record(history, Today, 12));
        Assert.False(PromptPayerIncentives.Qualifies(Rule(), history, Today));
    }

    [Fact]
    public void The_most_generous_active_rule_applies_and_a_switched_off_rule_none()
    {
        var small = Rule(percent: 80m, discount: 1m);
        var large = Rule(percent: 95m, discount: 3m, days: 14);
        var off = Rule(percent: 50m, discount: 5m, active: false);
        Assert.Same(large, PromptPayerIncentives.Earned([small, large, off], History(10, 0), Today));
        Assert.Same(small, PromptPayerIncentives.Earned([small, large, off], History(17, 3), Today));
        Assert.Null(PromptPayerIncentives.Earned([off], History(10, 0), Today));
    }

    [Fact]
    public void Net_30_becomes_2_10_net_30_and_terms_with_a_discount_of_their_own_keep_it()
    {
        var issued = new DateOnly(2026, 7, 1);
        var applied = PromptPayerIncentives.Apply(PaymentTerms.Net(30), Rule(), issued);
        Assert.Equal("2/10 Net 30", applied!.ToString());
        Assert.Equal(new DateOnly(2026, 7, 31), applied.DueDate(issued));
        Assert.Equal(new DateOnly(2026, 7, 11), applied.DiscountDeadline(issued));
        Assert.Equal(20.00m, applied.DiscountOn(1000m, "EUR"));
        Assert.True(PaymentTerms.TryParse("1/5 Net 30", out var own));
        Assert.Null(PromptPayerIncentives.Apply(own, Rule(), issued));
    }

    [Fact]
    public void The_discount_window_never_outlasts_the_due_date()
    {
        var applied = PromptPayerIncentives.Apply(PaymentTerms.Net(7), Rule(days: 10), new DateOnly(2026, 7, 1));
        Assert.Equal("2/7 Net 7", applied!.ToString());
        Assert.True(PaymentTerms.TryParse(applied.ToString(), out _));
        Assert.Null(PromptPayerIncentives.Apply(PaymentTerms.Net(0), Rule(), new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void The_rule_form_names_each_bad_field()
    {
        var result = new IncentiveRuleInputValidator().Validate(new IncentiveRuleInput
        {
            Name = "",
            MinOnTimePercent = 120m,
            LookbackMonths = 0,
            MinPaidInvoices = 3,
            DiscountPercent = 2.555m,
            DiscountDays = 90,
        });
        Assert.Equal(
            ["DiscountDays", "DiscountPercent", "LookbackMonths", "MinOnTimePercent", "Name"],
            result.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.True(new IncentiveRuleInputValidator().Validate(new IncentiveRuleInput { Name = "Prompt payers" }).IsValid);
    }
}
