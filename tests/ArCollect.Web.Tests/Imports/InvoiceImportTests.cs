using System.Net;
using System.Net.Http.Json;
using System.Text;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Imports;

public sealed class InvoiceImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Header = "invoice_number,customer_external_id,issue_date,due_date,currency,description,quantity,unit_price,tax_rate\n";

    private async Task<(TenantSeed.Company Company, HttpClient Api)> NewTenantAsync(string name)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, name);
        var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);
        using var created = await api.PostAsJsonAsync("/api/v1/customers", new { name = "Acme", currency = "EUR", externalId = "C-1" }, ApiSeed.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (company, api);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task The_api_imports_a_file_once_and_reports_a_bad_one_with_422()
    {
        var (_, api) = await NewTenantAsync("Api Importer");
        var good = Header + "INV-1,C-1,2026-05-01,2026-05-31,EUR,Hosting,1,10,0\n";

        using var first = await api.PostAsync("/api/v1/imports/invoices", Csv(good));
        using var again = await api.PostAsync("/api/v1/imports/invoices", Csv(good));
        using var bad = await api.PostAsync("/api/v1/imports/invoices?mode=AllOrNothing", Csv(Header + "INV-2,C-404,2026-05-01,2026-05-31,EUR,Hosting,1,10,0\n"));
        using var list = await api.GetAsync("/api/v1/invoices");

        Assert.Equal(1, (await ApiSeed.ReadAsync(first)).GetProperty("created").GetInt32());
        Assert.Equal(1, (await ApiSeed.ReadAsync(again)).GetProperty("alreadyImported").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var error = (await ApiSeed.ReadAsync(bad)).GetProperty("errors")[0];
        Assert.Equal("customer_external_id", error.GetProperty("column").GetString());
        Assert.Equal(1, (await ApiSeed.ReadAsync(list)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_row_level_report_downloads_as_csv()
    {
        var (_, api) = await NewTenantAsync("Report Csv");

        using var response = await api.PostAsync("/api/v1/imports/invoices?report=csv", Csv(Header + "INV-3,=cmd|'/c calc'!A1,2026-05-01,2026-05-31,EUR,Hosting,1,10,0\n"));

        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Row,Column,Message\r\n1,customer_external_id,", text, StringComparison.Ordinal);
        Assert.Contains("No customer has external id \"\"=cmd", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_import_through_the_api_and_then_their_invoices()
    {
        var (_, api) = await NewTenantAsync("Two Step Importer");

        using var customers = await api.PostAsync("/api/v1/imports/customers", Csv("external_id,name,currency,contact_email\nC-2,Beta Ltd,GBP,ap@beta.example\n"));
        using var invoices = await api.PostAsync("/api/v1/imports/invoices", Csv(Header + "INV-20,C-2,2026-05-01,2026-05-31,GBP,Hosting,1,10,0\n"));

        Assert.Equal(1, (await ApiSeed.ReadAsync(customers)).GetProperty("created").GetInt32());
        Assert.Equal(1, (await ApiSeed.ReadAsync(invoices)).GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task A_clerk_uploads_a_file_on_the_import_page_in_valid_rows_mode()
    {
        var (company, api) = await NewTenantAsync("Page Importer");
        using var browser = app.NewClient();
        await browser.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var csv = Encoding.UTF8.GetBytes("No,Cust,Date,Due,Cur,Text,Qty,Price\nINV-9,C-1,2026-05-01,2026-05-31,EUR,Hosting,2,10\nINV-10,C-1,2026-05-01,2026-05-31,EUR,Hosting,x,10\n");
        KeyValuePair<string, string>[] fields =
        [
            new("Mode", "ValidRows"), new("Mapping[invoice_number]", "No"), new("Mapping[customer_external_id]", "Cust"),
            new("Mapping[issue_date]", "Date"), new("Mapping[due_date]", "Due"), new("Mapping[currency]", "Cur"),
            new("Mapping[description]", "Text"), new("Mapping[quantity]", "Qty"), new("Mapping[unit_price]", "Price"),
        ];

        using var response = await browser.UploadAsync("/Imports", fields, "file", "invoices.csv", csv);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Imported 1 invoices from 2 row(s)", page, StringComparison.Ordinal);
        Assert.Contains("&quot;x&quot; is not a number", page, StringComparison.Ordinal);
        using var list = await api.GetAsync("/api/v1/invoices");
        Assert.Equal(20m, (await ApiSeed.ReadAsync(list)).GetProperty("items")[0].GetProperty("total").GetDecimal());
    }
}
