using System.Globalization;
using ArCollect.Domain.Common;

namespace ArCollect.Domain.CashApplication;

/// <summary>
/// Proposes how each receipt pays a tenant's open invoices. Evidence adds up: a reference in the remittance text (an
/// invoice number, exactly or with a typing error, or an RF creditor reference), the payer (an account number learned
/// from earlier applications, else the name), and the amount (one invoice, a combination, with the discount taken or
/// a tolerated difference). Each candidate carries its confidence and the evidence in words; the best applies itself
/// when it clears the tenant's threshold and no rival comes close, unless the bank's booking code says the credit is
/// interest, charges, a reversal, a return or a card settlement: then "not a customer payment" ranks first. No I/O: the caller loads the open items once.
/// </summary>
public sealed partial class CashMatcher
{
    internal const decimal ReferenceExact = 0.55m;
    internal const decimal ReferenceCreditor = 0.60m;
    internal const decimal ReferenceTransposed = 0.45m;
    internal const decimal ReferenceSimilar = 0.40m;
    internal const decimal AmountExact = 0.35m;
    internal const decimal AmountApproximate = 0.05m;
    internal const decimal AmountOnlyUnique = 0.55m;
    internal const decimal AmountCombination = 0.45m;
    internal const decimal AmountCombinationToTheCent = 0.50m;
    internal const decimal PayerAccount = 0.35m;
    internal const decimal NamedInCombination = 0.15m;
    internal const decimal OtherPayersAccount = -0.30m;
    internal const decimal MaximumConfidence = 0.99m;
    internal const decimal UnrelatedSign = 0.55m;
    internal const decimal UnrelatedFurtherSign = 0.20m;
    internal const decimal UnrelatedNothingTies = 0.15m;
    internal const decimal UnrelatedButTied = -0.30m;
    internal const decimal UnrelatedWithoutSign = 0.06m;
    internal const decimal UnrelatedByBookingCode = 0.95m;

    private readonly MatchingRules rules;
    private readonly CurrencyConverter? rates;
    private readonly Dictionary<string, List<OpenInvoiceItem>> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OpenInvoiceItem>> byRawKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> writtenNumbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OpenInvoiceItem>> byAnagram = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenInvoiceItem> byCreditorReference = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, List<OpenInvoiceItem>> byCustomer = [];
    private readonly Dictionary<(decimal, string), List<OpenInvoiceItem>> byAmount = [];
    private readonly Dictionary<OpenInvoiceItem, string> keys = [];
    private readonly Dictionary<string, Guid> learnedAccounts;
    private readonly PayerDirectory payers;
    private readonly Dictionary<Guid, string> names;

    public CashMatcher(
        IEnumerable<OpenInvoiceItem> invoices,
        IEnumerable<KnownCustomer> customers,
        IReadOnlyDictionary<string, Guid> learnedAccounts,
        MatchingRules? rules = null,
        CurrencyConverter? rates = null,
        IEnumerable<AdviceItem>? advices = null)
    {
        IndexAdvices(advices);
        this.rules = rules ?? MatchingRules.Default;
        this.rates = rates;
        this.learnedAccounts = learnedAccounts.ToDictionary(p => Iban.Normalize(p.Key), p => p.Value, StringComparer.Ordinal);
        var customerList = customers.ToList();
        names = customerList.ToDictionary(c => c.CustomerId, c => c.Name);
        payers = new PayerDirectory(customerList);
        foreach (var invoice in invoices)
        {
            var key = ReferenceKeys.KeyOf(invoice.Number);
            keys[invoice] = key;
            if (key.Length >= ReferenceKeys.MinimumKeyLength)
            {
                Add(byKey, key, invoice);
                Add(byAnagram, ReferenceKeys.Anagram(key), invoice);
                var raw = ReferenceKeys.RawKeyOf(invoice.Number);
                writtenNumbers.Add(raw);
                if (raw != key)
                {
                    Add(byRawKey, raw, invoice);
                }
            }

            var creditor = invoice.CreditorReference is { Length: > 0 } given ? CreditorReference.Format(given) : CreditorReference.FromInvoiceNumber(invoice.Number);
            if (creditor is not null)
            {
                byCreditorReference[CreditorReference.Compact(creditor)] = invoice;
            }

            Add(byCustomer, invoice.CustomerId, invoice);
            Add(byAmount, (invoice.OpenAmount, invoice.Currency), invoice);
            if (invoice.Discount > 0m)
            {
                Add(byAmount, (invoice.OpenAmount - invoice.Discount, invoice.Currency), invoice);
            }
        }

        foreach (var list in byCustomer.Values)
        {
            list.Sort((a, b) => a.DueDate != b.DueDate ? a.DueDate.CompareTo(b.DueDate) : string.CompareOrdinal(a.Number, b.Number));
        }
    }

