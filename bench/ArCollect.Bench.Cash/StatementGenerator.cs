using System.Globalization;
using System.Text;
using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Common;

namespace ArCollect.Bench.Cash;

/// <summary>An open invoice of the generated ledger.</summary>
internal sealed record GeneratedInvoice(string CustomerId, string CustomerName, string? CustomerIban, string Number, decimal Amount, string Currency,
    DateOnly IssueDate, DateOnly DueDate, decimal Discount, DateOnly? DiscountUntil);

/// <summary>A statement line and what it truly pays.</summary>
internal sealed record GeneratedReceipt(StatementLine Line, IReadOnlyList<string> Invoices, string Case);

/// <summary>
/// A deterministic ledger of open invoices and a noisy statement paying part of it, as real statements are: references
/// typed with errors or missing, combined payments, partial and short payments, discounts taken, bank fees, payers
/// paying under another name, foreign currency, and credits that pay no invoice (refunds, interest, card settlements,
/// transfers of the tenant's own that came back). Each line carries the booking codes a German bank gives it: ISO
/// BkTxCd with the MT940 code as the proprietary one, field 61's type and the :86: business code.
/// </summary>
internal sealed class StatementGenerator(int seed)
{
    private const string SepaCredit = "ISO PMNT/RCDT/ESCT; Prtry NTRF+166; SWIFT NTRF; GVC 166";
    private const string CrossBorderCredit = "ISO PMNT/RCDT/XBCT; Prtry NTRF; SWIFT NTRF";
    private const string InterestCredit = "ISO ACMT/MCOP/INTR; Prtry NINT+805; SWIFT NINT; GVC 805";
    private const string CardSettlement = "ISO PMNT/MCRD/POSP; Prtry NMSC; SWIFT NMSC";
    private const string ReturnedTransfer = "ISO PMNT/RCDT/RRTN; Prtry NRTI+159; SWIFT NRTI; GVC 159";

    private static readonly string[] Words =
    [
        "Alpen", "Nord", "Sued", "Rhein", "Main", "Elbe", "Baltic", "Atlas", "Orion", "Vega", "Polar", "Delta", "Sigma", "Nova", "Terra",
        "Agro", "Bau", "Metall", "Holz", "Glas", "Textil", "Logistik", "Transport", "Handel", "Technik", "Systems", "Solutions", "Medical",
        "Pharma", "Foods", "Bäckerei", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
        "Dupont", "Lefèvre", "Moreau", "Laurent", "Garnier", "Rossi", "Bianchi", "Romano", "García", "Martínez", "López", "Novak", "Kowalski",
        "Jensen", "Nielsen", "Andersson", "Smith", "Brown", "Taylor", "Green", "Blue", "Silver", "Golden", "Eagle", "Falcon", "Lion", "Bear",
        "Oak", "Pine", "Cedar", "River", "Lake", "Harbor", "Bridge", "Tower", "Castle", "Star", "Sun", "Moon", "Energy", "Solar", "Wind",
        "Digital", "Data", "Cloud", "Print", "Media", "Design", "Consult", "Office", "Home", "Garden", "Auto", "Motor", "Tools", "Chemie",
    ];

    private static readonly string[] LegalForms = ["GmbH", "AG", "GmbH & Co. KG", "Ltd", "SARL", "S.A.", "S.r.l.", "B.V.", "e.K.", "Inc."];

    private readonly Random random = new(seed);

    public List<GeneratedInvoice> Invoices { get; } = [];

    public List<GeneratedReceipt> Receipts { get; } = [];

    public Dictionary<string, string> Rates { get; } = new(StringComparer.Ordinal) { ["USD"] = "0.9200", ["GBP"] = "1.1700" };

    public void Generate(int customers, int invoices, int lines, DateOnly statementDay)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var people = new List<(string Id, string Name, string? Iban)>();
        for (var c = 0; c < customers; c++)
        {
            string name;
            do
            {
                name = $"{Pick(Words)} {Pick(Words)} {Pick(LegalForms)}";
            }
            while (!names.Add(name) && names.Count < Words.Length * Words.Length);

            people.Add(($"C{c + 1:000000}", name, random.NextDouble() < 0.8 ? GermanIban() : null));
        }

        var common = new[] { 99m, 119m, 250m, 500m, 1000m, 1190m, 49.90m };
        for (var i = 0; i < invoices; i++)
        {
            var (id, name, iban) = people[i % customers];
            var issued = statementDay.AddDays(-random.Next(5, 120));
            var amount = random.NextDouble() < 0.12 ? common[random.Next(common.Length)] : Math.Round((decimal)Math.Exp(4 + (random.NextDouble() * 5.5)), 2);
            var discounted = random.NextDouble() < 0.15;
            var discount = discounted ? Math.Round(amount * 0.02m, 2) : 0m;
            Invoices.Add(new GeneratedInvoice(id, name, iban, $"INV-{issued.Year}-{i + 1:000000}", amount, "EUR", issued, issued.AddDays(30),
                discount, discounted ? statementDay.AddDays(3) : null));
        }

