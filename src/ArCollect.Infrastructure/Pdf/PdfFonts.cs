using System.Reflection;
using System.Text;
using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;

namespace ArCollect.Infrastructure.Pdf;

/// <summary>
/// The DejaVu Sans fonts the invoice PDF embeds (shipped inside this assembly, never read from the machine), and
/// which characters they can draw.
/// </summary>
public static class PdfFonts
{
    private static readonly Lazy<byte[]> RegularBytes = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> BoldBytes = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lazy<TrueTypeFont[]> Parsed = new(() =>
        [TrueTypeFontParser.Parse(new TrueTypeDataBytes(RegularBytes.Value)), TrueTypeFontParser.Parse(new TrueTypeDataBytes(BoldBytes.Value))]);

    public static byte[] Regular => RegularBytes.Value;

    public static byte[] Bold => BoldBytes.Value;

    /// <summary>True when both the regular and the bold font have a glyph for the character.</summary>
    public static bool CanDraw(char c) =>
        Parsed.Value.All(f => f.WindowsUnicodeCMap?.CharacterCodeToGlyphIndex(c) is > 0);

    /// <summary>
    /// The text as the fonts can draw it: composed (so "u" + combining diaeresis prints as "ü"), control characters
    /// as spaces, and each character the fonts lack (e.g. Chinese, emoji) as one '?', so rendering never fails.
    /// </summary>
    public static string Printable(string text)
    {
        var printable = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                printable.Append(' ');
            }
            else if (rune.IsBmp && CanDraw((char)rune.Value))
            {
                printable.Append((char)rune.Value);
            }
            else
            {
                printable.Append('?');
            }
        }

        return printable.ToString();
    }

    private static byte[] Load(string fileName)
    {
        var name = $"ArCollect.Infrastructure.Pdf.Fonts.{fileName}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is missing from the assembly's resources.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
