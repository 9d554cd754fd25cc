using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace ArCollect.Infrastructure.Pdf;

/// <summary>
/// Writes top to bottom on A4 pages in the embedded fonts: measures with the fonts' own metrics, wraps to a width,
/// starts a new page (and draws the continuation header) when the current one is full, numbers the pages at the end.
/// </summary>
internal sealed class PdfPageWriter
{
    public const double Left = 50, Right = 545, Top = 790, Bottom = 70, FooterBaseline = 40;

    private readonly PdfDocumentBuilder builder;
    private readonly List<PdfPageBuilder> pages = [];

    public PdfPageWriter(PdfDocumentBuilder builder)
    {
        this.builder = builder;
        Regular = builder.AddTrueTypeFont(PdfFonts.Regular);
        Bold = builder.AddTrueTypeFont(PdfFonts.Bold);
        NewPage();
    }

    public PdfDocumentBuilder.AddedFont Regular { get; }

    public PdfDocumentBuilder.AddedFont Bold { get; }

    public PdfPageBuilder Page => pages[^1];

    /// <summary>The baseline of the last line written; the next line goes below it.</summary>
    public double Y { get; set; } = Top;

    /// <summary>Drawn at the top of every page after the first, e.g. the invoice number and the table's column titles.</summary>
    public Action<PdfPageWriter>? Continuation { get; set; }

    public int PageCount => pages.Count;

    public double Width(string text, double size, PdfDocumentBuilder.AddedFont font)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        var letters = Page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X;
    }

    /// <summary>Splits text into lines no wider than <paramref name="width"/>, between words where it can, inside a word where it must.</summary>
    public IReadOnlyList<string> Wrap(string text, double width, double size, PdfDocumentBuilder.AddedFont font)
    {
        var lines = new List<string>();
        foreach (var paragraph in PdfFonts.Printable(text).Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : $"{current} {word}";
                if (Width(candidate, size, font) <= width)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (Width(current, size, font) > width && current.Length > 1)
                {
                    var fits = 1;
                    while (fits < current.Length && Width(current[..(fits + 1)], size, font) <= width)
                    {
                        fits++;
                    }

                    lines.Add(current[..fits]);
                    current = current[fits..];
                }
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }
        }

        return lines;
    }

    /// <summary>Moves down by a line of the given height, on a new page when it would not fit on this one.</summary>
    public void Advance(double height)
    {
        if (Y - height < Bottom)
        {
            NewPage();
            Continuation?.Invoke(this);
        }

        Y -= height;
    }

    public void Gap(double points) => Y -= points;

    public void Text(string text, double size, PdfDocumentBuilder.AddedFont? font = null, double x = Left)
    {
        Advance(size + 4);
        Page.AddText(PdfFonts.Printable(text), size, new PdfPoint(x, Y), font ?? Regular);
    }

    /// <summary>Writes text wrapped to the width between <paramref name="x"/> and the right margin.</summary>
    public void Paragraph(string text, double size, PdfDocumentBuilder.AddedFont? font = null, double x = Left)
    {
        foreach (var line in Wrap(text, Right - x, size, font ?? Regular))
        {
            Advance(size + 4);
            Page.AddText(line, size, new PdfPoint(x, Y), font ?? Regular);
        }
    }

    /// <summary>Draws text on the current baseline so that it ends at <paramref name="rightEdge"/>.</summary>
    public void RightAligned(string text, double rightEdge, double size, PdfDocumentBuilder.AddedFont font, double? y = null)
    {
        var printable = PdfFonts.Printable(text);
        Page.AddText(printable, size, new PdfPoint(rightEdge - Width(printable, size, font), y ?? Y), font);
    }

    public void Rule()
    {
        Advance(6);
        Page.DrawLine(new PdfPoint(Left, Y + 3), new PdfPoint(Right, Y + 3), 0.5);
    }

    /// <summary>Adds "Page n of m" (in <paramref name="pageOf"/>'s words) and a left-hand label to the foot of every page, once all pages exist.</summary>
    public void NumberPages(string label, string pageOf = "Page {0} of {1}")
    {
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            page.AddText(PdfFonts.Printable(label), 8, new PdfPoint(Left, FooterBaseline), Regular);
            var number = string.Format(System.Globalization.CultureInfo.InvariantCulture, pageOf, i + 1, pages.Count);
            var letters = page.MeasureText(number, 8, new PdfPoint(0, 0), Regular);
            page.AddText(number, 8, new PdfPoint(Right - letters[^1].EndBaseLine.X, FooterBaseline), Regular);
        }
    }

    private void NewPage()
    {
        pages.Add(builder.AddPage(PageSize.A4));
        Y = Top;
    }
}
