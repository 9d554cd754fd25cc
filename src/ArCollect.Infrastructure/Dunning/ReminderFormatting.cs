using System.Globalization;
using ArCollect.Domain.Common;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>
/// How a reminder prints dates, amounts and "due" wording in one language: 30.11.2026 and 1.234,56 € in German,
/// 30/11/2026 and 1 234,56 € in French, 30 Nov 2026 and EUR 1,234.56 in English.
/// </summary>
public sealed class ReminderFormatting
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["EUR"] = "€",
        ["GBP"] = "£",
        ["USD"] = "$",
        ["JPY"] = "¥",
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ReminderFormatting> Cache = new(StringComparer.Ordinal);

    private readonly Language language;
    private readonly CultureInfo culture;

    private ReminderFormatting(Language language)
    {
        this.language = language;
        culture = language.CultureName.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language.CultureName);
    }

    /// <summary>The formatting of a supported language; anything else formats as English.</summary>
    public static ReminderFormatting For(string? languageCode)
    {
        var language = Languages.Get(languageCode);
        return Cache.GetOrAdd(language.Code, _ => new ReminderFormatting(language));
    }

    public string Date(DateOnly date) => date.ToString(language.DatePattern, culture);

    /// <summary>The number alone, grouped and with two decimals: 1.234,56 in German.</summary>
    public string Amount(decimal amount) => amount.ToString("N2", culture);

    /// <summary>The amount with its currency as the language writes it: "1.234,56 €", "€ 1.234,56", "EUR 1,234.56".</summary>
    public string Money(decimal amount, string currency)
    {
        if (language.Code == Languages.English)
        {
            return $"{currency} {Amount(amount)}";
        }

        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbols.GetValueOrDefault(currency, currency);
        return amount.ToString("C2", format);
    }

    public string DueText(int daysOverdue) => language.Code switch
    {
        "de" => daysOverdue switch
        {
            < -1 => $"fällig in {-daysOverdue} Tagen",
            -1 => "morgen fällig",
            0 => "heute fällig",
            1 => "1 Tag überfällig",
            _ => $"{daysOverdue} Tage überfällig",
        },
        "fr" => daysOverdue switch
        {
            < -1 => $"échéance dans {-daysOverdue} jours",
            -1 => "échéance demain",
            0 => "échéance aujourd'hui",
            1 => "en retard de 1 jour",
            _ => $"en retard de {daysOverdue} jours",
        },
        "es" => daysOverdue switch
        {
            < -1 => $"vence dentro de {-daysOverdue} días",
            -1 => "vence mañana",
            0 => "vence hoy",
            1 => "vencida hace 1 día",
            _ => $"vencida hace {daysOverdue} días",
        },
        "it" => daysOverdue switch
        {
            < -1 => $"scade tra {-daysOverdue} giorni",
            -1 => "scade domani",
            0 => "scade oggi",
            1 => "scaduta da 1 giorno",
            _ => $"scaduta da {daysOverdue} giorni",
        },
        "nl" => daysOverdue switch
        {
            < -1 => $"vervalt over {-daysOverdue} dagen",
            -1 => "vervalt morgen",
            0 => "vervalt vandaag",
            1 => "1 dag achterstallig",
            _ => $"{daysOverdue} dagen achterstallig",
        },
        _ => daysOverdue switch
        {
            < -1 => $"due in {-daysOverdue} days",
            -1 => "due tomorrow",
            0 => "due today",
            1 => "1 day overdue",
            _ => $"{daysOverdue} days overdue",
        },
    };
}
