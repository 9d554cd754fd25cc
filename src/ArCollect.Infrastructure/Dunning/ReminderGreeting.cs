using ArCollect.Domain.Customers;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>The person a reminder is addressed to; a team mailbox ("Accounts Payable") has no first or last name.</summary>
public sealed record ContactPerson(Salutation? Salutation, string? FirstName, string? LastName);

/// <summary>
/// The opening line of a reminder: a person by salutation and surname ("Sehr geehrte Frau Weber,"), else by full name,
/// else the language's neutral formula ("Sehr geehrte Damen und Herren,"), never a mailbox's name.
/// </summary>
public static class ReminderGreeting
{
    private sealed record Forms(string Ms, string Mr, string Named, string Neutral);

    private static readonly Dictionary<string, Forms> ByLanguage = new(StringComparer.Ordinal)
    {
        ["en"] = new("Dear Ms {0},", "Dear Mr {0},", "Dear {0},", "Dear Sir or Madam,"),
        ["de"] = new("Sehr geehrte Frau {0},", "Sehr geehrter Herr {0},", "Guten Tag {0},", "Sehr geehrte Damen und Herren,"),
        ["fr"] = new("Bonjour Madame {0},", "Bonjour Monsieur {0},", "Bonjour {0},", "Madame, Monsieur,"),
        ["es"] = new("Estimada Sra. {0}:", "Estimado Sr. {0}:", "Buenos días, {0}:", "Estimados señores:"),
        ["it"] = new("Gentile Sig.ra {0},", "Gentile Sig. {0},", "Gentile {0},", "Gentili Signore e Signori,"),
        ["nl"] = new("Geachte mevrouw {0},", "Geachte heer {0},", "Beste {0},", "Geachte heer, mevrouw,"),
    };

    public static string For(string? language, ContactPerson? person)
    {
        var forms = ByLanguage.GetValueOrDefault(language ?? "") ?? ByLanguage["en"];
        var last = person?.LastName?.Trim();
        var full = $"{person?.FirstName?.Trim()} {last}".Trim();
        return (person?.Salutation, last, full) switch
        {
            (Salutation.Ms, { Length: > 0 }, _) => Format(forms.Ms, last),
            (Salutation.Mr, { Length: > 0 }, _) => Format(forms.Mr, last),
            (_, _, { Length: > 0 }) => Format(forms.Named, full),
            _ => forms.Neutral,
        };
    }

    private static string Format(string form, string name) => string.Format(System.Globalization.CultureInfo.InvariantCulture, form, name);
}
