using System.Globalization;
using System.Text.RegularExpressions;

namespace ArCollect.Domain.Replies;

/// <summary>
/// Pulls dates, amounts, invoice numbers and payment references out of a reply in English, German, French or Spanish.
/// Relative dates ("on Friday", "morgen", "fin du mois") are resolved against the day the message was written; a date
/// without a year takes the year that puts it nearest that day. Numeric dates are read day first.
/// </summary>
public static partial class ReplyExtractor
{
    private static readonly Dictionary<string, int> Months = BuildMonths();
    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["monday"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday,
        ["montag"] = DayOfWeek.Monday,
        ["dienstag"] = DayOfWeek.Tuesday,
        ["mittwoch"] = DayOfWeek.Wednesday,
        ["donnerstag"] = DayOfWeek.Thursday,
        ["freitag"] = DayOfWeek.Friday,
        ["samstag"] = DayOfWeek.Saturday,
        ["sonntag"] = DayOfWeek.Sunday,
        ["lundi"] = DayOfWeek.Monday,
        ["mardi"] = DayOfWeek.Tuesday,
        ["mercredi"] = DayOfWeek.Wednesday,
        ["jeudi"] = DayOfWeek.Thursday,
        ["vendredi"] = DayOfWeek.Friday,
        ["samedi"] = DayOfWeek.Saturday,
        ["dimanche"] = DayOfWeek.Sunday,
        ["lunes"] = DayOfWeek.Monday,
        ["martes"] = DayOfWeek.Tuesday,
        ["miércoles"] = DayOfWeek.Wednesday,
        ["miercoles"] = DayOfWeek.Wednesday,
        ["jueves"] = DayOfWeek.Thursday,
        ["viernes"] = DayOfWeek.Friday,
        ["sábado"] = DayOfWeek.Saturday,
        ["domingo"] = DayOfWeek.Sunday,
    };

    /// <param name="knownInvoiceNumbers">The customer's invoice numbers: any of them named in the text is found whatever its format.</param>
    public static ReplyFacts Extract(string text, DateOnly messageDate, IEnumerable<string>? knownInvoiceNumbers = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ReplyFacts.None;
        }

