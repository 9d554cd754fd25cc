namespace ArCollect.Domain.Common;

/// <summary>The member states of the European Union by ISO 3166-1 alpha-2 code (VAT area).</summary>
public static class EuCountries
{
    private static readonly HashSet<string> Members = new(StringComparer.OrdinalIgnoreCase)
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
        "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    };

    public static bool IsMember(string? countryCode) => countryCode is not null && Members.Contains(countryCode.Trim());
}
