namespace ArCollect.Domain.CashApplication;

public sealed partial class CashMatcher
{
    private sealed record Plan(MatchKind Kind, List<CandidateAllocation> Allocations, decimal Unapplied, string Evidence);

    /// <summary>Invoices the text names, of one customer: all of them, or the combination of them the amount pays.</summary>
    private void AddReferenced(Dictionary<string, MatchCandidate> candidates, Receipt receipt, List<ReferenceHit> hits, PayerView payerView)
    {
        var customerId = hits[0].Invoice.CustomerId;
        var currency = hits.OrderByDescending(h => h.Score).First().Invoice.Currency;
        hits = hits.Where(h => h.Invoice.Currency == currency).OrderBy(h => h.Invoice.DueDate).ThenBy(h => h.Invoice.Number, StringComparer.Ordinal).ToList();
        if (Convert(receipt, currency) is not var (amount, note) || amount <= 0m)
        {
            return;
        }

        var tolerance = Tolerance(receipt, currency, amount);
        var invoices = hits.Select(h => h.Invoice).ToList();
        var plan = Allocate(invoices, amount, receipt.ReceivedOn, tolerance, currency);
        if (plan.Kind != MatchKind.Exact && invoices.Count > 2)
        {
            var dues = invoices.Select(i => i.DueOn(receipt.ReceivedOn)).ToList();
            if (SubsetSum.Find(dues, amount, tolerance, rules.SubsetSearchSize, 1) is [var subset])
            {
                invoices = subset.Select(i => invoices[i]).ToList();
                hits = hits.Where(h => invoices.Contains(h.Invoice)).ToList();
                plan = Allocate(invoices, amount, receipt.ReceivedOn, tolerance, currency);
            }
        }

        var referenceScore = hits.Average(h => h.Score);
        var confidence = referenceScore + (plan.Kind == MatchKind.Exact ? AmountExact : AmountApproximate) + payerView.ScoreFor(customerId);
        var evidence = hits.Select(h => h.Evidence).Append(plan.Evidence).ToList();
        AddPayerEvidence(evidence, payerView, customerId);
        Upsert(candidates, new MatchCandidate(customerId, plan.Kind, plan.Allocations, amount, currency, plan.Unapplied, confidence, WithNote(evidence, note)));
    }

    /// <summary>A likely payer's invoices: the one asking the amount, else a combination summing to it, else money on account.</summary>
    private void AddFromPayer(Dictionary<string, MatchCandidate> candidates, Receipt receipt, Guid customerId, PayerScore payer, HashSet<Guid> named, bool searchCombinations)
    {
        var score = payer.Score;
        var all = byCustomer.GetValueOrDefault(customerId) ?? [];
        var currency = all.Count > 0 ? all.GroupBy(i => i.Currency).OrderByDescending(g => g.Key == receipt.Currency).First().Key : receipt.Currency;
        if (Convert(receipt, currency) is not var (amount, note) || amount <= 0m)
        {
            return;
        }

        var invoices = all.Where(i => i.Currency == currency).ToList();
        var tolerance = Tolerance(receipt, currency, amount);
        var day = receipt.ReceivedOn;
        var singles = invoices.Where(i => i.DueOn(day) == amount || i.OpenAmount == amount).ToList();
        var exact = singles.Count > 0;
        if (!exact)
        {
            singles = invoices.Where(i => Math.Abs(i.DueOn(day) - amount) <= tolerance || Math.Abs(i.OpenAmount - amount) <= tolerance).ToList();
        }

        if (singles.Count > 0)
        {
            foreach (var invoice in singles.Take(3))
            {
                var plan = Allocate([invoice], amount, day, tolerance, currency);
                var share = (exact ? AmountOnlyUnique : AmountOnlyUnique - 0.15m) / singles.Count;
                var uniqueness = singles.Count == 1
                    ? $"it is the only one of the customer's {invoices.Count} open invoice(s) asking this"
                    : $"{singles.Count} of the customer's open invoices ask this amount";
                Upsert(candidates, new MatchCandidate(customerId, plan.Kind, plan.Allocations, amount, currency, plan.Unapplied, score + share,
                    WithNote([payer.Evidence, plan.Evidence, uniqueness], note)));
            }

            return;
        }

        if (!searchCombinations)
        {
            return;
        }

        var window = invoices.Take(rules.SubsetSearchInvoices).ToList();
        var dues = window.Select(i => i.DueOn(day)).ToList();
        var opens = window.Select(i => i.OpenAmount).ToList();
        var combinations = SubsetSum.Find(opens, amount, 0m, rules.SubsetSearchSize);
        if (combinations.Count == 0 && !dues.SequenceEqual(opens))
        {
            combinations = SubsetSum.Find(dues, amount, 0m, rules.SubsetSearchSize);
        }

        var toTheCent = combinations.Count > 0;
        if (combinations.Count == 0)
        {
            combinations = SubsetSum.Find(dues, amount, tolerance, rules.SubsetSearchSize);
        }

        foreach (var combination in combinations)
        {
            var chosen = combination.Select(i => window[i]).ToList();
            var plan = Allocate(chosen, amount, day, tolerance, currency);
            var together = $"invoices {string.Join(", ", chosen.Select(i => i.Number))} add up to the amount"
                + (combinations.Count > 1 ? $" (one of {combinations.Count} combinations that do)" : "");
            // Some invoices named in the text and the rest found by the amount: the text backs the combination.
            var namedIn = chosen.Count(i => named.Contains(i.InvoiceId));
            var backing = namedIn > 0 ? NamedInCombination : 0m;
            var evidence = new List<string> { payer.Evidence, together, plan.Evidence };
            if (namedIn > 0)
            {
                evidence.Add($"{namedIn} of them named in the text");
            }

            Upsert(candidates, new MatchCandidate(customerId, plan.Kind, plan.Allocations, amount, currency, plan.Unapplied,
                score + ((toTheCent ? AmountCombinationToTheCent : AmountCombination) / combinations.Count) + backing, WithNote(evidence, note)));
        }

        if (combinations.Count == 0)
        {
            var why = invoices.Count == 0 ? "the customer has no open invoice" : "no open invoice or combination of the customer's invoices asks this amount";
            Upsert(candidates, new MatchCandidate(customerId, MatchKind.OnAccount, [], amount, currency, amount, score * 0.6m,
                WithNote([payer.Evidence, why + ": keep the money on the customer's account"], note)));
        }
    }

