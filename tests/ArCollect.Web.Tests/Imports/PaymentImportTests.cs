using System.Net;
using System.Net.Http.Json;
using System.Text;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Imports;

public sealed class PaymentImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Header = "reference,customer_external_id,received_on,amount,currency,method,invoice_number\n";

    /// <summary>A tenant with an API key, customer C-1 and its invoices INV-1 (100, due 30 Nov) and INV-2 (200, due 31 Dec).</summary>
    private async Task<(TenantSeed.Company Company, HttpClient Api)> NewLedgerAsync(string name)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, name);
        var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);
        using var customer = await api.PostAsJsonAsync("/api/v1/customers", new { name = "Acme", currency = "EUR", externalId = "C-1" }, ApiSeed.Json);
        Assert.Equal(HttpStatusCode.Created, customer.StatusCode);
        using var invoices = await api.PostAsync("/api/v1/imports/invoices", Csv(
            "invoice_number,customer_external_id,issue_date,due_date,currency,description,quantity,unit_price\n"
            + "INV-1,C-1,2025-11-01,2025-11-30,EUR,Hosting,1,100\nINV-2,C-1,2025-12-01,2025-12-31,EUR,Hosting,1,200\n"));
        Assert.Equal(HttpStatusCode.OK, invoices.StatusCode);
        return (company, api);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<Dictionary<string, decimal>> BalancesAsync(HttpClient api)
    {
        using var list = await api.GetAsync("/api/v1/invoices");
        return (await ApiSeed.ReadAsync(list)).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("number").GetString()!, i => i.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task The_api_imports_payments_once_applies_them_and_reports_a_bad_file_with_422()
    {
        var (_, api) = await NewLedgerAsync("Api Payment Importer");
        var good = Header + "BANK-1,C-1,2025-12-05,150.00,EUR,,\n";

        using var first = await api.PostAsync("/api/v1/imports/payments", Csv(good));
        using var again = await api.PostAsync("/api/v1/imports/payments?mode=ValidRows", Csv(good));
        using var bad = await api.PostAsync("/api/v1/imports/payments?mode=AllOrNothing", Csv(Header + "BANK-2,C-404,2025-12-06,10,EUR,,\n"));
        using var payments = await api.GetAsync("/api/v1/payments");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await ApiSeed.ReadAsync(first)).GetProperty("created").GetInt32());
        var second = await ApiSeed.ReadAsync(again);
        Assert.Equal((0, 1), (second.GetProperty("created").GetInt32(), second.GetProperty("alreadyImported").GetInt32()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("customer_external_id", (await ApiSeed.ReadAsync(bad)).GetProperty("errors")[0].GetProperty("column").GetString());
        Assert.Equal(["BANK-1"], (await ApiSeed.ReadAsync(payments)).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("reference").GetString()));
        // 150 oldest first: INV-1 paid in full, INV-2 keeps 150 of 200 open.
        Assert.Equal(new Dictionary<string, decimal> { ["INV-1"] = 0m, ["INV-2"] = 150m }, await BalancesAsync(api));
    }

    [Fact]
    public async Task The_row_level_report_downloads_as_csv()
    {
        var (_, api) = await NewLedgerAsync("Payment Report Csv");

        using var response = await api.PostAsync("/api/v1/imports/payments?report=csv", Csv(Header + "BANK-3,C-1,2025-12-05,12;50,EUR,,\n"));

        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Row,Column,Message\r\n1,amount,", text, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, decimal> { ["INV-1"] = 100m, ["INV-2"] = 200m }, await BalancesAsync(api));
    }

    [Fact]
    public async Task A_clerk_imports_payments_on_the_payments_tab_with_mapped_columns()
    {
        var (company, api) = await NewLedgerAsync("Page Payment Importer");
        using var browser = app.NewClient();
        await browser.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var csv = Encoding.UTF8.GetBytes("Ref,Debtor,Date,Amount,Ccy,Invoice\nP-1,C-1,2025-12-05,50,EUR,INV-2\nP-2,C-1,2025-12-05,x,EUR,\n");
        KeyValuePair<string, string>[] fields =
        [
            new("Kind", "Payments"), new("Mode", "ValidRows"), new("Mapping[reference]", "Ref"), new("Mapping[customer_external_id]", "Debtor"),
            new("Mapping[received_on]", "Date"), new("Mapping[amount]", "Amount"), new("Mapping[currency]", "Ccy"), new("Mapping[invoice_number]", "Invoice"),
        ];

        using var form = await browser.GetAsync("/Imports?kind=Payments");
        using var response = await browser.UploadAsync("/Imports", fields, "file", "payments.csv", csv);

        Assert.Contains("map-invoice_number", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Imported 1 payments from 2 row(s)", page, StringComparison.Ordinal);
        Assert.Contains("&quot;x&quot; is not a number", page, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, decimal> { ["INV-1"] = 100m, ["INV-2"] = 150m }, await BalancesAsync(api));
    }
}
