using System.Net;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Invoices;

public sealed class InvoiceTenancyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Another_companys_invoice_and_payment_pages_answer_not_found_and_change_nothing()
    {
        var mine = await TenantSeed.CreateCompanyAsync(app, "Mine Invoices Co");
        var theirs = await TenantSeed.CreateCompanyAsync(app, "Theirs Invoices Co");
        var today = LedgerSeed.Today(app);
        var myCustomer = await LedgerSeed.AddCustomerAsync(app, mine.TenantId, "My Buyer");
        var theirCustomer = await LedgerSeed.AddCustomerAsync(app, theirs.TenantId, "Their Buyer");
        var theirInvoice = await LedgerSeed.AddInvoiceAsync(app, theirs.TenantId, theirCustomer, "THEIRS-1", 500m, today, today.AddDays(30));
        using var client = app.NewClient();
        await client.SignInAsync(mine.ClerkEmail, TenantSeed.Password);

        foreach (var path in new[]
                 {
                     $"/Invoices/Details/{theirInvoice}", $"/Invoices/Edit/{theirInvoice}", $"/Invoices/Edit?customerId={theirCustomer}",
                     $"/Payments/Record?customerId={theirCustomer}", $"/Invoices/Details/{Guid.NewGuid()}",
                 })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }

        using var edit = await client.SubmitAsync($"/Invoices/Edit/{theirInvoice}",
            [
                new("Input.CustomerId", theirCustomer.ToString()), new("Input.IssueDate", today.ToString("yyyy-MM-dd")),
                new("Input.Lines[0].Description", "Changed"), new("Input.Lines[0].UnitPrice", "1"),
            ],
            formPage: "/Invoices/Edit");
        using var invoiceForTheirCustomer = await client.SubmitAsync("/Invoices/Edit",
            [
                new("Input.CustomerId", theirCustomer.ToString()), new("Input.IssueDate", today.ToString("yyyy-MM-dd")),
                new("Input.Lines[0].Description", "Sneaky"), new("Input.Lines[0].UnitPrice", "1"),
            ]);
        using var payment = await client.SubmitAsync("/Payments/Record",
            [new("Input.CustomerId", theirCustomer.ToString()), new("Input.Amount", "500"), new("Input.Currency", "EUR"), new("Input.ReceivedOn", today.ToString("yyyy-MM-dd"))],
            formPage: $"/Payments/Record?customerId={myCustomer}");

        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, invoiceForTheirCustomer.StatusCode);
        Assert.Equal("Choose a customer of your company.", Html.FieldError(await invoiceForTheirCustomer.Content.ReadAsStringAsync(), "Input.CustomerId"));
        Assert.Equal(HttpStatusCode.NotFound, payment.StatusCode);
        Assert.DoesNotContain("THEIRS-1", await client.GetPageAsync("/Invoices"), StringComparison.Ordinal);
        var theirLedger = await LedgerSeed.WithDbAsync(app, theirs.TenantId, async db =>
            (await db.Invoices.Select(i => i.Number + ":" + i.Balance).SingleAsync(), await db.Payments.CountAsync()));
        Assert.Equal(("THEIRS-1:500.00", 0), theirLedger);
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, mine.TenantId, db => db.Invoices.CountAsync()));
    }
}
