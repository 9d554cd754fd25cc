using ArCollect.Domain.Common;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>One group's open amounts (base currency) and invoice counts per bucket.</summary>
public sealed record AgingRow(string Key, string Label, decimal[] Amounts, int[] Counts)
{
    public decimal Total => Amounts.Sum();

    public int Count => Counts.Sum();
}

/// <summary>An aging table in the tenant's base currency, with the rates used and the currencies that had none.</summary>
public sealed record AgingReport(
    DateOnly AsOf,
    AgingBuckets Buckets,
    string BaseCurrency,
    IReadOnlyList<AgingRow> Rows,
    AgingRow Totals,
    IReadOnlyList<RateQuote> RatesUsed,
    IReadOnlyList<string> MissingRates)
{
    /// <summary>
    /// Converts each cell with the rate valid on the as-of day and folds the currencies of a group together.
    /// Cells in a currency without a rate are left out of every figure and listed in <see cref="MissingRates"/>.
    /// Converted amounts are added unrounded and rounded to the cent once, at the end (each cell, row and the total
    /// from the exact sums), so the total is the same to the cent whichever grouping the table uses.
    /// </summary>
    public static AgingReport Build(IEnumerable<AgingCell> cells, DateOnly asOf, AgingBuckets buckets, CurrencyConverter converter)
    {
        var rows = new Dictionary<string, AgingRow>(StringComparer.Ordinal);
        var used = new Dictionary<string, RateQuote>(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            var rate = converter.RateFor(cell.Currency, asOf);
            if (rate is null)
            {
                missing.Add(cell.Currency);
                continue;
            }

            if (cell.Currency != converter.BaseCurrency)
            {
                used[cell.Currency] = rate;
            }

            if (!rows.TryGetValue(cell.Key, out var row))
            {
                row = new AgingRow(cell.Key, cell.Label, new decimal[buckets.Count], new int[buckets.Count]);
                rows[cell.Key] = row;
            }

            row.Amounts[cell.Bucket] += cell.Amount * rate.RateToBase;
            row.Counts[cell.Bucket] += cell.Count;
        }

        var totals = new AgingRow("", "Total", new decimal[buckets.Count], new int[buckets.Count]);
        foreach (var row in rows.Values)
        {
            for (var b = 0; b < buckets.Count; b++)
            {
                totals.Amounts[b] += row.Amounts[b];
                totals.Counts[b] += row.Counts[b];
            }
        }

        foreach (var row in rows.Values.Append(totals))
        {
            for (var b = 0; b < buckets.Count; b++)
            {
                row.Amounts[b] = Math.Round(row.Amounts[b], 2, MidpointRounding.ToEven);
            }
        }

        var ordered = rows.Values.OrderByDescending(r => r.Total).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        return new AgingReport(asOf, buckets, converter.BaseCurrency, ordered, totals, used.Values.OrderBy(r => r.Currency, StringComparer.Ordinal).ToList(), missing.ToList());
    }

    /// <summary>The accounts with the largest balance in the oldest bucket.</summary>
    public IReadOnlyList<AgingRow> TopByOldest(int count) =>
        Rows.Where(r => r.Amounts[Buckets.LastIndex] > 0m).OrderByDescending(r => r.Amounts[Buckets.LastIndex]).Take(count).ToList();
}