        var references = References(text);
        var invoices = InvoiceNumbers(text, knownInvoiceNumbers).Where(n => !references.Contains(n)).ToList();
        var taken = invoices.Concat(references).ToList();
        return new ReplyFacts(Dates(text, messageDate), Amounts(text, taken), invoices, references);
    }

    private static List<DateOnly> Dates(string text, DateOnly today)
    {
        var found = new List<(int At, DateOnly Date)>();
        foreach (Match m in IsoDate().Matches(text))
        {
            Add(found, m.Index, int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture));
        }

        foreach (Match m in NumericDate().Matches(text))
        {
            var a = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
            var b = int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
            var (day, month) = b > 12 && a <= 12 ? (b, a) : (a, b);
            var year = m.Groups["y"].Success ? FullYear(m.Groups["y"].Value) : NearestYear(today, month, day);
            Add(found, m.Index, year, month, day);
        }

        foreach (Match m in DayMonthName().Matches(text))
        {
            AddNamed(found, m, today);
        }

        foreach (Match m in MonthNameDay().Matches(text))
        {
            AddNamed(found, m, today);
        }

        var lower = text.ToLowerInvariant();
        foreach (Match m in Word().Matches(lower))
        {
            var word = m.Value;
            if (Weekdays.TryGetValue(word, out var weekday))
            {
                var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
                found.Add((m.Index, today.AddDays(ahead == 0 ? 7 : ahead)));
            }
            else if (word is "tomorrow" or "morgen" or "demain" or "mañana")
            {
                // "morgen" is also German for "morning" only as "Morgen" after "guten"/"heute"; good enough for a suggestion.
                if (!lower[..m.Index].TrimEnd().EndsWith("guten", StringComparison.Ordinal))
                {
                    found.Add((m.Index, today.AddDays(1)));
                }
            }
            else if (word is "today" or "heute" or "aujourd'hui" or "hoy")
            {
                found.Add((m.Index, today));
            }
        }

        foreach (Match m in NextWeek().Matches(lower))
        {
            var toMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
            found.Add((m.Index, today.AddDays((toMonday == 0 ? 7 : toMonday) + 4)));
        }

        foreach (Match m in MonthEnd().Matches(lower))
        {
            found.Add((m.Index, new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month))));
        }

        return found.OrderBy(f => f.At).Select(f => f.Date).Distinct().ToList();
    }

    private static void AddNamed(List<(int, DateOnly)> found, Match m, DateOnly today)
    {
        if (!Months.TryGetValue(m.Groups["mon"].Value.ToLowerInvariant().TrimEnd('.'), out var month))
        {
            return;
        }

        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : NearestYear(today, month, day);
        Add(found, m.Index, year, month, day);
    }

    private static void Add(List<(int, DateOnly)> found, int at, int year, int month, int day)
    {
        if (month is >= 1 and <= 12 && year is >= 2000 and <= 2100 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            found.Add((at, new DateOnly(year, month, day)));
        }
    }

    private static int FullYear(string y) => y.Length == 2 ? 2000 + int.Parse(y, CultureInfo.InvariantCulture) : int.Parse(y, CultureInfo.InvariantCulture);

    private static int NearestYear(DateOnly today, int month, int day)
    {
        var best = today.Year;
        var bestDistance = int.MaxValue;
        foreach (var year in new[] { today.Year - 1, today.Year, today.Year + 1 })
        {
            if (day > DateTime.DaysInMonth(year, Math.Clamp(month, 1, 12)))
            {
                continue;
            }

            var distance = Math.Abs(new DateOnly(year, Math.Clamp(month, 1, 12), day).DayNumber - today.DayNumber);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (year, distance);
            }
        }

        return best;
    }

    private static List<ExtractedAmount> Amounts(string text, List<string> taken)
    {
        var result = new List<ExtractedAmount>();
        foreach (Match m in Amount().Matches(text))
        {
            var number = m.Groups["n1"].Success ? m.Groups["n1"].Value : m.Groups["n2"].Value;
            if (taken.Any(t => t.Contains(number, StringComparison.Ordinal)) && !m.Groups["c1"].Success && !m.Groups["c2"].Success)
            {
                continue;
            }

            if (ParseNumber(number) is { } value && value > 0)
            {
                result.Add(new ExtractedAmount(value, Currency(m.Groups["c1"].Success ? m.Groups["c1"].Value : m.Groups["c2"].Value)));
            }
        }

        return result.Distinct().ToList();
    }

    /// <summary>Reads "1,234.50", "1.234,50", "980", "980.00", "4 500,00": the last separator followed by 1-2 digits is the decimal one.</summary>
    public static decimal? ParseNumber(string raw)
    {
        var s = raw.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        var last = s.LastIndexOfAny(['.', ',']);
        string integer, fraction;
        if (last >= 0 && s.Length - last - 1 is 1 or 2)
        {
            integer = s[..last];
            fraction = s[(last + 1)..];
        }
        else
        {
            integer = s;
            fraction = "";
        }

        integer = integer.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(integer + (fraction.Length > 0 ? "." + fraction : ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string? Currency(string symbol) => symbol.ToUpperInvariant() switch
    {
        "€" or "EUR" or "EURO" or "EUROS" => "EUR",
        "$" or "USD" => "USD",
        "£" or "GBP" => "GBP",
        "CHF" => "CHF",
        _ => null,
    };

    private static List<string> InvoiceNumbers(string text, IEnumerable<string>? known)
    {
        var result = new List<string>();
        foreach (var number in known ?? [])
        {
            if (number.Length >= 3 && Regex.IsMatch(text, $@"(?<![\w/-]){Regex.Escape(number)}(?![\w/-])", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)))
            {
                result.Add(number);
            }
        }

        foreach (Match m in InvoiceNumber().Matches(text))
        {
            var value = m.Groups["n"].Value.TrimEnd('.', ',');
            if (value.Any(char.IsDigit) && !result.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(value);
            }
        }

        return result;
    }

    private static List<string> References(string text)
    {
        var result = new List<string>();
        foreach (Match m in Reference().Matches(text))
        {
            var value = m.Groups["r"].Value.TrimEnd('.', ',', ';', ')');
            if (value.Any(char.IsDigit) && !result.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(value);
            }
        }

        foreach (Match m in CreditorReference().Matches(text))
        {
            if (!result.Contains(m.Value, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(m.Value);
            }
        }

        return result;
    }

    private static Dictionary<string, int> BuildMonths()
    {
        var months = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        string[][] names =
        [
            ["january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene"],
            ["february", "feb", "februar", "février", "févr", "fevrier", "febrero"],
            ["march", "mar", "märz", "maerz", "mars", "marzo"],
            ["april", "apr", "avril", "avr", "abril", "abr"],
            ["may", "mai", "mayo"],
            ["june", "jun", "juni", "juin", "junio"],
            ["july", "jul", "juli", "juillet", "juil", "julio"],
            ["august", "aug", "août", "aout", "agosto", "ago"],
            ["september", "sep", "sept", "septembre", "septiembre", "setiembre"],
            ["october", "oct", "oktober", "okt", "octobre", "octubre"],
            ["november", "nov", "novembre", "noviembre"],
            ["december", "dec", "dezember", "dez", "décembre", "déc", "decembre", "diciembre", "dic"],
        ];
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var name in names[i])
            {
                months[name] = i + 1;
            }
        }

        return months;
    }

    private const string MonthWord = @"(?<mon>[A-Za-zéèûäöüÄÖÜ]{3,10}\.?)";

    [GeneratedRegex(@"(?<![\d/-])(?<y>20\d{2})-(?<m>\d{1,2})-(?<d>\d{1,2})(?![\d-])")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d./-])(?<a>\d{1,2})[./-](?<b>\d{1,2})(?:[./-](?<y>20\d{2}|\d{2}))?(?:\.|(?![\d./-]))")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<!\d)(?<d>\d{1,2})(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?" + MonthWord + @"(?:\s+(?:de\s+)?(?<y>20\d{2}))?(?!\w)", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthName();

    [GeneratedRegex(@"(?<!\w)" + MonthWord + @"\s+(?<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y>20\d{2}))?(?![\d.,]\d)", RegexOptions.IgnoreCase)]
    private static partial Regex MonthNameDay();

    [GeneratedRegex(@"[\p{L}']+")]
    private static partial Regex Word();

    [GeneratedRegex(@"next week|nächste[n]? woche|kommende[n]? woche|semaine prochaine|la semana que viene|la próxima semana|la semana próxima")]
    private static partial Regex NextWeek();

    [GeneratedRegex(@"end of (?:the |this )?month|month end|month-end|monatsende|ende des monats|ende (?:des )?monat|fin du mois|fin de mois|fin de mes|final de mes|finales de mes")]
    private static partial Regex MonthEnd();

    [GeneratedRegex(@"(?:(?<c1>€|\$|£|\b(?:EUR|USD|GBP|CHF))\s?(?<n1>\d{1,3}(?:[.,\s']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?!\d))|(?:(?<!\w)(?<n2>\d{1,3}(?:[.,\s']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s?(?<c2>€|\$|£|(?:EUR|USD|GBP|CHF|euros?)\b))", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    [GeneratedRegex(@"(?:\b(?:invoices?|inv\.?|rechnungs?(?:nummer|nr\.?)?|rechnungen|facturas?|factures?|fact\.?|nr\.?|no\.?|n°|nº|núm\.?|number)\s*[:#]?\s*(?:no\.?\s*|nr\.?\s*)?(?<n>[A-Z]{0,5}[-/]?\d[\w/-]{1,20}))|(?<n>\b[A-Z]{1,5}-\d{2,}(?:-\d+)*\b)", RegexOptions.IgnoreCase)]
    private static partial Regex InvoiceNumber();

    [GeneratedRegex(@"\b(?:ref(?:erence|erenz|erencia)?\.?|réf(?:érence)?\.?|verwendungszweck|transaction|transacción|operación|opération|trace(?: number)?|beleg|justificatif|comprobante|confirmation|buchung)\s*(?:no\.?|nr\.?|number)?\s*[:#]?\s*(?<r>[A-Z0-9][\w/-]{3,34})", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    [GeneratedRegex(@"\bRF\d{2}[A-Z0-9]{4,21}\b")]
    private static partial Regex CreditorReference();
}
