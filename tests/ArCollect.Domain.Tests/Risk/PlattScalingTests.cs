using ArCollect.Domain.Risk;

namespace ArCollect.Domain.Tests.Risk;

public sealed class PlattScalingTests
{
    [Fact]
    public void Overconfident_probabilities_are_pulled_to_the_rates_actually_seen()
    {
        // The raw model says 90% for invoices of which 60% were late, and 10% for those of which 20% were late.
        var raw = Enumerable.Repeat(0.9, 500).Concat(Enumerable.Repeat(0.1, 500)).ToArray();
        var late = Enumerable.Range(0, 500).Select(i => i % 5 < 3).Concat(Enumerable.Range(0, 500).Select(i => i % 5 == 0)).ToArray();

        var platt = PlattScaling.Fit(raw, late);

        Assert.Equal(0.6, platt.Apply(0.9), 0.01);
        Assert.Equal(0.2, platt.Apply(0.1), 0.01);
    }

    [Fact]
    public void A_calibration_slice_with_only_on_time_invoices_changes_nothing()
    {
        var platt = PlattScaling.Fit([0.2, 0.7], [false, false]);

        Assert.Equal(PlattScaling.Identity, platt);
        Assert.Equal(0.7, platt.Apply(0.7), 10);
    }
}
