namespace ArCollect.Domain.Common;

/// <summary>An amount in one ISO 4217 currency. Amounts in different currencies never add up implicitly.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    /// <summary>
    /// Rounds an amount to the currency's minor units (cents for EUR, none for JPY, mils for KWD), half away from zero
    /// as commercial rounding does. Every amount is rounded so at input, before any rule sees it.
    /// </summary>
    public static decimal Round(decimal amount, string? currency) =>
        Math.Round(amount, CurrencyCodes.MinorUnits(currency), MidpointRounding.AwayFromZero);

    public Money Add(Money other)
    {
        EnsureSameCurrency(other);
        return this with { Amount = Amount + other.Amount };
    }

    public Money Subtract(Money other)
    {
        EnsureSameCurrency(other);
        return this with { Amount = Amount - other.Amount };
    }

    public static Money operator +(Money left, Money right) => left.Add(right);

    public static Money operator -(Money left, Money right) => left.Subtract(right);

    public override string ToString() => $"{Currency} {Amount:N2}";

    private void EnsureSameCurrency(Money other)
    {
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot combine {Currency} and {other.Currency} without an exchange rate.");
        }
    }
}
