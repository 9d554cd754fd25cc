using ArCollect.Domain.Dunning;

namespace ArCollect.Domain.Tests.Dunning;

public class PromiseRulesTests
{
    private static readonly DateOnly Promised = new(2026, 3, 20);

    [Fact]
    public void Promise_is_open_until_the_promised_day_ends()
    {
        Assert.Equal(PromiseStatus.Open, PromiseRules.Evaluate(PromiseStatus.Open, Promised, 500m, 0m, Promised));
    }

    [Fact]
    public void Promise_is_broken_the_day_after_without_full_payment()
    {
        // 499.99 of 500 is not enough.
        Assert.Equal(PromiseStatus.Broken, PromiseRules.Evaluate(PromiseStatus.Open, Promised, 500m, 499.99m, Promised.AddDays(1)));
    }

    [Fact]
    public void Promise_is_kept_as_soon_as_payments_cover_it_even_late()
    {
        Assert.Equal(PromiseStatus.Kept, PromiseRules.Evaluate(PromiseStatus.Open, Promised, 500m, 500m, Promised.AddDays(3)));
    }

    [Fact]
    public void Broken_promise_stays_broken_when_money_arrives_later()
    {
        Assert.Equal(PromiseStatus.Broken, PromiseRules.Evaluate(PromiseStatus.Broken, Promised, 500m, 800m, Promised.AddDays(9)));
    }
}
