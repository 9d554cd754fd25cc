namespace ArCollect.Domain.CashApplication;

/// <summary>
/// The bank's booking codes of a statement line, kept as one text of "scheme value" parts joined by "; ", for example
/// "ISO PMNT/RCDT/ESCT; Prtry NTRF+166" (camt.053/054 BkTxCd), "SWIFT NTRF; GVC 166" (MT940 field 61 and the German
/// :86: business code), "BAI 165" (BAI2 type code). The codes that say a credit is interest, charges, a reversal, a return
/// or a card settlement are evidence that the money is not a customer paying an invoice.
/// </summary>
public static class BookingCodes
{
    public const string Iso = "ISO";
    public const string Proprietary = "Prtry";
    public const string Swift = "SWIFT";
    public const string Gvc = "GVC";
    public const string Bai = "BAI";

    /// <summary>MT940 field 61 mark "RD": the reversal of a debit, booked as money in.</summary>
    public const string ReversalMark = "RD";

    // ISO 20022 External Bank Transaction Sub-Family codes that are never a customer's payment.
    private static readonly Dictionary<string, string> IsoSubFamilies = new(StringComparer.Ordinal)
    {
        ["INTR"] = "interest",
        ["CHRG"] = "bank charges",
        ["FEES"] = "bank fees",
        ["COMM"] = "a commission",
        ["TAXE"] = "tax",
        ["RRTN"] = "a returned credit transfer",
        ["RPCR"] = "a reversal after a cancellation request",
        ["PRDD"] = "a reversed direct debit",
        ["UPDD"] = "an unpaid direct debit coming back",
        ["ARET"] = "a returned payment",
        ["DAJT"] = "a bank's adjustment",
        ["CAJT"] = "a bank's adjustment",
        ["DVCA"] = "a dividend",
    };

    // ISO families and domains that are not customer payments, whatever the sub-family.
    private static readonly Dictionary<string, string> IsoFamilies = new(StringComparer.Ordinal)
    {
        ["MCRD"] = "a card settlement (merchant card transactions)",
        ["CCRD"] = "a card transaction",
    };

    private static readonly Dictionary<string, string> IsoDomains = new(StringComparer.Ordinal)
    {
        ["ACMT"] = "account management (interest, charges, transfers between own accounts)",
        ["LDAS"] = "a loan or deposit",
        ["SECU"] = "a securities booking",
        ["FORX"] = "a foreign exchange deal",
        ["DERV"] = "a derivatives booking",
    };

    // SWIFT transaction type identification codes of MT940 field 61 (N + code).
    private static readonly Dictionary<string, string> SwiftTypes = new(StringComparer.Ordinal)
    {
        ["NINT"] = "interest",
        ["NCHG"] = "bank charges",
        ["NCOM"] = "a commission",
        ["NRTI"] = "a returned item",
        ["NDIV"] = "a dividend",
        ["NSEC"] = "a securities booking",
        ["NLDP"] = "a loan or deposit",
    };

    // German business transaction codes (Geschaeftsvorfallcode) at the start of MT940 field 86.
    private static readonly Dictionary<string, string> GvcCodes = new(StringComparer.Ordinal)
    {
        ["159"] = "a returned SEPA credit transfer",
        ["805"] = "the account closing (interest and charges)",
        ["109"] = "a returned SEPA direct debit",
    };

    // BAI2 detail credit type codes.
    private static readonly Dictionary<string, string> BaiTypes = new(StringComparer.Ordinal)
    {
        ["147"] = "a card settlement (bank card deposit)",
        ["168"] = "an ACH return or adjustment settlement",
        ["238"] = "a dividend",
        ["242"] = "interest income",
        ["252"] = "a debit reversal",
        ["257"] = "a returned ACH item",
        ["258"] = "an ACH reversal",
        ["261"] = "a rejected credit coming back",
        ["266"] = "a returned item",
        ["268"] = "a returned item adjustment",
        ["354"] = "interest",
    };

