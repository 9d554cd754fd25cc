namespace ArCollect.Domain.Common;

/// <summary>A stored rate: one unit of <paramref name="Currency"/> is worth <paramref name="RateToBase"/> units of the base currency.</summary>
public sealed record RateQuote(string Currency, decimal RateToBase, DateOnly RateDate);

/// <summary>
/// Converts amounts to the tenant's base currency with the newest rate dated on or before the day asked for.
/// A currency without such a rate is reported, never silently treated as 1:1.
/// </summary>
public sealed class CurrencyConverter
{
    private readonly Dictionary<string, List<RateQuote>> quotes;

    public CurrencyConverter(string baseCurrency, IEnumerable<RateQuote> rates)
    {
        BaseCurrency = baseCurrency;
        quotes = rates.GroupBy(r => r.Currency, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.RateDate).ToList(), StringComparer.Ordinal);
    }

    public string BaseCurrency { get; }

    /// <summary>The rate used for a currency on a day; the base currency converts at 1 with no rate date.</summary>
    public RateQuote? RateFor(string currency, DateOnly on)
    {
        if (string.Equals(currency, BaseCurrency, StringComparison.Ordinal))
        {
            return new RateQuote(currency, 1m, on);
        }

        return quotes.TryGetValue(currency, out var list) ? list.FirstOrDefault(r => r.RateDate <= on) : null;
    }

    /// <summary>The amount in the base currency, or null when no rate exists on or before the day.</summary>
    public decimal? ToBase(decimal amount, string currency, DateOnly on) =>
        RateFor(currency, on) is { } rate ? Math.Round(amount * rate.RateToBase, 2, MidpointRounding.ToEven) : null;
}
