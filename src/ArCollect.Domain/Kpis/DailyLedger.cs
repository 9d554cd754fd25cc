using ArCollect.Domain.Common;

namespace ArCollect.Domain.Kpis;

/// <summary>
/// The receivables as daily facts, read in the base currency. Flows (credit sales, cash) convert at the rate in force
/// on their own day; balances (AR, current AR) convert at the rate in force on the day they are taken. Amounts of a
/// currency without a rate on the day needed are left out and the currency is named in <see cref="MissingRates"/>.
/// </summary>
public sealed class DailyLedger
{
    private readonly CurrencyConverter converter;
    private readonly Dictionary<string, CurrencyFacts> byCurrency;
    private readonly Converted[] flows;
    private readonly DateOnly[] salesDays;
    private readonly decimal[] salesRunning;
    private readonly (DateOnly Day, string Currency)[] unratedSales;
    private readonly SortedSet<string> missing = new(StringComparer.Ordinal);

    public DailyLedger(IEnumerable<DailyFact> facts, CurrencyConverter converter)
    {
        this.converter = converter;
        var list = facts.ToList();
        byCurrency = list.GroupBy(f => f.Currency.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CurrencyFacts(g.OrderBy(f => f.Day).ToArray()), StringComparer.Ordinal);
        var converted = new List<Converted>(list.Count);
        foreach (var f in list)
        {
            // A flow without a rate counts as missing only when a period reads it (see Flows and SalesBetween).
            var currency = f.Currency.Trim();
            var rate = converter.RateFor(currency, f.Day)?.RateToBase;
            var unrated = rate is null && (f.Sales != 0m || f.Cash != 0m) ? currency : null;
            converted.Add(new Converted(f.Day, (f.Sales * rate) ?? 0m, (f.Cash * rate) ?? 0m, f.SettledCount, f.SettledDays, unrated, f.Sales != 0m));
        }

        flows = [.. converted.OrderBy(c => c.Day)];
        unratedSales = flows.Where(c => c.Unrated is not null && c.UnratedSales).Select(c => (c.Day, c.Unrated!)).ToArray();
        var sales = flows.Where(c => c.Sales != 0m).GroupBy(c => c.Day).Select(g => (Day: g.Key, Amount: g.Sum(c => c.Sales))).ToArray();
        salesDays = sales.Select(s => s.Day).ToArray();
        salesRunning = new decimal[sales.Length];
        var running = 0m;
        for (var i = 0; i < sales.Length; i++)
        {
            running += sales[i].Amount;
            salesRunning[i] = running;
        }
    }

    /// <summary>Currencies left out somewhere for want of a rate on or before the day needed.</summary>
    public IReadOnlyCollection<string> MissingRates => missing;

    /// <summary>Receivables at the end of <paramref name="day"/>, at that day's rates.</summary>
    public decimal Balance(DateOnly day) => byCurrency.Sum(c => InBase(c.Key, c.Value.Balance(day), day));

    /// <summary>Receivables at the end of <paramref name="day"/> not yet due (due on or after the day), at that day's rates.</summary>
    public decimal CurrentBalance(DateOnly day) => byCurrency.Sum(c => InBase(c.Key, c.Value.Current(day), day));

    /// <summary>Credit sales, cash and settled invoices (count, days from issue) of the days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public (decimal Sales, decimal Cash, int SettledCount, long SettledDays) Flows(DateOnly from, DateOnly to)
    {
        decimal sales = 0m, cash = 0m;
        int count = 0;
        long days = 0;
        for (var i = FirstOnOrAfter(from); i < flows.Length && flows[i].Day <= to; i++)
        {
            sales += flows[i].Sales;
            cash += flows[i].Cash;
            count += flows[i].SettledCount;
            days += flows[i].SettledDays;
            if (flows[i].Unrated is { } currency)
            {
                missing.Add(currency);
            }
        }

        return (sales, cash, count, days);
    }

    /// <summary>Credit sales of the days after <paramref name="after"/> up to and including <paramref name="upTo"/>.</summary>
    public decimal SalesBetween(DateOnly after, DateOnly upTo)
    {
        foreach (var (day, currency) in unratedSales)
        {
            if (day > after && day <= upTo)
            {
                missing.Add(currency);
            }
        }

        return SalesUpTo(upTo) - SalesUpTo(after);
    }

    private decimal SalesUpTo(DateOnly day)
    {
        var i = Array.BinarySearch(salesDays, day);
        var last = i >= 0 ? i : ~i - 1;
        return last >= 0 ? salesRunning[last] : 0m;
    }

    private int FirstOnOrAfter(DateOnly day)
    {
        int lo = 0, hi = flows.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (flows[mid].Day < day)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private decimal InBase(string currency, decimal amount, DateOnly day)
    {
        if (amount == 0m)
        {
            return 0m;
        }

        if (converter.RateFor(currency, day) is { } rate)
        {
            return amount * rate.RateToBase;
        }

        missing.Add(currency);
        return 0m;
    }

    private sealed record Converted(DateOnly Day, decimal Sales, decimal Cash, int SettledCount, long SettledDays, string? Unrated, bool UnratedSales);

    /// <summary>One currency's facts ordered by day, with running AR so a balance is one binary search.</summary>
    private sealed class CurrencyFacts
    {
        private readonly DailyFact[] facts;
        private readonly decimal[] running;

        public CurrencyFacts(DailyFact[] facts)
        {
            this.facts = facts;
            running = new decimal[facts.Length];
            var sum = 0m;
            for (var i = 0; i < facts.Length; i++)
            {
                sum += facts[i].ArChange;
                running[i] = sum;
            }
        }

        public decimal Balance(DateOnly day)
        {
            int lo = 0, hi = facts.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (facts[mid].Day <= day)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo > 0 ? running[lo - 1] : 0m;
        }

        public decimal Current(DateOnly day)
        {
            var sum = 0m;
            foreach (var f in facts)
            {
                if (f.Day > day)
                {
                    break;
                }

                if (f.DueDay >= day)
                {
                    sum += f.ArChange;
                }
            }

            return sum;
        }
    }
}
