using System.Net;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Invoices;

public sealed class InvoiceEditTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_new_invoice_is_a_draft_without_a_number_until_issue_gives_it_the_next_one()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Invoice Totals Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Pound Buyer", currency: "GBP", contactEmail: "ap@pound.example", termsDays: 14);
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var form = await client.GetPageAsync($"/Invoices/Edit?customerId={customer}");
        Assert.Contains("value=\"GBP\"", form, StringComparison.Ordinal);
        Assert.Contains($"value=\"{today.AddDays(14):yyyy-MM-dd}\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Number", form, StringComparison.Ordinal);

        using var response = await client.SubmitAsync("/Invoices/Edit", Fields(customer, today, due: null,
            ("Consulting", "3", "150", "20"), ("Travel", "", "99.99", ""), ("", "", "", "")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var checks = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains($"Draft saved (GBP {639.99m:N2}).", checks, StringComparison.Ordinal);
        Assert.Contains("Invoice draft (numbered when issued)", Html.Text(checks), StringComparison.Ordinal);
        var id = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.Select(i => i.Id).SingleAsync());
        var draft = await client.GetPageAsync($"/Invoices/Details/{id}");
        Assert.Equal($"GBP {549.99m:N2}", Html.Element(draft, "id=\"subtotal\""));
        Assert.Equal($"GBP {90m:N2}", Html.Element(draft, "id=\"tax-total\""));
        Assert.Equal($"GBP {639.99m:N2}", Html.Element(draft, "id=\"total\""));
        Assert.Equal(
            [["1", "Consulting", "3", $"{150m:N2}", "20", $"{450m:N2}", $"{90m:N2}", $"{540m:N2}"], ["2", "Travel", "1", $"{99.99m:N2}", "0", $"{99.99m:N2}", $"{0m:N2}", $"{99.99m:N2}"]],
            Html.Rows(draft, "lines"));
        Assert.Equal("Draft", Html.Element(draft, "id=\"invoice-status\""));

        using var issued = await client.SubmitAsync($"/InvoiceActions/Issue?id={id}", [], formPage: $"/InvoiceActions/Issue?id={id}");

        Assert.Contains($"Issued as <strong>INV-{today.Year}-00001</strong>", await issued.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Open", Html.Element(await client.GetPageAsync($"/Invoices/Details/{id}"), "id=\"invoice-status\""));
        var customerPage = await client.GetPageAsync($"/Customers/Details/{customer}");
        Assert.Contains($"Invoice INV-{today.Year}-00001 issued: GBP {639.99m:N2}, due {today.AddDays(14):yyyy-MM-dd}", Html.Element(customerPage, "id=\"timeline\""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_before_issue_and_an_undescribed_line_are_field_errors_and_save_nothing()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Bad Dates Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Early Buyer");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await client.SubmitAsync("/Invoices/Edit", Fields(customer, today, today.AddDays(-1), ("Widgets", "1", "10", "0"), ("", "1", "25", "0")));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Due date cannot be before the issue date.", Html.FieldError(page, "Input.DueDate"));
        Assert.Equal("Describe what is being invoiced.", Html.FieldError(page, "Input.Lines[1].Description"));
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.CountAsync()));
    }

    [Fact]
    public async Task A_draft_is_edited_with_new_totals_but_an_issued_invoice_unpaid_or_not_says_why_it_cannot_be()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Edit Invoice Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Edited Buyer");
        var issued = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "ED-1", 100m, today, today.AddDays(30));
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        (await client.SubmitAsync("/Invoices/Edit", Fields(customer, today, null, ("Services", "1", "100", "0")))).Dispose();
        var draft = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.Where(i => i.Number != "ED-1").Select(i => i.Id).SingleAsync());
        Assert.Contains("value=\"Services\"", await client.GetPageAsync($"/Invoices/Edit/{draft}"), StringComparison.Ordinal);

        using var edited = await client.SubmitAsync($"/Invoices/Edit/{draft}", Fields(customer, today, today.AddDays(20), ("Services", "2", "100", "10"), ("Setup", "1", "50", "0")));
        var blocked = await client.GetPageAsync($"/Invoices/Edit/{issued}");
        using var forced = await client.SubmitAsync($"/Invoices/Edit/{issued}", Fields(customer, today, today.AddDays(20), ("Services", "1", "1", "0")), formPage: $"/Invoices/Edit/{draft}");

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var page = await client.GetPageAsync($"/Invoices/Details/{draft}");
        Assert.Equal($"EUR {270m:N2}", Html.Element(page, "id=\"total\""));
        Assert.Equal(2, Html.Rows(page, "lines").Count);
        Assert.Equal(
            "Invoice ED-1 is issued: its amount, lines, customer, number and dates can no longer be changed. Correct it with a credit note, or credit it in full and bill again. Back to the invoice",
            Html.Element(blocked, "id=\"not-editable\""));
        Assert.Contains("can no longer be changed", await forced.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(">Edit</a>", await client.GetPageAsync($"/Invoices/Details/{issued}"), StringComparison.Ordinal);
        var stored = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.Where(i => i.Id == issued).Select(i => new { i.Total, i.DueDate, Lines = i.Lines.Count }).SingleAsync());
        Assert.Equal((100m, today.AddDays(30), 1), (stored.Total, stored.DueDate, stored.Lines));
    }

    private static List<KeyValuePair<string, string>> Fields(
        Guid customer, DateOnly issued, DateOnly? due, params (string Description, string Quantity, string UnitPrice, string TaxRate)[] lines)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.CustomerId", customer.ToString()),
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
