using System.Globalization;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Dunning;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace ArCollect.Infrastructure.Pdf;

/// <summary>
/// Lays out an invoice on A4 pages with PdfPig's document builder in the embedded DejaVu Sans fonts, so names and
/// descriptions print in any European script, in the customer's language: logo and seller (name, address, VAT id)
/// top, buyer with address and VAT id, number and issue, supply and due dates, lines with tax, totals per tax rate,
/// reverse-charge wording where it applies, terms, bank details and the RF payment reference; later pages repeat
/// the invoice number and the table's column titles, every page says "Page n of m".
/// </summary>
public static class InvoicePdfRenderer
{
    /// <summary>The box the logo is scaled into, keeping its aspect ratio, at the top left of the first page.</summary>
    public const double LogoBoxWidth = 170, LogoBoxHeight = 60;

    private const double Left = PdfPageWriter.Left, Right = PdfPageWriter.Right;
    private const double HeaderTop = 805, CompanyBlockWidth = 280, DescriptionWidth = 215;
    private static readonly double[] Columns = [Left, 330, 405, 470, Right];

    public static byte[] Render(InvoicePdfModel model)
    {
        var builder = new PdfDocumentBuilder();
        var writer = new PdfPageWriter(builder);
        var invoice = model.Invoice;
        var words = InvoicePdfLabels.All[model.Language];
        var f = ReminderFormatting.For(model.Language);
        var culture = Culture(model.Language);

        WriteHeader(writer, model, words);
        writer.Continuation = w => ContinuationHeader(w, model, words, withTable: false);

        writer.Text($"{words.Invoice} {invoice.Number}", 18, writer.Bold);
        writer.Text($"{words.IssueDate}: {f.Date(invoice.IssueDate)}    {words.SupplyDate}: {f.Date(invoice.SupplyDate ?? invoice.IssueDate)}", 10);
        writer.Text($"{words.DueDate}: {f.Date(invoice.DueDate)}    {words.Terms}: {invoice.Terms ?? "-"}", 10);
        if (invoice.PurchaseOrder is { Length: > 0 } po)
        {
            writer.Text($"{words.YourOrder}: {po}", 10);
        }

        writer.Gap(8);
        writer.Text(words.BillTo, 10, writer.Bold);
        writer.Paragraph(model.Buyer.Name, 10);
        foreach (var line in model.Buyer.AddressLines())
        {
            writer.Paragraph(line, 10);
        }

        if (!string.IsNullOrWhiteSpace(model.Buyer.VatId))
        {
            writer.Text($"{words.VatId}: {model.Buyer.VatId}", 10);
        }

        if (model.CustomerEmail is not null)
        {
            writer.Text(model.CustomerEmail, 10);
        }

        writer.Gap(12);
        TableHeader(writer, words);
        writer.Continuation = w => ContinuationHeader(w, model, words, withTable: true);
        foreach (var line in invoice.Lines.OrderBy(l => l.LineNumber))
        {
            Row(writer, line, f, culture);
        }

        writer.Continuation = w => ContinuationHeader(w, model, words, withTable: false);
        writer.Rule();
        Total(writer, words.Subtotal, f.Money(invoice.Subtotal, invoice.Currency), writer.Regular);
        foreach (var rate in invoice.Lines.GroupBy(l => l.TaxRate).OrderBy(g => g.Key))
        {
            var label = string.Format(culture, words.TaxAtRate, rate.Key.ToString("0.##", culture), f.Money(rate.Sum(l => l.NetAmount), invoice.Currency));
            Total(writer, label, f.Money(rate.Sum(l => l.TaxAmount), invoice.Currency), writer.Regular);
        }

        Total(writer, words.Total, f.Money(invoice.Total, invoice.Currency), writer.Bold);
        if (invoice.AmountPaid + invoice.AmountCredited + invoice.AmountWrittenOff > 0m)
        {
            Total(writer, words.BalanceDue, f.Money(invoice.OpenAmount, invoice.Currency), writer.Bold);
        }

        if (model.IsReverseCharge)
        {
            writer.Gap(8);
            writer.Paragraph(words.ReverseCharge, 10, writer.Bold);
        }

        writer.Gap(16);
        writer.Paragraph(string.Format(culture, words.PayBy, f.Money(invoice.OpenAmount, invoice.Currency), f.Date(invoice.DueDate), model.PaymentReference), 10, writer.Bold);
        if (PaymentTerms.TryParse(invoice.Terms, out var terms) && terms.DiscountDeadline(invoice.IssueDate) is { } deadline)
        {
            writer.Paragraph(string.Format(culture, words.EarlyDiscount, f.Money(invoice.Total - terms.DiscountOn(invoice.Total), invoice.Currency), f.Date(deadline), terms.DiscountPercent.ToString("0.##", culture)), 10);
        }

        BankDetails(writer, model, words);
        foreach (var line in Lines(model.PaymentInstructions))
        {
            writer.Paragraph(line, 10);
        }

        if (model.PortalLink is { Length: > 0 } portal)
        {
            writer.Gap(8);
            writer.Paragraph(portal, 9);
        }

        writer.NumberPages($"{model.Seller.Name} · {words.Invoice} {invoice.Number}", words.PageOf);
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

    /// <summary>Logo top left; seller name, address, VAT id and details right-aligned top right; the body starts below the taller of the two.</summary>
    private static void WriteHeader(PdfPageWriter writer, InvoicePdfModel model, InvoicePdfLabels words)
    {
        var logoBottom = HeaderTop;
        if (model.Logo is { } logo)
        {
            var box = LogoPlacement(logo.Width, logo.Height);
            DrawImage(writer.Page, logo.Content, logo.ContentType, box);
            logoBottom = box.Bottom;
        }

        writer.Y = HeaderTop;
        foreach (var line in writer.Wrap(model.Seller.Name, CompanyBlockWidth, 14, writer.Bold))
        {
            writer.Advance(17);
            writer.RightAligned(line, Right, 14, writer.Bold);
        }

        var seller = model.Seller.AddressLines()
            .Concat(string.IsNullOrWhiteSpace(model.Seller.VatId) ? [] : [$"{words.VatId}: {model.Seller.VatId}"])
            .Concat(Lines(model.CompanyDetails));
        foreach (var line in seller.SelectMany(l => writer.Wrap(l, CompanyBlockWidth, 9, writer.Regular)))
        {
            writer.Advance(12);
            writer.RightAligned(line, Right, 9, writer.Regular);
        }

        writer.Y = Math.Min(writer.Y, logoBottom) - 18;
    }

    private static void BankDetails(PdfPageWriter writer, InvoicePdfModel model, InvoicePdfLabels words)
    {
        if (model.Bank is not { } bank)
        {
            return;
        }

        writer.Gap(8);
        writer.Text(words.BankDetails, 10, writer.Bold);
        var rows = new List<(string Label, string? Value)>
        {
            (words.AccountHolder, bank.Holder ?? model.Seller.Name),
            ("IBAN", bank.IbanText),
            ("BIC", bank.Bic),
            (words.Bank, bank.BankName),
            (words.PaymentReference, model.PaymentReference),
        };
        foreach (var (label, value) in rows.Where(r => !string.IsNullOrWhiteSpace(r.Value)))
        {
            writer.Text($"{label}: {value}", 10);
        }
    }

    private static void ContinuationHeader(PdfPageWriter writer, InvoicePdfModel model, InvoicePdfLabels words, bool withTable)
    {
        writer.Text($"{model.Seller.Name} · {words.Invoice} {model.Invoice.Number} {words.Continued}", 9, writer.Bold);
        writer.Gap(8);
        if (withTable)
        {
            TableHeader(writer, words);
        }
    }

    private static void TableHeader(PdfPageWriter writer, InvoicePdfLabels words)
    {
        writer.Advance(14);
        writer.Page.AddText(words.Columns[0], 10, new PdfPoint(Left, writer.Y), writer.Bold);
        for (var i = 1; i < words.Columns.Count; i++)
        {
            writer.RightAligned(words.Columns[i], Columns[i], 10, writer.Bold);
        }

        writer.Rule();
    }

    /// <summary>One invoice line: the description wrapped in its column, the numbers on its first line; never split across pages.</summary>
    private static void Row(PdfPageWriter writer, InvoiceLine line, ReminderFormatting f, CultureInfo culture)
    {
        var description = writer.Wrap(line.Description, DescriptionWidth, 10, writer.Regular);
        var extra = Math.Max(0, description.Count - 1) * 12;
        writer.Advance(14 + extra);
        var baseline = writer.Y + extra;
        for (var i = 0; i < description.Count; i++)
        {
            writer.Page.AddText(description[i], 10, new PdfPoint(Left, baseline - (i * 12)), writer.Regular);
        }

        string[] numbers = [line.Quantity.ToString("0.####", culture), f.Amount(line.UnitPrice), line.TaxRate.ToString("0.##", culture), f.Amount(line.NetAmount)];
        for (var i = 0; i < numbers.Length; i++)
        {
            writer.RightAligned(numbers[i], Columns[i + 1], 10, writer.Regular, baseline);
        }
    }

    private static void Total(PdfPageWriter writer, string label, string amount, PdfDocumentBuilder.AddedFont font)
    {
        writer.Advance(14);
        writer.Page.AddText(PdfFonts.Printable(label), 10, new PdfPoint(Columns[1] - 40, writer.Y), font);
        writer.RightAligned(amount, Right, 10, font);
    }

    private static CultureInfo Culture(string language) =>
        Domain.Common.Languages.Get(language).CultureName is { Length: > 0 } name ? CultureInfo.GetCultureInfo(name) : CultureInfo.InvariantCulture;

    private static IEnumerable<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}
