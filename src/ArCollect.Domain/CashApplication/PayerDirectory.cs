namespace ArCollect.Domain.CashApplication;

/// <summary>Customers by the words of their names (and their contacts' names), to compare a payer's name only with plausible ones.</summary>
internal sealed class PayerDirectory
{
    private readonly Dictionary<string, List<(Guid CustomerId, string Name, string Normalized)>> byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Guid CustomerId, string Name, int Similarity)>> cache = new(StringComparer.Ordinal);

    public PayerDirectory(IEnumerable<KnownCustomer> customers)
    {
        foreach (var customer in customers)
        {
            foreach (var name in customer.OtherNames.Prepend(customer.Name))
            {
                var normalized = PayerNames.Normalize(name);
                foreach (var word in PayerNames.Words(normalized))
                {
                    if (!byWord.TryGetValue(word, out var list))
                    {
                        byWord[word] = list = [];
                    }

                    list.Add((customer.CustomerId, name, normalized));
                }
            }
        }
    }

    /// <summary>Customers whose name (or a contact's) is at least <paramref name="minimum"/> similar, best first, one entry per customer.</summary>
    public IReadOnlyList<(Guid CustomerId, string Name, int Similarity)> Similar(string normalizedPayer, int minimum)
    {
        if (normalizedPayer.Length == 0)
        {
            return [];
        }

        var cacheKey = normalizedPayer + "\u0001" + minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (cache.TryGetValue(cacheKey, out var known))
        {
            return known;
        }

        var best = new Dictionary<Guid, (string Name, int Similarity)>();
        foreach (var word in PayerNames.Words(normalizedPayer))
        {
            if (!byWord.TryGetValue(word, out var list) || list.Count > 2_000)
            {
                continue;
            }

            foreach (var (customerId, name, normalized) in list)
            {
                var similarity = PayerNames.Similarity(normalizedPayer, normalized);
                if (similarity >= minimum && (!best.TryGetValue(customerId, out var seen) || seen.Similarity < similarity))
                {
                    best[customerId] = (name, similarity);
                }
            }
        }

        var result = best.Select(b => (b.Key, b.Value.Name, b.Value.Similarity)).OrderByDescending(b => b.Similarity).Take(5).ToList();
        if (cache.Count < 100_000)
        {
            cache[cacheKey] = result;
        }

        return result;
    }
}
