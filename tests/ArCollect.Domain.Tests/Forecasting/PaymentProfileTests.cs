using ArCollect.Domain.Forecasting;

namespace ArCollect.Domain.Tests.Forecasting;

public sealed class PaymentProfileTests
{
    private static readonly DateOnly Due = new(2026, 3, 1);

    [Fact]
    public void Mean_delay_comes_from_paid_invoices_and_probability_is_smoothed_towards_the_prior()
    {
        // paid 10 and 20 days late, one written off: mean 15; p = (2 + 2 x 0.9) / (3 + 2) = 0.76
        var history = new[]
        {
            new SettledInvoice(Due, Due.AddDays(10), false),
            new SettledInvoice(Due, Due.AddDays(20), false),
            new SettledInvoice(Due, Due.AddDays(200), true),
        };

        var profile = PaymentProfile.From(history, new PaymentProfile(3m, 0.9m, 100));

        Assert.Equal(15m, profile.MeanDaysLate);
        Assert.Equal(0.76m, profile.PaymentProbability);
        Assert.Equal(3, profile.SampleSize);
    }

    [Fact]
    public void A_customer_without_history_takes_the_prior()
    {
        var profile = PaymentProfile.From([], new PaymentProfile(3m, 0.9m, 100));

        Assert.Equal(3m, profile.MeanDaysLate);
        Assert.Equal(0.9m, profile.PaymentProbability);
    }

    [Fact]
    public void Predicted_day_is_due_plus_mean_delay_but_never_in_the_past()
    {
        var profile = new PaymentProfile(12.4m, 0.9m, 5);

        Assert.Equal(Due.AddDays(12), profile.PredictDate(Due, Due));
        Assert.Equal(Due.AddDays(40), profile.PredictDate(Due, Due.AddDays(40)));
    }
}
