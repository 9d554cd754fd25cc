using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Demo;

namespace ArCollect.IntegrationTests.Demo;

/// <summary>The hidden payment behaviours must show in the ledger, or aging and the delay model have nothing to learn.</summary>
public sealed class DemoBehaviourTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly Lazy<DemoLedger> Ledger = new(() =>
        DemoLedgerGenerator.Generate(Guid.CreateVersion7(), [], new DemoOptions { Today = Today, Customers = 300, Invoices = 12000 }));

    [Fact]
    public void Behaviours_differ_in_days_late()
    {
        var mean = MeanDaysLate(_ => true);

        Assert.True(mean[PaymentBehaviour.ChronicLate] > mean[PaymentBehaviour.HabituallyLate], Describe(mean));
        Assert.True(mean[PaymentBehaviour.HabituallyLate] > mean[PaymentBehaviour.PromptPayer], Describe(mean));
        Assert.InRange(mean[PaymentBehaviour.PromptPayer], -3, 1.5);
        Assert.InRange(mean[PaymentBehaviour.HabituallyLate], 8, 16);
        Assert.InRange(mean[PaymentBehaviour.ChronicLate], 45, 75);
        Assert.True(mean[PaymentBehaviour.EarlyWithDiscount] < mean[PaymentBehaviour.PromptPayer], Describe(mean));
    }

    [Fact]
    public void Early_payers_pay_within_ten_days_of_issue()
    {
        var early = PaidInvoices().Where(x => x.Behaviour == PaymentBehaviour.EarlyWithDiscount).ToList();

        var withinTenDays = early.Count(x => x.Invoice.SettledOn!.Value.DayNumber - x.Invoice.IssueDate.DayNumber <= 12);

        Assert.True(withinTenDays > early.Count * 0.8, $"{withinTenDays} of {early.Count}");
    }

    [Fact]
    public void Seasonal_customers_are_late_only_in_summer_and_the_fourth_quarter()
    {
        var busy = MeanDaysLate(i => i.DueDate.Month is 7 or 8 or 10 or 11 or 12)[PaymentBehaviour.Seasonal];
        var quiet = MeanDaysLate(i => i.DueDate.Month is not (7 or 8 or 10 or 11 or 12))[PaymentBehaviour.Seasonal];

        Assert.True(busy > 15, $"busy season {busy:F1}");
        Assert.True(quiet < 3, $"quiet season {quiet:F1}");
    }

    [Fact]
    public void Deteriorating_customers_get_later_after_their_first_year()
    {
        var firstYear = MeanDaysLate(i => i.DueDate < Today.AddMonths(-12))[PaymentBehaviour.Deteriorating];
        // Due three to nine months ago: late enough in the customer's life, and mostly paid by now.
        var lastMonths = MeanDaysLate(i => i.DueDate >= Today.AddMonths(-9) && i.DueDate < Today.AddMonths(-3))[PaymentBehaviour.Deteriorating];

        Assert.True(firstYear < 6, $"first year {firstYear:F1}");
        Assert.True(lastMonths > 20, $"three to nine months ago {lastMonths:F1}");
    }

    [Fact]
    public void Disputers_dispute_far_more_often_than_others()
    {
        var ledger = Ledger.Value;
        var invoicesPerBehaviour = ledger.Invoices.GroupBy(i => ledger.Behaviours[i.CustomerId]).ToDictionary(g => g.Key, g => g.Count());
        var disputesPerBehaviour = ledger.Disputes.GroupBy(d => ledger.Behaviours[d.CustomerId]).ToDictionary(g => g.Key, g => g.Count());
        double Rate(PaymentBehaviour b) => disputesPerBehaviour.GetValueOrDefault(b) / (double)invoicesPerBehaviour[b];

        Assert.True(Rate(PaymentBehaviour.Disputer) > 5 * Rate(PaymentBehaviour.PromptPayer));
        Assert.True(Rate(PaymentBehaviour.Disputer) > 0.1);
    }

    /// <summary>Mean days between due date and the day the last payment settled the invoice, for invoices paid in full.</summary>
    private static Dictionary<PaymentBehaviour, double> MeanDaysLate(Func<Invoice, bool> filter) =>
        PaidInvoices()
            .Where(x => filter(x.Invoice))
            .GroupBy(x => x.Behaviour)
            .ToDictionary(g => g.Key, g => g.Average(x => x.Invoice.SettledOn!.Value.DayNumber - x.Invoice.DueDate.DayNumber));

    private static IEnumerable<(Invoice Invoice, PaymentBehaviour Behaviour)> PaidInvoices()
    {
        var ledger = Ledger.Value;
        return ledger.Invoices
            .Where(i => i.AmountPaid == i.Total && i.SettledOn.HasValue)
            .Select(i => (i, ledger.Behaviours[i.CustomerId]));
    }

    private static string Describe(Dictionary<PaymentBehaviour, double> mean) =>
        string.Join(", ", mean.OrderBy(m => m.Key).Select(m => $"{m.Key}: {m.Value:F1}"));
}