    /// <summary>
    /// Nothing names the payer or an invoice: the invoices asking exactly this amount, weakly. When many ask it (round
    /// amounts), the three falling due nearest the booking day, since people pay around the due date.
    /// </summary>
    private void AddFromAmountOnly(Dictionary<string, MatchCandidate> candidates, Receipt receipt)
    {
        if (!byAmount.TryGetValue((receipt.Amount, receipt.Currency), out var invoices))
        {
            return;
        }

        var many = invoices.Count > 5;
        var chosen = many
            ? invoices.OrderBy(i => Math.Abs(i.DueDate.DayNumber - receipt.ReceivedOn.DayNumber)).ThenBy(i => i.Number, StringComparer.Ordinal).Take(3).ToList()
            : invoices;
        foreach (var invoice in chosen)
        {
            var plan = Allocate([invoice], receipt.Amount, receipt.ReceivedOn, 0m, receipt.Currency);
            var link = many
                ? $"only the amount links it, and {invoices.Count} open invoices ask {Money(receipt.Amount, receipt.Currency)}: invoice {invoice.Number} of {names.GetValueOrDefault(invoice.CustomerId, "a customer")} falls due {invoice.DueDate:yyyy-MM-dd}, among the nearest to the booking day"
                : $"only the amount links it: invoice {invoice.Number} of {names.GetValueOrDefault(invoice.CustomerId, "a customer")} asks {Money(receipt.Amount, receipt.Currency)}";
            Upsert(candidates, new MatchCandidate(invoice.CustomerId, plan.Kind, plan.Allocations, receipt.Amount, receipt.Currency, plan.Unapplied,
                0.35m / invoices.Count, [link, plan.Evidence]));
        }
    }

    /// <summary>
    /// "Not a customer payment" as a candidate: strong when the line speaks of interest, a refund or a reversal, or comes
    /// from a bank, tax office or insurer; weak, but offered, when nothing in the line ties it to a customer at all. The
    /// bank's booking code is the strongest sign: it is the bank saying what the booking is.
    /// </summary>
    private static void AddNotCustomerPayment(Dictionary<string, MatchCandidate> candidates, Receipt receipt, PayerView payerView, bool referenced,
        IReadOnlyList<string> codeSigns)
    {
        var signs = UnrelatedCredits.Signs(receipt.PayerName, receipt.Remittance);
        var tied = referenced || payerView.AccountOwner is not null || payerView.Scores.Values.Any(s => s.Score > 0m);
        if (signs.Count == 0 && codeSigns.Count == 0 && tied)
        {
            return;
        }

        var evidence = codeSigns.Concat(signs).ToList();
        decimal confidence;
        if (codeSigns.Count > 0)
        {
            confidence = UnrelatedByBookingCode;
            if (tied)
            {
                evidence.Add("the line also names a customer or an invoice, but the booking code decides");
            }
        }
        else if (signs.Count == 0)
        {
            confidence = UnrelatedWithoutSign;
            evidence.Add("nothing in the line names a customer, a customer's account or an invoice");
        }
        else if (tied)
        {
            confidence = UnrelatedSign + (UnrelatedFurtherSign * (signs.Count - 1)) + UnrelatedButTied;
            evidence.Add("but the line also names a customer or an invoice");
        }
        else
        {
            confidence = UnrelatedSign + (UnrelatedFurtherSign * (signs.Count - 1)) + UnrelatedNothingTies;
            evidence.Add("no customer's name, account or invoice number is in the line");
        }

        Upsert(candidates, new MatchCandidate(Guid.Empty, MatchKind.NotCustomerPayment, [], receipt.Amount, receipt.Currency, receipt.Amount, confidence,
            [.. evidence, "accepting parks the receipt as not a customer payment"]));
    }