    public MatchingRules Rules => rules;

    /// <summary>How many open invoices the matcher knows.</summary>
    public int OpenInvoices => keys.Count;

    public MatchResult Match(Receipt receipt)
    {
        var payerScores = Payers(receipt);
        var references = References(receipt, payerScores);
        var candidates = new Dictionary<string, MatchCandidate>(StringComparer.Ordinal);

        foreach (var group in references.GroupBy(r => r.Invoice.CustomerId))
        {
            AddReferenced(candidates, receipt, group.ToList(), payerScores);
        }

        AddFromAdvices(candidates, receipt, payerScores);
        var named = references.Select(r => r.Invoice.InvoiceId).ToHashSet();
        // When the text names invoices the amount pays exactly, searching combinations of the payer's other invoices adds nothing.
        var settledByText = candidates.Values.Any(c => c.Kind == MatchKind.Exact);
        foreach (var (customerId, payer) in payerScores.Scores.Where(p => p.Value.Score > 0m))
        {
            AddFromPayer(candidates, receipt, customerId, payer with { Score = payerScores.ScoreFor(customerId) }, named, searchCombinations: !settledByText && payer.Score >= 0.2m);
        }

        if (references.Count == 0)
        {
            AddFromAmountOnly(candidates, receipt);
        }

        var codeSigns = BookingCodes.Signs(receipt.BookingCode);
        AddNotCustomerPayment(candidates, receipt, payerScores, references.Count > 0, codeSigns);

        // A booking code that says interest, charges, a reversal, a return or a card settlement outranks what the text
        // suggests: a returned transfer names the invoice it was meant to pay, yet pays nothing.
        var ranked = candidates.Values
            .Select(c => c with { Confidence = Math.Clamp(c.Confidence, 0m, MaximumConfidence) })
            .Where(c => c.Confidence > 0m)
            .OrderByDescending(c => codeSigns.Count > 0 && c.Kind == MatchKind.NotCustomerPayment)
            .ThenByDescending(c => c.Confidence)
            .ThenBy(c => c.Kind)
            .ThenBy(c => c.Allocations.Count)
            .ToList();
        var best = ranked.FirstOrDefault();
        var auto = best is not null && codeSigns.Count == 0 && best.Kind is not (MatchKind.OnAccount or MatchKind.NotCustomerPayment)
            && best.Confidence >= rules.AutoApplyThreshold && (ranked.Count == 1 || best.Confidence - ranked[1].Confidence >= rules.Lead);
        return new MatchResult(receipt, ranked, auto);
    }

    /// <summary>The open invoices whose number or customer resembles a clerk's search text, for the queue's search box.</summary>
    public IReadOnlyList<OpenInvoiceItem> Search(string text, int limit = 20)
    {
        var key = ReferenceKeys.KeyOf(text);
        var byNumber = key.Length >= 2
            ? keys.Where(k => k.Value.Contains(key, StringComparison.Ordinal)).Select(k => k.Key)
            : [];
        var byName = payers.Similar(PayerNames.Normalize(text), 70).SelectMany(c => byCustomer.GetValueOrDefault(c.CustomerId) ?? []);
        return byNumber.Concat(byName).Distinct().OrderBy(i => i.DueDate).Take(limit).ToList();
    }

    private static void Add<TKey>(Dictionary<TKey, List<OpenInvoiceItem>> index, TKey key, OpenInvoiceItem invoice)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(invoice);
    }

    private static string Money(decimal amount, string currency) => currency + " " + amount.ToString("N2", CultureInfo.InvariantCulture);
}
