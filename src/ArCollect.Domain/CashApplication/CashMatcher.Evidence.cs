using ArCollect.Domain.Common;
using FuzzySharp;

namespace ArCollect.Domain.CashApplication;

public sealed partial class CashMatcher
{
    private sealed record PayerScore(decimal Score, string Evidence);

    private sealed record ReferenceHit(OpenInvoiceItem Invoice, decimal Score, string Evidence);

    private sealed record PayerView(Dictionary<Guid, PayerScore> Scores, Guid? AccountOwner)
    {
        public decimal ScoreFor(Guid customerId) =>
            (Scores.TryGetValue(customerId, out var s) ? s.Score : 0m) + (AccountOwner is { } owner && owner != customerId ? OtherPayersAccount : 0m);

        public string? EvidenceFor(Guid customerId) => Scores.TryGetValue(customerId, out var s) ? s.Evidence : null;
    }

    /// <summary>Who may have paid: the customer the account was learned for, and customers whose name resembles the payer's.</summary>
    private PayerView Payers(Receipt receipt)
    {
        var scores = new Dictionary<Guid, PayerScore>();
        Guid? owner = null;
        if (!string.IsNullOrWhiteSpace(receipt.PayerIban) && learnedAccounts.TryGetValue(Iban.Normalize(receipt.PayerIban), out var learned))
        {
            owner = learned;
            scores[learned] = new PayerScore(PayerAccount, $"account {Iban.Format(receipt.PayerIban)} has paid this customer before");
        }

        foreach (var (customerId, name, similarity) in payers.Similar(PayerNames.Normalize(receipt.PayerName), 80))
        {
            var score = similarity >= 98 ? PayerAccount : similarity >= 95 ? 0.30m : similarity >= 88 ? 0.20m : 0.10m;
            var evidence = similarity >= 99 ? $"payer \"{receipt.PayerName}\" is {name}" : $"payer \"{receipt.PayerName}\" resembles {name} ({similarity}%)";
            if (scores.TryGetValue(customerId, out var known))
            {
                // Account and name agree: the name adds a little, the account is the stronger sign.
                scores[customerId] = new PayerScore(known.Score + 0.05m, known.Evidence + "; " + evidence);
            }
            else
            {
                scores[customerId] = new PayerScore(score, evidence);
            }
        }

        return new PayerView(scores, owner);
    }

    /// <summary>Invoices the remittance text names: RF references, invoice numbers as typed, then typing errors.</summary>
    private List<ReferenceHit> References(Receipt receipt, PayerView payerView)
    {
        var hits = new Dictionary<OpenInvoiceItem, ReferenceHit>();
        void Hit(OpenInvoiceItem invoice, decimal score, string evidence)
        {
            if (!hits.TryGetValue(invoice, out var known) || known.Score < score)
            {
                hits[invoice] = new ReferenceHit(invoice, score, evidence);
            }
        }

        var text = receipt.Remittance ?? "";
        foreach (var (reference, valid) in ReferenceKeys.FindCreditorReferences(text))
        {
            if (valid && byCreditorReference.TryGetValue(reference, out var invoice))
            {
                Hit(invoice, ReferenceCreditor, $"creditor reference {CreditorReference.Format(reference)} is invoice {invoice.Number}'s");
            }
            else if (!valid && reference.Length > 4)
            {
                // A mistyped RF reference still carries the invoice number in its body.
                text += " " + reference[4..];
            }
        }

        var unresolved = new List<FoundReference>();
        foreach (var found in ReferenceKeys.Find(text))
        {
            // A date in the text ("PAYOUT 20261130") is not read as the invoice its digits key to ("INV-2026-001130"),
            // nor as a slip of one, unless an invoice is numbered with exactly those digits.
            if (ReferenceKeys.ReadsAsDate(found, receipt.ReceivedOn) && !writtenNumbers.Contains(found.Raw))
            {
                continue;
            }

            if ((byKey.TryGetValue(found.Key, out var exact) || byRawKey.TryGetValue(found.Raw, out exact) || byKey.TryGetValue(found.Raw, out exact)) && exact.Count <= 3)
            {
                foreach (var invoice in exact)
                {
                    Hit(invoice, ReferenceExact / exact.Count, $"invoice number {invoice.Number} in the text (\"{found.Text}\")");
                }
            }
            else if (found.Key.Length >= 5)
            {
                unresolved.Add(found);
            }
        }

        if (hits.Count > 0)
        {
            return [.. hits.Values];
        }

        // Typing errors: transposed characters anywhere in the ledger; other slips only among the likely payers' invoices
        // and those for the amount, where a near miss is unlikely to be chance.
        var nearby = payerView.Scores.Keys.SelectMany(c => byCustomer.GetValueOrDefault(c) ?? [])
            .Concat(byAmount.GetValueOrDefault((receipt.Amount, receipt.Currency)) ?? [])
            .Distinct()
            .ToList();
        foreach (var found in unresolved)
        {
            if (byAnagram.TryGetValue(ReferenceKeys.Anagram(found.Key), out var swapped) && swapped.Count <= 3)
            {
                foreach (var invoice in swapped.Where(i => Transposition(keys[i], found.Key)))
                {
                    Hit(invoice, ReferenceTransposed / swapped.Count, $"\"{found.Text}\" is invoice number {invoice.Number} with two characters swapped");
                }
            }

            foreach (var invoice in nearby)
            {
                var key = keys[invoice];
                if (key.Length >= 5 && Math.Abs(key.Length - found.Key.Length) <= 1)
                {
                    var ratio = Fuzz.Ratio(key, found.Key);
                    if (ratio >= 85)
                    {
                        Hit(invoice, ReferenceSimilar, $"\"{found.Text}\" is close to invoice number {invoice.Number} ({ratio}% alike)");
                    }
                }
            }
        }

        return [.. hits.Values];
    }

    /// <summary>Two keys of the same letters that differ in exactly two positions which are each other's swap.</summary>
    private static bool Transposition(string a, string b)
    {
        if (a.Length != b.Length || string.Equals(a, b, StringComparison.Ordinal))
        {
            return false;
        }

        var differing = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
        return differing.Count == 2 && a[differing[0]] == b[differing[1]] && a[differing[1]] == b[differing[0]];
    }
}
