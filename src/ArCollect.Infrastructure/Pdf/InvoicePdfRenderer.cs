using System.Globalization;
using System.Text;
using ArCollect.Domain.Invoices;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ArCollect.Infrastructure.Pdf;

/// <summary>Everything printed on an invoice PDF.</summary>
public sealed record InvoicePdfModel(
    Invoice Invoice, string TenantName, string? CompanyDetails, string CustomerName, string? CustomerEmail,
    string? PaymentInstructions, string PortalLink);

/// <summary>
/// Lays out an invoice on A4 pages with PdfPig's document builder and the standard Helvetica fonts (no font files
/// to ship). Those fonts cover Latin-1 only, so other characters are printed without accents or as '?'.
/// </summary>
public static class InvoicePdfRenderer
{
    private const double Left = 50, Right = 545, Top = 790, Bottom = 60;
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    public static byte[] Render(InvoicePdfModel model)
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var writer = new PageWriter(builder, regular);
        var invoice = model.Invoice;

        writer.Text(model.TenantName, 16, bold);
        foreach (var line in Lines(model.CompanyDetails))
        {
            writer.Text(line, 9);
        }

        writer.Gap(14);
        writer.Text($"Invoice {invoice.Number}", 18, bold);
        writer.Text($"Issue date: {invoice.IssueDate:yyyy-MM-dd}    Due date: {invoice.DueDate:yyyy-MM-dd}    Terms: {invoice.Terms ?? "-"}", 10);
        if (invoice.PurchaseOrder is { Length: > 0 } po)
        {
            writer.Text($"Your order: {po}", 10);
        }

        writer.Gap(8);
        writer.Text("Bill to", 10, bold);
        writer.Text(model.CustomerName, 10);
        if (model.CustomerEmail is not null)
        {
            writer.Text(model.CustomerEmail, 10);
        }

        writer.Gap(12);
        writer.Row(["Description", "Qty", "Unit price", "Tax %", "Net"], bold);
        writer.Rule();
        foreach (var line in invoice.Lines.OrderBy(l => l.LineNumber))
        {
            writer.Row([line.Description, line.Quantity.ToString("0.####", Numbers), Money(line.UnitPrice), line.TaxRate.ToString("0.##", Numbers), Money(line.NetAmount)], regular);
        }

        writer.Rule();
        writer.Total("Subtotal", $"{invoice.Currency} {Money(invoice.Subtotal)}", regular);
        writer.Total("Tax", $"{invoice.Currency} {Money(invoice.TaxTotal)}", regular);
        writer.Total("Total", $"{invoice.Currency} {Money(invoice.Total)}", bold);
        if (invoice.AmountPaid + invoice.AmountCredited + invoice.AmountWrittenOff > 0m)
        {
            writer.Total("Balance due", $"{invoice.Currency} {Money(invoice.OpenAmount)}", bold);
        }

        writer.Gap(16);
        writer.Text($"Please pay by {invoice.DueDate:yyyy-MM-dd}, quoting {invoice.Number}.", 10, bold);
        if (PaymentTerms.TryParse(invoice.Terms, out var terms) && terms.DiscountDeadline(invoice.IssueDate) is { } deadline)
        {
            writer.Text($"Pay {invoice.Currency} {Money(invoice.Total - terms.DiscountOn(invoice.Total))} by {deadline:yyyy-MM-dd} to take the {terms.DiscountPercent.ToString("0.##", Numbers)} % early-payment discount.", 10);
        }

        foreach (var line in Lines(model.PaymentInstructions))
        {
            writer.Text(line, 10);
        }

        writer.Gap(8);
        writer.Text($"View, download or query this invoice online: {model.PortalLink}", 9);
        return builder.Build();
    }

    private static string Money(decimal amount) => amount.ToString("N2", Numbers);

    private static IEnumerable<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    /// <summary>Keeps what the standard fonts can draw: accents dropped where possible, anything else as '?'.</summary>
    internal static string Printable(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            plain.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return plain.ToString();
    }

    /// <summary>Writes top to bottom and starts a new page when the current one is full.</summary>
    private sealed class PageWriter(PdfDocumentBuilder builder, PdfDocumentBuilder.AddedFont regular)
    {
        private static readonly double[] Columns = [Left, 330, 390, 470, Right];
        private PdfPageBuilder page = builder.AddPage(PageSize.A4);
        private double y = Top;

        public void Text(string text, double size, PdfDocumentBuilder.AddedFont? font = null)
        {
            Advance(size + 4);
            page.AddText(Printable(text), size, new PdfPoint(Left, y), font ?? regular);
        }

        public void Gap(double points) => y -= points;

        public void Rule()
        {
            Advance(6);
            page.DrawLine(new PdfPoint(Left, y + 3), new PdfPoint(Right, y + 3), 0.5);
        }

        /// <summary>First column left-aligned and cut to fit; the numbers right-aligned at their column's end.</summary>
        public void Row(IReadOnlyList<string> cells, PdfDocumentBuilder.AddedFont font)
        {
            Advance(14);
            var description = Printable(cells[0]);
            while (description.Length > 3 && Width(description, font) > Columns[1] - Left - 60)
            {
                description = description[..^4] + "...";
            }

            page.AddText(description, 10, new PdfPoint(Left, y), font);
            for (var i = 1; i < cells.Count; i++)
            {
                RightAligned(cells[i], Columns[i], font);
            }
        }

        public void Total(string label, string amount, PdfDocumentBuilder.AddedFont font)
        {
            Advance(14);
            page.AddText(label, 10, new PdfPoint(Columns[2], y), font);
            RightAligned(amount, Right, font);
        }

        private void RightAligned(string text, double rightEdge, PdfDocumentBuilder.AddedFont font)
        {
            var printable = Printable(text);
            page.AddText(printable, 10, new PdfPoint(rightEdge - Width(printable, font), y), font);
        }

        private double Width(string text, PdfDocumentBuilder.AddedFont font)
        {
            var letters = page.MeasureText(text, 10, new PdfPoint(0, 0), font);
            return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X;
        }

        private void Advance(double height)
        {
            if (y - height < Bottom)
            {
                page = builder.AddPage(PageSize.A4);
                y = Top;
            }

            y -= height;
        }
    }
}
