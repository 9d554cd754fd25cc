using System.Globalization;

namespace ArCollect.Domain.CashApplication;

public sealed partial class CashMatcher
{
    /// <summary>Strong: the customer said beforehand which invoices this payment pays.</summary>
    internal const decimal AdviceNamed = 0.60m;

    /// <summary>How many days before an advice's date its payment may already be booked.</summary>
    internal const int AdviceDaysEarly = 7;

    private readonly Dictionary<Guid, List<AdviceItem>> advicesByCustomer = [];

    private void IndexAdvices(IEnumerable<AdviceItem>? advices)
    {
        foreach (var advice in advices ?? [])
        {
            if (!advicesByCustomer.TryGetValue(advice.CustomerId, out var list))
            {
                advicesByCustomer[advice.CustomerId] = list = [];
            }

            list.Add(advice);
        }
    }

    /// <summary>
    /// Waiting advices of a payer the receipt comes from (by learned account or name), in its currency, in date, whose
    /// total the amount pays within tolerance: the money goes to the invoices the advice names, as it splits them.
    /// </summary>
    private void AddFromAdvices(Dictionary<string, MatchCandidate> candidates, Receipt receipt, PayerView payerView)
    {
        foreach (var (customerId, advices) in advicesByCustomer)
        {
            var payer = payerView.ScoreFor(customerId);
            if (payer <= 0m)
            {
                continue;
            }

            foreach (var advice in advices)
            {
                var tolerance = rules.ToleranceIn(advice.Currency);
                if (advice.Currency != receipt.Currency || Math.Abs(advice.Total - receipt.Amount) > tolerance
                    || receipt.ReceivedOn > advice.ExpiresOn || receipt.ReceivedOn < advice.Date.AddDays(-AdviceDaysEarly))
                {
                    continue;
                }

                var open = byCustomer.GetValueOrDefault(customerId) ?? [];
                var allocations = new List<CandidateAllocation>();
                var missing = new List<string>();
                foreach (var line in advice.Lines)
                {
                    var key = ReferenceKeys.KeyOf(line.InvoiceNumber);
                    var invoice = open.FirstOrDefault(i => keys[i] == key && i.Currency == advice.Currency && allocations.All(a => a.InvoiceId != i.InvoiceId));
                    if (invoice is null)
                    {
                        missing.Add(line.InvoiceNumber);
                        continue;
                    }

                    allocations.Add(new CandidateAllocation(invoice.InvoiceId, invoice.Number, Math.Min(line.Amount, invoice.OpenAmount), 0m));
                }

                if (allocations.Count == 0)
                {
                    continue;
                }

                var applied = allocations.Sum(a => a.Amount);
                var unapplied = receipt.Amount - applied;
                if (unapplied < 0m)
                {
                    // Within tolerance the receipt is short of the advice: the last invoice takes what is left.
                    var last = allocations[^1];
                    allocations[^1] = last with { Amount = last.Amount + unapplied };
                    unapplied = 0m;
                }

                var kind = unapplied > tolerance ? MatchKind.Over : MatchKind.Exact;
                var numbers = string.Join(", ", advice.Lines.Select(l => l.InvoiceNumber));
                var evidence = new List<string>
                {
                    $"remittance advice of {advice.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} from {advice.SentBy} names {numbers}",
                    $"{Money(receipt.Amount, receipt.Currency)} {(advice.Total == receipt.Amount ? "is" : "is within the tolerance of")} the advice's total of {Money(advice.Total, advice.Currency)}",
                };
                if (missing.Count > 0)
                {
                    evidence.Add($"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not open: {Money(unapplied, receipt.Currency)} left as credit on the customer's account");
                }

                AddPayerEvidence(evidence, payerView, customerId);
                var confidence = AdviceNamed + AmountExact + payer - (missing.Count > 0 ? 0.20m : 0m);
                Upsert(candidates, new MatchCandidate(customerId, kind, allocations, receipt.Amount, receipt.Currency, Math.Max(0m, unapplied), confidence, evidence)
                {
                    AdviceId = advice.AdviceId,
                });
            }
        }
    }
}
