using ArCollect.Domain.Risk;

namespace ArCollect.Domain.Tests.Risk;

public sealed class RiskSettingsTests
{
    [Theory]
    [InlineData(0.0, RiskBand.Low)]
    [InlineData(0.2499, RiskBand.Low)]
    [InlineData(0.25, RiskBand.Medium)]
    [InlineData(0.6999, RiskBand.Medium)]
    [InlineData(0.7, RiskBand.High)]
    [InlineData(1.0, RiskBand.High)]
    public void Band_starts_at_each_tenant_cut_off(double probability, RiskBand expected)
    {
        var settings = new RiskSettings { MediumFrom = 0.25, HighFrom = 0.7 };

        Assert.Equal(expected, settings.BandFor(probability));
    }

    [Fact]
    public void Late_means_more_than_the_grace_days_past_due()
    {
        var invoice = new RiskInvoice(Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), 10m, "EUR", new DateOnly(2026, 2, 5));

        Assert.Equal(5, RiskLabels.DaysLate(invoice));
        Assert.False(RiskLabels.IsLate(5, graceDays: 5));
        Assert.True(RiskLabels.IsLate(6, graceDays: 5));
        Assert.Equal(0, RiskLabels.DaysLate(invoice with { SettledOn = new DateOnly(2026, 1, 20) }));
    }
}
