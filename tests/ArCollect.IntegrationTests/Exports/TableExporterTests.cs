using System.Text;
using ArCollect.Infrastructure.Exports;
using ClosedXML.Excel;

namespace ArCollect.IntegrationTests.Exports;

public sealed class TableExporterTests
{
    private static readonly ExportTable Table = new(
        "Aging",
        ["Customer", "Open"],
        [["=HYPERLINK(\"http://evil\")", 12.5m], ["-2+3", 1m], ["Plain GmbH", 0m]]);

    [Fact]
    public void CSV_cells_that_look_like_formulas_are_prefixed_with_an_apostrophe()
    {
        var text = Encoding.UTF8.GetString(TableExporter.ToCsv(Table)).TrimStart('\uFEFF');

        Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
        Assert.Contains("'-2+3,1.00", text, StringComparison.Ordinal);
        Assert.StartsWith("Customer,Open", text, StringComparison.Ordinal);
    }

    [Fact]
    public void XLSX_opens_with_the_headers_numbers_and_neutralised_text()
    {
        using var workbook = new XLWorkbook(new MemoryStream(TableExporter.ToXlsx(Table)));
        var sheet = workbook.Worksheet("Aging");

        Assert.Equal("Customer", sheet.Cell(1, 1).GetString());
        Assert.Equal("'=HYPERLINK(\"http://evil\")", sheet.Cell(2, 1).GetString());
        Assert.False(sheet.Cell(2, 1).HasFormula);
        Assert.Equal(12.5m, sheet.Cell(2, 2).GetValue<decimal>());
    }

    [Theory]
    [InlineData(" =1+1", "' =1+1")]
    [InlineData("  @SUM(A1)", "'  @SUM(A1)")]
    [InlineData("\n=cmd", "'\n=cmd")]
    [InlineData(" Acme GmbH", " Acme GmbH")]
    public void Blanks_before_a_formula_do_not_hide_it_and_plain_text_keeps_its_blanks(string cell, string written) =>
        Assert.Equal(written, TableExporter.Neutralise(cell));
}
