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

        // Only names sharing most of the payer's words are compared: a fuzzy ratio of 80 or more needs that anyway,
        // and it keeps a payer with a common word from being compared with hundreds of customers.
        var words = PayerNames.Words(normalizedPayer).ToList();
        var shared = new Dictionary<(Guid CustomerId, string Name, string Normalized), int>();
        foreach (var word in words)
        {
            if (!byWord.TryGetValue(word, out var list) || list.Count > 5_000)
            {
                continue;
            }

            foreach (var entry in list)
            {
                shared[entry] = shared.GetValueOrDefault(entry) + 1;
            }
        }

        var needed = Math.Min(2, words.Count);
        var best = new Dictionary<Guid, (string Name, int Similarity)>();
        foreach (var ((customerId, name, normalized), count) in shared)
        {
            if (count < needed && shared.Count > 50)
            {
                continue;
            }

            var similarity = PayerNames.Similarity(normalizedPayer, normalized);
            if (similarity >= minimum && (!best.TryGetValue(customerId, out var seen) || seen.Similarity < similarity))
            {
                best[customerId] = (name, similarity);
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