    /// <summary>One part, e.g. Part(Iso, "PMNT/RCDT/ESCT"); null when the value is empty.</summary>
    public static string? Part(string scheme, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : scheme + " " + string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The parts joined as stored; null when there are none.</summary>
    public static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return present.Count == 0 ? null : string.Join("; ", present);
    }

    /// <summary>
    /// A code as a CSV column gives it: kept when it is already in the stored form ("SWIFT NINT; GVC 805"), ISO when it
    /// reads Domain/Family/SubFamily ("PMNT/RCDT/ESCT"), SWIFT when it is an MT940 type ("NINT"), else shown as the
    /// bank's own text ("Bank ...") and not read for meaning.
    /// </summary>
    public static string? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        var schemes = new[] { Iso, Proprietary, Swift, Gvc, Bai };
        if (schemes.Any(s => trimmed.StartsWith(s + " ", StringComparison.OrdinalIgnoreCase)))
        {
            return Join(Parts(trimmed).Select(p => Part(schemes.FirstOrDefault(s => s.Equals(p.Scheme, StringComparison.OrdinalIgnoreCase)) ?? p.Scheme, p.Value)).ToArray());
        }

        var upper = trimmed.ToUpperInvariant();
        if (upper.Count(c => c == '/') is 1 or 2 && upper.Split('/').All(c => c.Length == 4 && c.All(char.IsAsciiLetter)))
        {
            return Part(Iso, upper);
        }

        return upper.Length == 4 && upper[0] == 'N' && upper.All(char.IsAsciiLetterOrDigit) ? Part(Swift, upper) : Part("Bank", trimmed);
    }

    /// <summary>The value of a scheme's part in a stored code (e.g. Value("SWIFT NTRF; GVC 166", Gvc) is "166"), or null.</summary>
    public static string? Value(string? code, string scheme) =>
        Parts(code).Where(p => p.Scheme == scheme).Select(p => p.Value).FirstOrDefault();

    /// <summary>What in the booking code says the credit is not a customer payment, each naming the code; empty when nothing does.</summary>
    public static IReadOnlyList<string> Signs(string? code)
    {
        var signs = new List<string>();
        foreach (var (scheme, value) in Parts(code))
        {
            var meaning = scheme switch
            {
                Iso => IsoMeaning(value),
                Proprietary => ProprietaryMeaning(value),
                Swift when value == ReversalMark => "a reversed debit",
                Swift => SwiftTypes.GetValueOrDefault(value),
                Gvc => GvcCodes.GetValueOrDefault(value),
                Bai => BaiTypes.GetValueOrDefault(value),
                _ => null,
            };
            if (meaning is not null)
            {
                signs.Add($"the bank's booking code {scheme} {value} means {meaning}, not a customer paying an invoice");
            }
        }

        return signs;
    }

    private static IEnumerable<(string Scheme, string Value)> Parts(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            yield break;
        }

        foreach (var part in code.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = part.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                yield return (part[..space], part[(space + 1)..].Trim().ToUpperInvariant());
            }
        }
    }

    private static string? IsoMeaning(string value)
    {
        var codes = value.Split('/');
        var domain = codes[0];
        var family = codes.Length > 1 ? codes[1] : "";
        var subFamily = codes.Length > 2 ? codes[2] : "";
        return IsoSubFamilies.GetValueOrDefault(subFamily) ?? IsoFamilies.GetValueOrDefault(family) ?? IsoDomains.GetValueOrDefault(domain);
    }

    // German banks fill camt's proprietary code with the MT940 one, "NTRF+166+..." (SWIFT type, then the business code).
    private static string? ProprietaryMeaning(string value)
    {
        var pieces = value.Split('+', '/');
        return SwiftTypes.GetValueOrDefault(pieces[0]) ?? (pieces.Length > 1 ? GvcCodes.GetValueOrDefault(pieces[1]) : null);
    }
}
