namespace ArCollect.Domain.Messaging;

public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

/// <summary>How many SMS parts a text costs: GSM-7 holds 160 characters (153 per part when split), UCS-2 70 (67).</summary>
public sealed record SmsLength(SmsEncoding Encoding, int Units, int Segments)
{
    public override string ToString() =>
        $"{Units} {(Encoding == SmsEncoding.Gsm7 ? "GSM-7 characters" : "UCS-2 characters")}, {Segments} {(Segments == 1 ? "segment" : "segments")}";
}

public static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Characters of the GSM 03.38 extension table, each sent as an escape plus the character.
    private const string Extended = "^{}\\[~]|€\f";

    public static SmsLength Measure(string text)
    {
        var gsm = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c, StringComparison.Ordinal))
            {
                gsm += 1;
            }
            else if (Extended.Contains(c, StringComparison.Ordinal))
            {
                gsm += 2;
            }
            else
            {
                // One character outside GSM-7 turns the whole message into UCS-2 (UTF-16 code units).
                return new SmsLength(SmsEncoding.Ucs2, text.Length, Parts(text.Length, 70, 67));
            }
        }

        return new SmsLength(SmsEncoding.Gsm7, gsm, Parts(gsm, 160, 153));
    }

    private static int Parts(int units, int single, int perPart) =>
        units == 0 ? 0 : units <= single ? 1 : (units + perPart - 1) / perPart;
}