    /// <summary>Applies the amount to the invoices oldest first and says how it compares with what they ask.</summary>
    private static Plan Allocate(List<OpenInvoiceItem> invoices, decimal amount, DateOnly day, decimal tolerance, string currency)
    {
        var dues = invoices.Select(i => i.DueOn(day)).ToList();
        var full = invoices.Sum(i => i.OpenAmount);
        if (Math.Abs(amount - full) < Math.Abs(amount - dues.Sum()))
        {
            // Paid in full although a discount was offered: the invoices ask their whole amounts.
            dues = invoices.Select(i => i.OpenAmount).ToList();
        }

        var total = dues.Sum();
        var discounted = invoices.Where((i, n) => dues[n] < i.OpenAmount).Any();
        var asks = invoices.Count == 1 ? $"invoice {invoices[0].Number}" : $"the {invoices.Count} invoices";
        var allocations = new List<CandidateAllocation>();
        var remaining = amount;
        for (var i = 0; i < invoices.Count && remaining > 0m; i++)
        {
            var last = i == invoices.Count - 1;
            var take = last && Math.Abs(amount - total) <= tolerance ? Math.Min(remaining, invoices[i].OpenAmount) : Math.Min(remaining, dues[i]);
            allocations.Add(new CandidateAllocation(invoices[i].InvoiceId, invoices[i].Number, take, 0m));
            remaining -= take;
        }

        var difference = amount - total;
        if (difference == 0m)
        {
            return new Plan(MatchKind.Exact, allocations, 0m,
                $"{Money(amount, currency)} is what {asks} ask{(invoices.Count == 1 ? "s" : "")}" + (discounted ? ", early-payment discount taken" : ""));
        }

        if (Math.Abs(difference) <= tolerance)
        {
            return new Plan(MatchKind.Exact, allocations, remaining,
                $"{Money(amount, currency)} is {Money(Math.Abs(difference), currency)} {(difference < 0 ? "short of" : "more than")} what {asks} ask"
                + $"{(invoices.Count == 1 ? "s" : "")}{(discounted ? " with the discount" : "")}, within the tolerance of {Money(tolerance, currency)}");
        }

        if (difference < 0m)
        {
            var partial = allocations[^1];
            var index = allocations.Count - 1;
            allocations[index] = partial with { Shortfall = dues[index] - partial.Amount };
            return new Plan(MatchKind.Short, allocations, 0m,
                $"pays {Money(amount, currency)} of the {Money(total, currency)} {asks} ask: {Money(-difference, currency)} short");
        }

        return new Plan(MatchKind.Over, allocations, remaining,
            $"{Money(difference, currency)} more than the {Money(total, currency)} {asks} ask: left as credit on the customer's account");
    }

    /// <summary>The receipt in an invoice currency, with the rate used said in words; null when no stored rate converts it.</summary>
    private (decimal Amount, string? Note)? Convert(Receipt receipt, string currency)
    {
        if (receipt.Currency == currency)
        {
            return (receipt.Amount, null);
        }

        if (rates?.RateFor(receipt.Currency, receipt.ReceivedOn) is not { } from || rates.RateFor(currency, receipt.ReceivedOn) is not { } to || to.RateToBase == 0m)
        {
            return null;
        }

        var converted = Common.Money.Round(receipt.Amount * from.RateToBase / to.RateToBase, currency);
        var rate = from.RateToBase / to.RateToBase;
        return (converted, $"{Money(receipt.Amount, receipt.Currency)} converted to {Money(converted, currency)} at the stored rate {rate:0.######} of {from.RateDate:yyyy-MM-dd}");
    }

    private decimal Tolerance(Receipt receipt, string currency, decimal amount) =>
        receipt.Currency == currency ? rules.ToleranceIn(currency) : Math.Max(rules.ToleranceIn(currency), Math.Round(amount * rules.ForeignCurrencyTolerance, 2));

    private static void AddPayerEvidence(List<string> evidence, PayerView payerView, Guid customerId)
    {
        if (payerView.EvidenceFor(customerId) is { } payer)
        {
            evidence.Add(payer);
        }

        if (payerView.AccountOwner is { } owner && owner != customerId)
        {
            evidence.Add("but the paying account belongs to another customer");
        }
    }

    private static List<string> WithNote(List<string> evidence, string? note)
    {
        if (note is not null)
        {
            evidence.Add(note);
        }

        return evidence;
    }

    private static void Upsert(Dictionary<string, MatchCandidate> candidates, MatchCandidate candidate)
    {
        var key = candidate.CustomerId + ":" + candidate.Kind + ":" + string.Join(',', candidate.Allocations.Select(a => a.InvoiceId).Order());
        if (!candidates.TryGetValue(key, out var known) || known.Confidence < candidate.Confidence)
        {
            candidates[key] = candidate;
        }
    }
}
