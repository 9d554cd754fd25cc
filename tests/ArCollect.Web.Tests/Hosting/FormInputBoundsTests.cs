using System.Net;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Hosting;

/// <summary>
/// Razor forms given what the database cannot store or a mail header could be injected with answer the form again
/// with the field's error (never 500), and nothing is written.
/// </summary>
public sealed class FormInputBoundsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

    private async Task<(TenantSeed.Company Company, WebClientSession Client)> SignedInAsync(string name)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, name);
        var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);
        return (company, new WebClientSession(client));
    }

    private sealed record WebClientSession(Infrastructure.WebClient Client) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    public static TheoryData<string, string, string> BadCustomerFields => new()
    {
        { "Input.Name", "Acme\r\nBcc: victim@example.com", "" },
        { "Input.CreditLimit", "10000000000000000000000000", "" },
        { "Input.ContactEmail", "ap@acme.example\r\nBcc: victim@example.com", "" },
        { "Input.ContactEmail", "ap@acme.example, boss@acme.example", "" },
    };

    [Theory]
    [MemberData(nameof(BadCustomerFields))]
    public async Task A_customer_form_with_a_value_that_cannot_be_stored_or_sent_names_the_field_and_creates_nothing(string field, string value, string _)
    {
        var (company, session) = await SignedInAsync("Form Bounds " + field);
        using var __ = session;
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Acme GmbH",
            ["Input.Currency"] = "EUR",
            ["Input.PaymentTermsDays"] = "30",
            ["Input.TimeZone"] = "Etc/UTC",
            ["Input.ContactName"] = "AP",
            ["Input.ContactEmail"] = "ap@acme.example",
            ["Input.CreditLimit"] = "1000",
        };
        fields[field] = value;

        using var response = await session.Client.SubmitAsync("/Customers/Edit", fields.ToList());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("", Html.FieldError(await response.Content.ReadAsStringAsync(), field));
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.CountAsync()));
    }

    [Theory]
    [InlineData("Input.Name")]
    [InlineData("Input.Segment")]
    public async Task A_NUL_character_in_a_form_field_refuses_the_whole_post_naming_the_field_and_writes_nothing(string field)
    {
        var (company, session) = await SignedInAsync("Form NUL " + field);
        using var __ = session;
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Acme GmbH",
            ["Input.Currency"] = "EUR",
            ["Input.PaymentTermsDays"] = "30",
            ["Input.TimeZone"] = "Etc/UTC",
        };
        fields[field] = "Key\0 value";

        using var response = await session.Client.SubmitAsync("/Customers/Edit", fields.ToList());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was saved", page, StringComparison.Ordinal);
        Assert.Contains($"The field {field["Input.".Length..]} contains a NUL character", page, StringComparison.Ordinal);
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task A_payment_of_a_hundred_quintillion_names_the_amount_and_records_nothing()
    {
        var (company, session) = await SignedInAsync("Form Bounds Pay");
        using var _ = session;
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Payer");
        var issued = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40);
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "B-1", 100m, issued, issued.AddDays(30));
        var formPage = $"/Payments/Record?customerId={customer}";

        using var response = await session.Client.SubmitAsync("/Payments/Record",
        [
            new("Input.CustomerId", customer.ToString()), new("Input.Amount", "100000000000000000000"), new("Input.Currency", "EUR"),
            new("Input.ReceivedOn", Today), new("Input.Reference", "HUGE-1"), new("Input.Method", "BankTransfer"),
        ], formPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("", Html.FieldError(await response.Content.ReadAsStringAsync(), "Input.Amount"));
        var (payments, paid) = (await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Payments.CountAsync()),
            await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.SumAsync(i => i.AmountPaid)));
        Assert.Equal((0, 0m), (payments, paid));
    }

    [Fact]
    public async Task An_invoice_line_whose_quantity_times_price_overflows_names_the_line_and_saves_nothing()
    {
        var (company, session) = await SignedInAsync("Form Bounds Invoice");
        using var _ = session;
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Buyer");

        using var response = await session.Client.SubmitAsync("/Invoices/Edit",
        [
            new("Input.CustomerId", customer.ToString()), new("Input.IssueDate", Today), new("Input.DueDate", ""),
            new("Input.Currency", ""), new("Input.PurchaseOrder", ""), new("Input.Notes", ""),
            new("Input.Lines[0].Description", "Everything"), new("Input.Lines[0].Quantity", "1000000000000000"),
            new("Input.Lines[0].UnitPrice", "1000000000000000"), new("Input.Lines[0].TaxRate", "19"),
        ], $"/Invoices/Edit?customerId={customer}");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Input.Lines[0]", string.Join(" ", System.Text.RegularExpressions.Regex.Matches(page, "data-valmsg-for=\"([^\"]+)\"[^>]*>[^<]+<")
            .Select(m => m.Groups[1].Value)), StringComparison.Ordinal);
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.CountAsync()));
    }
}
