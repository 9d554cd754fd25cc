namespace ArCollect.Domain.Common;

/// <summary>International bank account numbers (ISO 13616): checked with MOD 97-10, printed in groups of four.</summary>
public static class Iban
{
    /// <summary>Whether the IBAN (spaces allowed, any case) has a country code, two check digits, 11 to 30 letters or digits, and a valid checksum.</summary>
    public static bool IsValid(string? iban)
    {
        var compact = CreditorReference.Compact(iban);
        if (compact.Length < 15 || compact.Length > 34
            || !char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1])
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3])
            || !compact.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
        {
            return false;
        }

        return Mod97.Remainder(compact[4..] + compact[..4]) == 1;
    }

    /// <summary>"DE89 3704 0044 0532 0130 00": upper case, groups of four.</summary>
    public static string Format(string iban) => CreditorReference.Grouped(CreditorReference.Compact(iban));

    /// <summary>The IBAN without spaces, upper case, as it is stored.</summary>
    public static string Normalize(string iban) => CreditorReference.Compact(iban);
}
