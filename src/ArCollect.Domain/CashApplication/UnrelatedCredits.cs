namespace ArCollect.Domain.CashApplication;

/// <summary>
/// Signs that a credit is not a customer paying an invoice: the words banks and payers use for interest, refunds,
/// reversals and dividends (in English, German, French, Spanish and Italian), a payer that is a bank, a tax office or
/// an insurer, and a payer that is a card acquirer or payment service paying out takings (MT940 and many CSV exports
/// carry no booking code that would say "card settlement"). Each sign comes back as evidence in words; none means
/// nothing in the line speaks against a customer payment.
/// </summary>
public static class UnrelatedCredits
{
    // Stems matched inside words, because German compounds them: Habenzinsen, Steuererstattung, Beitragsrückerstattung.
    private static readonly (string Stem, string Meaning)[] TextStems =
    [
        ("zins", "interest"), ("interest", "interest"), ("interet", "interest"), ("intereses", "interest"), ("interessi", "interest"),
        ("erstattung", "a refund"), ("refund", "a refund"), ("rembourse", "a refund"), ("reembolso", "a refund"), ("rimborso", "a refund"),
        ("cashback", "a refund"),
        ("rucklastschrift", "a returned direct debit"), ("ruecklastschrift", "a returned direct debit"), ("chargeback", "a returned payment"),
        ("reversal", "a reversal"), ("storno", "a reversal"), ("ruckuberweisung", "a returned transfer"), ("rueckueberweisung", "a returned transfer"),
        ("dividend", "a dividend"),
    ];

    // Whole payer words (or word endings, for Commerzbank, Kreissparkasse): institutions that are not customers.
    private static readonly string[] InstitutionEndings = ["bank", "sparkasse", "finanzamt", "versicherung", "insurance", "assurance", "assurances", "seguros", "assicurazioni"];
    private static readonly HashSet<string> InstitutionWords = new(StringComparer.Ordinal) { "hmrc", "irs", "treasury", "tresor", "hacienda", "raiffeisen", "bundeskasse" };

    // Card acquirers and payment services whose payouts settle card or wallet payments recorded when they were taken
    // (for the portal's card payments, by the Stripe webhook), so the payout itself pays no open invoice.
    private static readonly HashSet<string> AcquirerWords = new(StringComparer.Ordinal)
    {
        "adyen", "worldline", "worldpay", "stripe", "sumup", "payone", "concardis", "nexi", "elavon", "fiserv", "firstdata",
        "paypal", "mollie", "zettle", "ingenico", "barclaycard", "braintree", "unzer", "heidelpay", "computop", "paysafe",
        "redsys", "getnet", "monext", "saltpay",
    };

    /// <summary>What in the line speaks for "not a customer payment", as evidence in words; empty when nothing does.</summary>
    public static IReadOnlyList<string> Signs(string? payerName, string? remittance)
    {
        var signs = new List<string>();
        var text = PayerNames.Normalize(remittance) + " " + PayerNames.Normalize(payerName);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var (stem, meaning) in TextStems)
            {
                if (word.Contains(stem, StringComparison.Ordinal) && !signs.Any(s => s.Contains(meaning, StringComparison.Ordinal)))
                {
                    signs.Add($"\"{word}\" in the line is a bank's word for {meaning}");
                }
            }
        }

        var payer = PayerNames.Normalize(payerName).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (payer.FirstOrDefault(w => InstitutionWords.Contains(w) || InstitutionEndings.Any(e => w.EndsWith(e, StringComparison.Ordinal))) is { } institution)
        {
            signs.Add($"the payer \"{payerName}\" is a bank, tax office or insurer (\"{institution}\"), not a trading customer");
        }

        if (payer.FirstOrDefault(AcquirerWords.Contains) is { } acquirer)
        {
            signs.Add($"the payer \"{payerName}\" is a card acquirer or payment service (\"{acquirer}\") paying out takings, which were recorded when they were taken");
        }

        return signs;
    }
}
