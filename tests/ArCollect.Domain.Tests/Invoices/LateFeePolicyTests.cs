using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Tests.Invoices;

public sealed class LateFeePolicyTests
{
    private static readonly DateOnly Due = new(2026, 3, 31);
    private static readonly HashSet<string> None = [];

    [Fact]
    public void No_fee_inside_the_grace_days()
    {
        var policy = new LateFeePolicy(LateFeeKind.Flat, 25m, GraceDays: 10, Cap: null);

        Assert.Null(policy.ChargeOn(new DateOnly(2026, 4, 10), Due, 500m, 0m, None));
        Assert.Equal(new LateFeeCharge("2026-04", 25m), policy.ChargeOn(new DateOnly(2026, 4, 11), Due, 500m, 0m, None));
    }

    [Fact]
    public void Percentage_fee_is_on_principal_and_ignores_earlier_fees()
    {
        var policy = new LateFeePolicy(LateFeeKind.Percent, 2m, 0, null);

        var charge = policy.ChargeOn(new DateOnly(2026, 6, 1), Due, principalOpen: 1234.50m, feesCharged: 49.38m, new HashSet<string> { "2026-04", "2026-05" });

        Assert.Equal(new LateFeeCharge("2026-06", 24.69m), charge); // 2 % of 1234.50, not of 1283.88
    }

    [Fact]
    public void A_period_already_charged_is_not_charged_again()
    {
        var policy = new LateFeePolicy(LateFeeKind.Flat, 10m, 0, null);

        Assert.Null(policy.ChargeOn(new DateOnly(2026, 5, 20), Due, 100m, 10m, new HashSet<string> { "2026-05" }));
    }

    [Fact]
    public void The_cap_limits_the_last_fee_and_then_stops_fees()
    {
        var policy = new LateFeePolicy(LateFeeKind.Flat, 15m, 0, Cap: 40m);

        Assert.Equal(10m, policy.ChargeOn(new DateOnly(2026, 6, 2), Due, 100m, 30m, None)!.Amount);
        Assert.Null(policy.ChargeOn(new DateOnly(2026, 7, 2), Due, 100m, 40m, None));
    }

    [Fact]
    public void Paid_principal_earns_no_fee_even_when_fees_are_open()
    {
        var policy = new LateFeePolicy(LateFeeKind.Percent, 5m, 0, null);

        Assert.Null(policy.ChargeOn(new DateOnly(2026, 6, 2), Due, principalOpen: 0m, feesCharged: 12m, None));
    }
}
