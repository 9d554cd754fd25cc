using System.Globalization;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace ArCollect.Infrastructure.Pdf;

/// <summary>The tenant's logo as stored: PNG or JPEG bytes with the pixel size read at upload.</summary>
public sealed record InvoicePdfLogo(byte[] Content, string ContentType, int Width, int Height);

/// <summary>Everything printed on an invoice PDF.</summary>
public sealed record InvoicePdfModel(
    Invoice Invoice, string TenantName, string? CompanyDetails, string CustomerName, string? CustomerEmail,
    string? PaymentInstructions, string PortalLink, InvoicePdfLogo? Logo = null);

/// <summary>
/// Lays out an invoice on A4 pages with PdfPig's document builder in the embedded DejaVu Sans fonts, so names and
/// descriptions print in any European script: logo and company top, customer, lines with tax, totals, terms, due date,
/// payment instructions and the portal link; later pages repeat the invoice number and the table's column titles,
/// every page says "Page n of m".
/// </summary>
public static class InvoicePdfRenderer
{
    /// <summary>The box the logo is scaled into, keeping its aspect ratio, at the top left of the first page.</summary>
    public const double LogoBoxWidth = 170, LogoBoxHeight = 60;

    private const double Left = PdfPageWriter.Left, Right = PdfPageWriter.Right;
    private const double HeaderTop = 805, CompanyBlockWidth = 280, DescriptionWidth = 215;
    private static readonly double[] Columns = [Left, 330, 390, 470, Right];
    private static readonly string[] ColumnTitles = ["Description", "Qty", "Unit price", "Tax %", "Net"];
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    public static byte[] Render(InvoicePdfModel model)
    {
        var builder = new PdfDocumentBuilder();
        var writer = new PdfPageWriter(builder);
        var invoice = model.Invoice;

        WriteHeader(writer, model);
        writer.Continuation = w => ContinuationHeader(w, model, withTable: false);

        writer.Text($"Invoice {invoice.Number}", 18, writer.Bold);
        writer.Text($"Issue date: {invoice.IssueDate:yyyy-MM-dd}    Due date: {invoice.DueDate:yyyy-MM-dd}    Terms: {invoice.Terms ?? "-"}", 10);
        if (invoice.PurchaseOrder is { Length: > 0 } po)
        {
            writer.Text($"Your order: {po}", 10);
        }

        writer.Gap(8);
        writer.Text("Bill to", 10, writer.Bold);
        writer.Paragraph(model.CustomerName, 10);
        if (model.CustomerEmail is not null)
        {
            writer.Text(model.CustomerEmail, 10);
        }

        writer.Gap(12);
        TableHeader(writer);
        writer.Continuation = w => ContinuationHeader(w, model, withTable: true);
        foreach (var line in invoice.Lines.OrderBy(l => l.LineNumber))
        {
            Row(writer, line);
        }

        writer.Continuation = w => ContinuationHeader(w, model, withTable: false);
        writer.Rule();
        Total(writer, "Subtotal", $"{invoice.Currency} {Money(invoice.Subtotal)}", writer.Regular);
        Total(writer, "Tax", $"{invoice.Currency} {Money(invoice.TaxTotal)}", writer.Regular);
        Total(writer, "Total", $"{invoice.Currency} {Money(invoice.Total)}", writer.Bold);
        if (invoice.AmountPaid + invoice.AmountCredited + invoice.AmountWrittenOff > 0m)
        {
            Total(writer, "Balance due", $"{invoice.Currency} {Money(invoice.OpenAmount)}", writer.Bold);
        }

        writer.Gap(16);
        writer.Paragraph($"Please pay by {invoice.DueDate:yyyy-MM-dd}, quoting {invoice.Number}.", 10, writer.Bold);
        if (PaymentTerms.TryParse(invoice.Terms, out var terms) && terms.DiscountDeadline(invoice.IssueDate) is { } deadline)
        {
            writer.Paragraph($"Pay {invoice.Currency} {Money(invoice.Total - terms.DiscountOn(invoice.Total))} by {deadline:yyyy-MM-dd} to take the {terms.DiscountPercent.ToString("0.##", Numbers)} % early-payment discount.", 10);
        }

        foreach (var line in Lines(model.PaymentInstructions))
        {
            writer.Paragraph(line, 10);
        }

        writer.Gap(8);
        writer.Paragraph($"View, download or query this invoice online: {model.PortalLink}", 9);
        writer.NumberPages($"{model.TenantName} · Invoice {invoice.Number}");
        return builder.Build();
    }

    /// <summary>Where a logo of <paramref name="width"/> x <paramref name="height"/> pixels lands: as large as the box allows, aspect ratio kept.</summary>
    public static PdfRectangle LogoPlacement(int width, int height)
    {
        var scale = Math.Min(LogoBoxWidth / width, LogoBoxHeight / height);
        return new PdfRectangle(Left, HeaderTop - (height * scale), Left + (width * scale), HeaderTop);
    }

    /// <summary>Draws a PNG or JPEG (as <see cref="LogoImage"/> names them) into the box.</summary>
    internal static void DrawImage(PdfPageBuilder page, byte[] content, string contentType, PdfRectangle box)
    {
        if (contentType == LogoImage.Png)
        {
            page.AddPng(content, box);
        }
        else
        {
            page.AddJpeg(content, box);
        }
    }

    /// <summary>Logo top left; company name and details right-aligned top right; the body starts below the taller of the two.</summary>
    private static void WriteHeader(PdfPageWriter writer, InvoicePdfModel model)
    {
        var logoBottom = HeaderTop;
        if (model.Logo is { } logo)
        {
            var box = LogoPlacement(logo.Width, logo.Height);
            DrawImage(writer.Page, logo.Content, logo.ContentType, box);
            logoBottom = box.Bottom;
        }

        writer.Y = HeaderTop;
        foreach (var line in writer.Wrap(model.TenantName, CompanyBlockWidth, 14, writer.Bold))
        {
            writer.Advance(17);
            writer.RightAligned(line, Right, 14, writer.Bold);
        }

        foreach (var line in Lines(model.CompanyDetails).SelectMany(l => writer.Wrap(l, CompanyBlockWidth, 9, writer.Regular)))
        {
            writer.Advance(12);
            writer.RightAligned(line, Right, 9, writer.Regular);
        }

        writer.Y = Math.Min(writer.Y, logoBottom) - 18;
    }

    private static void ContinuationHeader(PdfPageWriter writer, InvoicePdfModel model, bool withTable)
    {
        writer.Text($"{model.TenantName} · Invoice {model.Invoice.Number} (continued)", 9, writer.Bold);
        writer.Gap(8);
        if (withTable)
        {
            TableHeader(writer);
        }
    }

    private static void TableHeader(PdfPageWriter writer)
    {
        writer.Advance(14);
        writer.Page.AddText(ColumnTitles[0], 10, new PdfPoint(Left, writer.Y), writer.Bold);
        for (var i = 1; i < ColumnTitles.Length; i++)
        {
            writer.RightAligned(ColumnTitles[i], Columns[i], 10, writer.Bold);
        }

        writer.Rule();
    }

    /// <summary>One invoice line: the description wrapped in its column, the numbers on its first line; never split across pages.</summary>
    private static void Row(PdfPageWriter writer, InvoiceLine line)
    {
        var description = writer.Wrap(line.Description, DescriptionWidth, 10, writer.Regular);
        var extra = Math.Max(0, description.Count - 1) * 12;
        writer.Advance(14 + extra);
        var baseline = writer.Y + extra;
        for (var i = 0; i < description.Count; i++)
        {
            writer.Page.AddText(description[i], 10, new PdfPoint(Left, baseline - (i * 12)), writer.Regular);
        }

        string[] numbers = [line.Quantity.ToString("0.####", Numbers), Money(line.UnitPrice), line.TaxRate.ToString("0.##", Numbers), Money(line.NetAmount)];
        for (var i = 0; i < numbers.Length; i++)
        {
            writer.RightAligned(numbers[i], Columns[i + 1], 10, writer.Regular, baseline);
        }
    }

    private static void Total(PdfPageWriter writer, string label, string amount, PdfDocumentBuilder.AddedFont font)
    {
        writer.Advance(14);
        writer.Page.AddText(label, 10, new PdfPoint(Columns[2], writer.Y), font);
        writer.RightAligned(amount, Right, 10, font);
    }

    private static string Money(decimal amount) => amount.ToString("N2", Numbers);

    private static IEnumerable<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}
