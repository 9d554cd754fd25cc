using System.Net;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Invoices;

public sealed class InvoiceEditTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_new_invoice_gets_line_and_header_totals_and_the_customers_currency_and_terms()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Invoice Totals Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Pound Buyer", currency: "GBP", termsDays: 14);
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var form = await client.GetPageAsync($"/Invoices/Edit?customerId={customer}");
        Assert.Contains("value=\"GBP\"", form, StringComparison.Ordinal);
        Assert.Contains($"value=\"{today.AddDays(14):yyyy-MM-dd}\"", form, StringComparison.Ordinal);

        using var response = await client.SubmitAsync("/Invoices/Edit", Fields(customer, "INV-1", today, due: null,
            ("Consulting", "3", "150", "20"), ("Travel", "", "99.99", ""), ("", "", "", "")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Invoice INV-1 created.", page, StringComparison.Ordinal);
        Assert.Equal($"GBP {549.99m:N2}", Html.Element(page, "id=\"subtotal\""));
        Assert.Equal($"GBP {90m:N2}", Html.Element(page, "id=\"tax-total\""));
        Assert.Equal($"GBP {639.99m:N2}", Html.Element(page, "id=\"total\""));
        Assert.Equal(
            [["1", "Consulting", "3", $"{150m:N2}", "20", $"{450m:N2}", $"{90m:N2}", $"{540m:N2}"], ["2", "Travel", "1", $"{99.99m:N2}", "0", $"{99.99m:N2}", $"{0m:N2}", $"{99.99m:N2}"]],
            Html.Rows(page, "lines"));
        Assert.Contains($"Due {today.AddDays(14):yyyy-MM-dd}", Html.Text(page), StringComparison.Ordinal);
        Assert.Equal("Open", Html.Element(page, "id=\"invoice-status\""));
        var customerPage = await client.GetPageAsync($"/Customers/Details/{customer}");
        Assert.Contains($"Invoice INV-1 issued: GBP {639.99m:N2}, due {today.AddDays(14):yyyy-MM-dd}", Html.Element(customerPage, "id=\"timeline\""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_already_used_in_the_company_is_a_field_error_and_saves_nothing()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Duplicate Invoice Co");
        var other = await TenantSeed.CreateCompanyAsync(app, "Other Invoice Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Repeat Buyer");
        var otherCustomer = await LedgerSeed.AddCustomerAsync(app, other.TenantId, "Elsewhere Buyer");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "INV-1", 100m, today, today.AddDays(30));
        await LedgerSeed.AddInvoiceAsync(app, other.TenantId, otherCustomer, "INV-2", 100m, today, today.AddDays(30));
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var duplicate = await client.SubmitAsync("/Invoices/Edit", Fields(customer, "INV-1", today, today.AddDays(30), ("Widgets", "2", "10", "0")));
        using var usedElsewhere = await client.SubmitAsync("/Invoices/Edit", Fields(customer, "INV-2", today, today.AddDays(30), ("Widgets", "2", "10", "0")));

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var page = await duplicate.Content.ReadAsStringAsync();
        Assert.Equal("Invoice number INV-1 is already used in your company.", Html.FieldError(page, "Input.Number"));
        Assert.Contains("value=\"Widgets\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, usedElsewhere.StatusCode);
        var numbers = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.OrderBy(i => i.Number).Select(i => i.Number + ":" + i.Total).ToListAsync());
        Assert.Equal(["INV-1:100.00", "INV-2:20.00"], numbers);
    }

    [Fact]
    public async Task Due_before_issue_and_an_undescribed_line_are_field_errors_and_save_nothing()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Bad Dates Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Early Buyer");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await client.SubmitAsync("/Invoices/Edit", Fields(customer, "INV-9", today, today.AddDays(-1), ("Widgets", "1", "10", "0"), ("", "1", "25", "0")));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Due date cannot be before the issue date.", Html.FieldError(page, "Input.DueDate"));
        Assert.Equal("Describe what is being invoiced.", Html.FieldError(page, "Input.Lines[1].Description"));
        Assert.Equal("", Html.FieldError(page, "Input.Number"));
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.CountAsync()));
    }

    [Fact]
    public async Task An_unpaid_invoice_is_edited_with_new_totals_but_a_paid_one_says_why_it_cannot_be()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Edit Invoice Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Edited Buyer");
        var unpaid = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "ED-1", 100m, today, today.AddDays(30));
        var partlyPaid = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "ED-2", 100m, today, today.AddDays(30), paid: 40m);
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        Assert.Contains("value=\"Services\"", await client.GetPageAsync($"/Invoices/Edit/{unpaid}"), StringComparison.Ordinal);

        using var edited = await client.SubmitAsync($"/Invoices/Edit/{unpaid}", Fields(customer, "ED-1", today, today.AddDays(20), ("Services", "2", "100", "10"), ("Setup", "1", "50", "0")));
        var blocked = await client.GetPageAsync($"/Invoices/Edit/{partlyPaid}");
        using var forced = await client.SubmitAsync($"/Invoices/Edit/{partlyPaid}", Fields(customer, "ED-2", today, today.AddDays(20), ("Services", "1", "1", "0")), formPage: $"/Invoices/Edit/{unpaid}");

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var page = await client.GetPageAsync($"/Invoices/Details/{unpaid}");
        Assert.Equal($"EUR {270m:N2}", Html.Element(page, "id=\"total\""));
        Assert.Equal(2, Html.Rows(page, "lines").Count);
        Assert.Equal($"Invoice ED-2 can no longer be changed: EUR {40m:N2} paid. Correct it with a credit note instead. Back to the invoice", Html.Element(blocked, "id=\"not-editable\""));
        Assert.Contains("can no longer be changed", await forced.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var totals = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.OrderBy(i => i.Number).Select(i => i.Total).ToListAsync());
        Assert.Equal([270m, 100m], totals);
        Assert.Equal(3, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.InvoiceLines.CountAsync()));
    }

    [Fact]
    public async Task Clerks_saving_the_same_number_at_once_get_one_invoice_and_field_errors_never_a_server_error()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Race Invoice Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Raced Buyer");
        var clients = new List<Infrastructure.WebClient>();
        for (var n = 0; n < 4; n++)
        {
            var client = app.NewClient();
            await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
            clients.Add(client);
        }

        var responses = await Task.WhenAll(clients.Select(c => c.SubmitAsync("/Invoices/Edit", Fields(customer, "RACE-1", today, today.AddDays(30), ("Widgets", "1", "10", "0")))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal("Invoice number RACE-1 is already used in your company.", Html.FieldError(await refused.Content.ReadAsStringAsync(), "Input.Number"));
        }

        Assert.Equal(1, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.CountAsync()));
        foreach (var item in responses.Cast<IDisposable>().Concat(clients))
        {
            item.Dispose();
        }
    }

    private static List<KeyValuePair<string, string>> Fields(
        Guid customer, string number, DateOnly issued, DateOnly? due, params (string Description, string Quantity, string UnitPrice, string TaxRate)[] lines)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.CustomerId", customer.ToString()), new("Input.Number", number),
            new("Input.IssueDate", issued.ToString("yyyy-MM-dd")), new("Input.DueDate", due?.ToString("yyyy-MM-dd") ?? ""),
            new("Input.Currency", ""), new("Input.PurchaseOrder", ""), new("Input.Notes", ""),
        };
        for (var n = 0; n < lines.Length; n++)
        {
            fields.Add(new($"Input.Lines[{n}].Description", lines[n].Description));
            fields.Add(new($"Input.Lines[{n}].Quantity", lines[n].Quantity));
            fields.Add(new($"Input.Lines[{n}].UnitPrice", lines[n].UnitPrice));
            fields.Add(new($"Input.Lines[{n}].TaxRate", lines[n].TaxRate));
        }

        return fields;
    }
}
