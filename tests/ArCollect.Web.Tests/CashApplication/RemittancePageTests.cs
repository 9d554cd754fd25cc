using System.Net;
using System.Text;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.CashApplication;

public sealed class RemittancePageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_clerk_uploads_an_advice_sees_bad_rows_by_row_and_column_then_the_fixed_advice_listed_as_waiting()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Remittance Page");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Harbour Foods Ltd");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "HF-100", 400m, today.AddDays(-30), today);
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "HF-101", 250m, today.AddDays(-20), today.AddDays(10));
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var bad = await client.UploadAsync("/CashApplication/Remittances?handler=Upload", [], "file", "advice.csv",
            Encoding.UTF8.GetBytes("invoice_number,amount\nHF-100,400.00\nHF-999,12.00\nHF-101,zwei\n"), formPage: "/CashApplication/Remittances");
        var report = await bad.Content.ReadAsStringAsync();
        using var good = await client.UploadAsync("/CashApplication/Remittances?handler=Upload", [], "file", "advice.csv",
            Encoding.UTF8.GetBytes("invoice_number,amount\nHF-100,400.00\nHF-101,250.00\n"), formPage: "/CashApplication/Remittances");
        var listed = await good.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var errors = Html.Rows(report, "import-errors");
        Assert.Equal([("2", "invoice_number"), ("3", "amount")], errors.Select(r => (r[0], r[1])));
        Assert.Contains("Nothing was stored", report, StringComparison.Ordinal);
        Assert.Contains("Advice stored for Harbour Foods Ltd: 2 invoice(s), EUR 650.00.", listed, StringComparison.Ordinal);
        var row = Assert.Single(Html.Rows(listed, "advices"));
        Assert.Equal(("Harbour Foods Ltd", "HF-100: 400.00, HF-101: 250.00", "EUR 650.00"), (row[1], row[3], row[4]));
        Assert.StartsWith("waiting", row[5], StringComparison.Ordinal);
    }
}
