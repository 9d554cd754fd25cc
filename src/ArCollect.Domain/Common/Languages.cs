namespace ArCollect.Domain.Common;

/// <summary>
/// A language customers can be written to in: its ISO 639-1 code, names, the culture that formats numbers, and the
/// date pattern reminders print.
/// </summary>
public sealed record Language(string Code, string Name, string NativeName, string CultureName, string DatePattern)
{
    /// <summary>"German (Deutsch)", or just "English" where the names agree.</summary>
    public string DisplayName => Name == NativeName ? Name : $"{Name} ({NativeName})";
}

/// <summary>The languages ArCollect writes to customers in, and how a customer's language is resolved.</summary>
public static class Languages
{
    public const string English = "en";

    // English keeps the invariant culture and "7 Jun 2026": unambiguous for readers on both sides of the Atlantic.
    public static readonly IReadOnlyList<Language> Supported =
    [
        new(English, "English", "English", "", "d MMM yyyy"),
        new("de", "German", "Deutsch", "de-DE", "dd.MM.yyyy"),
        new("fr", "French", "Français", "fr-FR", "dd/MM/yyyy"),
        new("es", "Spanish", "Español", "es-ES", "dd/MM/yyyy"),
        new("it", "Italian", "Italiano", "it-IT", "dd/MM/yyyy"),
        new("nl", "Dutch", "Nederlands", "nl-NL", "dd-MM-yyyy"),
    ];

    public static bool IsSupported(string? code) => Find(code) is not null;

    /// <summary>The supported language with this code (exact, lower case), or null.</summary>
    public static Language? Find(string? code) => Supported.FirstOrDefault(l => l.Code == code);

    /// <summary>The supported language with this code, or English.</summary>
    public static Language Get(string? code) => Find(code) ?? Supported[0];

    /// <summary>"en, de, fr, ..." for error messages.</summary>
    public static string Codes => string.Join(", ", Supported.Select(l => l.Code));

    /// <summary>
    /// The languages to try, in order, for a customer's message: the customer's own (when supported), the tenant's
    /// default, then English. The first one with a template for the tone wins.
    /// </summary>
    public static IReadOnlyList<string> Candidates(string? customerLanguage, string? tenantDefault) =>
        new[] { customerLanguage, tenantDefault, English }.Where(IsSupported).Select(c => c!).Distinct(StringComparer.Ordinal).ToList();
}