        var byCustomer = Invoices.GroupBy(i => i.CustomerId).ToDictionary(g => g.Key, g => g.ToList());
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < lines; n++)
        {
            Receipts.Add(Receipt(n, statementDay, byCustomer, used));
        }
    }

    private GeneratedReceipt Receipt(int n, DateOnly day, Dictionary<string, List<GeneratedInvoice>> byCustomer, HashSet<string> used)
    {
        var reference = $"E{n + 1:0000000}";
        var roll = random.NextDouble();
        if (roll < 0.025)
        {
            var (payer, text, code) = Pick(new[]
            {
                ("Stadtsparkasse", "Zinsgutschrift Quartal", InterestCredit), ("Deutsche Telekom AG", "Erstattung Kundennummer 48213379", SepaCredit),
                ("Finanzamt Mitte", "Steuererstattung 2025", SepaCredit), ("Allianz Versicherung", "Beitragsrueckerstattung", SepaCredit),
                ("", "Abschluss per " + day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), InterestCredit),
            });
            return new GeneratedReceipt(Line(reference, day, Math.Round((decimal)(random.NextDouble() * 900) + 1m, 2), payer, null, text, code: code), [], "unrelated credit");
        }

        if (roll < 0.032)
        {
            // A card acquirer pays out the day's card takings in one sum; the card payments were recorded when they were taken.
            var (acquirer, text) = Pick(new[] { ("Adyen N.V.", "Settlement batch"), ("Stripe Payments Europe Ltd", "STRIPE PAYOUT"), ("Worldline GmbH", "Abrechnung Terminal") });
            return new GeneratedReceipt(Line(reference, day, Math.Round((decimal)(random.NextDouble() * 4000) + 50m, 2), acquirer, null,
                $"{text} {day:yyyyMMdd} {random.Next(100_000, 999_999)}", code: CardSettlement), [], "card settlement");
        }

        var invoice = NextInvoice(used);
        if (roll < 0.04)
        {
            // A refund the tenant sent the customer came back (account closed): it names the customer and the invoice, yet pays nothing.
            return new GeneratedReceipt(Line(reference, day, Math.Round(invoice.Amount * 0.1m, 2) + 1m, Variant(invoice.CustomerName), invoice.CustomerIban,
                $"RETOURE AC04 {ReferenceText(invoice.Number)} Gutschrift", code: ReturnedTransfer), [], "returned transfer");
        }

        var payerName = Variant(invoice.CustomerName);
        var iban = invoice.CustomerIban;
        var number = invoice.Number;
        if (roll < 0.44)
        {
            return Single(reference, day, invoice, invoice.Amount, payerName, iban, ReferenceText(number), "reference exact");
        }

        if (roll < 0.52)
        {
            var rf = CreditorReference.Format(CreditorReference.FromInvoiceNumber(number)!);
            return Single(reference, day, invoice, invoice.Amount, payerName, iban, rf, "RF reference");
        }

        if (roll < 0.62)
        {
            return Single(reference, day, invoice, invoice.Amount, payerName, iban, "Rechnung " + Typo(number), "reference typo");
        }

        if (roll < 0.71)
        {
            return Single(reference, day, invoice, invoice.Amount, payerName, iban, Pick(new[] { "Zahlung", "Payment", "Rechnungsausgleich", "Danke", "" }), "no reference");
        }

        if (roll < 0.79)
        {
            var others = byCustomer[invoice.CustomerId].Where(i => i != invoice && !used.Contains(i.Number)).Take(random.Next(1, 4)).ToList();
            foreach (var other in others)
            {
                used.Add(other.Number);
            }

            var all = others.Prepend(invoice).ToList();
            var text = random.NextDouble() < 0.6 ? string.Join(" ", all.Select(i => ReferenceText(i.Number))) : "Sammelzahlung";
            return new GeneratedReceipt(Line(reference, day, all.Sum(i => i.Amount), payerName, iban, text, code: SepaCredit), all.Select(i => i.Number).ToList(), "combined payment");
        }

        if (roll < 0.84)
        {
            var paid = Math.Round(invoice.Amount * (decimal)(0.3 + (random.NextDouble() * 0.6)), 2);
            return Single(reference, day, invoice, paid, payerName, iban, ReferenceText(number) + " Teilzahlung", "partial or short payment");
        }

        if (roll < 0.89)
        {
            var discount = invoice.Discount > 0m ? invoice.Discount : 0m;
            return Single(reference, day, invoice, invoice.Amount - discount, payerName, iban, ReferenceText(number) + " abzgl. Skonto", discount > 0m ? "discount taken" : "reference exact");
        }

        if (roll < 0.93)
        {
            var fee = Math.Round((decimal)(0.5 + (random.NextDouble() * 4)), 2);
            return Single(reference, day, invoice, invoice.Amount - fee, payerName, iban, ReferenceText(number), "bank fee deducted");
        }

        if (roll < 0.97)
        {
            var other = $"{Pick(Words)} Holding {Pick(LegalForms)}";
            return Single(reference, day, invoice, invoice.Amount, other, GermanIban(), random.NextDouble() < 0.7 ? ReferenceText(number) : "Zahlung fuer Tochter", "other payer name");
        }

        var usd = Math.Round(invoice.Amount / 0.92m * (decimal)(0.995 + (random.NextDouble() * 0.01)), 2);
        return new GeneratedReceipt(Line(reference, day, usd, payerName, iban, ReferenceText(number), "USD", CrossBorderCredit), [number], "foreign currency");
    }

    private GeneratedReceipt Single(string reference, DateOnly day, GeneratedInvoice invoice, decimal amount, string payer, string? iban, string text, string kind) =>
        new(Line(reference, day, amount, payer, iban, text, code: SepaCredit), [invoice.Number], kind);

    private static StatementLine Line(string reference, DateOnly day, decimal amount, string payer, string? iban, string text, string currency = "EUR", string? code = null) =>
        new(reference, day, null, amount, currency, EntryDirection.Credit, payer.Length == 0 ? null : payer, iban, text, BookingCode: code);

    private GeneratedInvoice NextInvoice(HashSet<string> used)
    {
        while (true)
        {
            var invoice = Invoices[random.Next(Invoices.Count)];
            if (used.Add(invoice.Number))
            {
                return invoice;
            }
        }
    }

    /// <summary>How people write an invoice number: as printed, without prefix, with spaces, without leading zeros, lower case.</summary>
    private string ReferenceText(string number)
    {
        var parts = number.Split('-');
        return random.Next(6) switch
        {
            0 => number,
            1 => "Invoice " + number,
            2 => $"RE {parts[1]} {parts[2]}",
            3 => $"{parts[1]}/{parts[2].TrimStart('0')}",
            4 => number.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal),
            _ => $"Rechnung Nr. {number} vom {random.Next(1, 28)}.{random.Next(1, 12)}.",
        };
    }

    /// <summary>One typing error: two digits swapped, O for 0, I for 1, or one digit wrong.</summary>
    private string Typo(string number)
    {
        var chars = number.ToCharArray();
        var digits = Enumerable.Range(0, chars.Length).Where(i => char.IsAsciiDigit(chars[i]) && i > 4).ToList();
        switch (random.Next(4))
        {
            case 0:
                var at = digits[random.Next(digits.Count - 1)];
                if (at + 1 < chars.Length && char.IsAsciiDigit(chars[at + 1]) && chars[at] != chars[at + 1])
                {
                    (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                    return new string(chars);
                }

                goto default;
            case 1 when number.Contains('0', StringComparison.Ordinal):
                return number.Replace('0', 'O');
            case 2 when number.Contains('1', StringComparison.Ordinal):
                return number.Replace('1', 'I');
            default:
                var position = digits[digits.Count - 1 - random.Next(Math.Min(3, digits.Count))];
                chars[position] = (char)('0' + ((chars[position] - '0' + 1 + random.Next(8)) % 10));
                return new string(chars);
        }
    }

    /// <summary>The name as a bank prints it: upper case, legal form dropped or cut, accents lost, words swapped.</summary>
    private string Variant(string name)
    {
        var variant = random.Next(5) switch
        {
            0 => name.ToUpperInvariant(),
            1 => string.Join(' ', name.Split(' ').Take(2)),
            2 => RemoveAccents(name),
            3 => string.Join(' ', name.Split(' ').Take(2).Reverse()) + " " + string.Join(' ', name.Split(' ').Skip(2)),
            _ => name,
        };
        return variant.Length > 35 ? variant[..35] : variant;
    }

    private static string RemoveAccents(string text) =>
        string.Concat(text.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark));

    private string GermanIban()
    {
        var bban = random.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture) + random.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
        var check = 98 - Mod97.Remainder(bban + "DE00");
        return "DE" + check.ToString("00", CultureInfo.InvariantCulture) + bban;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
