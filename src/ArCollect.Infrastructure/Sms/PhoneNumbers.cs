using PhoneNumbers;

namespace ArCollect.Infrastructure.Sms;

/// <summary>Parses what people type as a phone number into E.164, with libphonenumber's validation.</summary>
public static class PhoneNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// "+49 151 1234 5678", "0151 12345678" (with region DE) or "(202) 555-0143" (US) become "+4915112345678" etc.
    /// Returns the reason when the text is not a valid mobile number.
    /// </summary>
    public static bool TryNormalizeMobile(string? input, string? defaultRegion, out string e164, out string error)
    {
        e164 = "";
        error = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "Enter a mobile number.";
            return false;
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(input.Trim(), string.IsNullOrWhiteSpace(defaultRegion) ? "ZZ" : defaultRegion.ToUpperInvariant());
        }
        catch (NumberParseException)
        {
            error = $"\"{input.Trim()}\" is not a phone number: write it with the country code, e.g. +49 151 12345678.";
            return false;
        }

        if (!Util.IsValidNumber(number))
        {
            error = $"\"{input.Trim()}\" is not a valid phone number for its country.";
            return false;
        }

        var type = Util.GetNumberType(number);
        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            error = $"\"{input.Trim()}\" is not a mobile number: SMS needs a mobile phone.";
            return false;
        }

        e164 = Util.Format(number, PhoneNumberFormat.E164);
        return true;
    }

    /// <summary>The ISO country of a customer's country field, when it is one (for numbers typed without +).</summary>
    public static string? RegionOf(string? country) =>
        country is { Length: 2 } && Util.GetCountryCodeForRegion(country.ToUpperInvariant()) > 0 ? country.ToUpperInvariant() : null;
}
