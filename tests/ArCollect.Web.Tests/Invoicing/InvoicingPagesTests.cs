using System.Net;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Invoicing;

public sealed class InvoicingPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Admin_sees_the_next_number_after_the_highest_used_and_cannot_set_it_at_or_below_that()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Next Number Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Numbered Buyer");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, $"INV-{today.Year}-000041", 10m, today, today.AddDays(30));
        using var browser = app.NewClient();
        await browser.SignInAsync(company.AdminEmail, TenantSeed.Password);
        const string setNext = "/Settings/Invoicing?handler=NextNumber&series=Invoice";

        var page = await browser.GetPageAsync("/Settings/Invoicing");
        using var refused = await browser.SubmitAsync(setNext, [new("NextNumber", "41")], formPage: "/Settings/Invoicing");
        using var set = await browser.SubmitAsync(setNext, [new("NextNumber", "100")], formPage: "/Settings/Invoicing");

        Assert.Equal($"INV-{today.Year}-00042", Html.Element(page, "data-series=\"Invoice\"").Split("next: ")[1].Split(' ')[0]);
        Assert.Equal(
            $"INV-{today.Year}-00041 is already used: the next number must be above it, so enter 42 or more.",
            Html.FieldError(await refused.Content.ReadAsStringAsync(), "NextNumber.Invoice"));
        Assert.Contains($"The next invoice will be INV-{today.Year}-00100.", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);
        var draft = await ApiSeed.AddDraftAsync(api, await ApiSeed.AddCustomerAsync(api, "Api Buyer"), 10m, today);
        using var issued = await api.PostAsync($"/api/v1/invoices/{draft}/issue", null);
        Assert.Equal($"INV-{today.Year}-00100", (await ApiSeed.ReadAsync(issued)).GetProperty("invoice").GetProperty("number").GetString());
    }

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Issue_page_shows_blocking_errors_and_issues_a_clean_draft_with_the_tenant_pattern()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Page Issuer");
        using var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);
        var silent = await ApiSeed.AddCustomerAsync(api, "Silent Buyer", email: null);
        var reachable = await ApiSeed.AddCustomerAsync(api, "Reachable Buyer");
        var blocked = await ApiSeed.AddDraftAsync(api, silent, 10m, Today);
        var ready = await ApiSeed.AddDraftAsync(api, reachable, 10m, Today);
        using var browser = app.NewClient();
        await browser.SignInAsync(company.AdminEmail, TenantSeed.Password);
        using (var saved = await browser.SubmitAsync("/Settings/Invoicing", Settings("PG-{yyyy}-{seq:000}")))
        {
            Assert.Contains("Saved.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var blockedPage = await browser.GetPageAsync($"/InvoiceActions/Issue?id={blocked}");
        using var issued = await browser.SubmitAsync($"/InvoiceActions/Issue?id={ready}", [], formPage: $"/InvoiceActions/Issue?id={ready}");

        Assert.Contains("Error · Customer.Email:", blockedPage, StringComparison.Ordinal);
        Assert.Contains("disabled=\"disabled\"", blockedPage, StringComparison.Ordinal);
        Assert.Contains($"Issued as <strong>PG-{Today.Year}-001</strong>", await issued.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_numbering_pattern_is_refused_with_how_to_fix_it()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Bad Pattern");
        using var browser = app.NewClient();
        await browser.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var response = await browser.SubmitAsync("/Settings/Invoicing", Settings("INV-{yyyy}"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("exactly one {seq}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Saved.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clerk_credits_and_writes_off_an_invoice_and_the_list_keeps_them_apart()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Adjusters");
        using var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);
        var customer = await ApiSeed.AddCustomerAsync(api, "Adjusted Buyer");
        var invoice = await ApiSeed.AddDraftAsync(api, customer, 100m, Today);
        (await api.PostAsync($"/api/v1/invoices/{invoice}/issue", null)).Dispose();
        using var browser = app.NewClient();
        await browser.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var form = $"/CreditNotes/New?invoiceId={invoice}";

        using var tooMuch = await browser.SubmitAsync(form, Adjustment(invoice, "500", "Returned", writeOff: false), formPage: form);
        using var credit = await browser.SubmitAsync(form, Adjustment(invoice, "19", "Returned goods", writeOff: false), formPage: form);
        using var writeOff = await browser.SubmitAsync(form, Adjustment(invoice, "", "Not worth chasing", writeOff: true), formPage: form + "&writeOff=true");
        var list = await browser.GetPageAsync("/CreditNotes");

        Assert.Contains("enter at most EUR 119.00", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"Credit note CN-{Today.Year}-00001 for EUR 19.00 created.", await credit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Wrote off EUR 100.00.", await writeOff.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var credits = list[list.IndexOf("id=\"credit-notes\"", StringComparison.Ordinal)..list.IndexOf("id=\"write-offs\"", StringComparison.Ordinal)];
        var writeOffs = list[list.IndexOf("id=\"write-offs\"", StringComparison.Ordinal)..];
        Assert.Contains("Returned goods", credits, StringComparison.Ordinal);
        Assert.DoesNotContain("Not worth chasing", credits, StringComparison.Ordinal);
        Assert.Contains("Not worth chasing", writeOffs, StringComparison.Ordinal);
        using var final = await api.GetAsync($"/api/v1/invoices/{invoice}");
        Assert.Equal(0m, (await ApiSeed.ReadAsync(final)).GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Another_tenants_invoice_is_not_found_on_the_action_pages()
    {
        var owner = await TenantSeed.CreateCompanyAsync(app, "Page Owner");
        var other = await TenantSeed.CreateCompanyAsync(app, "Page Other");
        using var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, owner.TenantId)).Secret);
        var invoice = await ApiSeed.AddDraftAsync(api, await ApiSeed.AddCustomerAsync(api, "Owned"), 10m, Today);
        using var browser = app.NewClient();
        await browser.SignInAsync(other.AdminEmail, TenantSeed.Password);

        using var issue = await browser.GetAsync($"/InvoiceActions/Issue?id={invoice}");
        using var credit = await browser.GetAsync($"/CreditNotes/New?invoiceId={invoice}");

        Assert.Equal(HttpStatusCode.NotFound, issue.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, credit.StatusCode);
    }

    [Theory]
    [InlineData("Aging", "Xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK")]
    [InlineData("Customers", "Csv", "text/csv", "\uFEFFExternal id,Name")]
    public async Task Clerk_downloads_ledger_exports(string list, string format, string contentType, string start)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Exporter");
        using var browser = app.NewClient();
        await browser.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        Assert.Contains("handler=Download", await browser.GetPageAsync("/LedgerExports"), StringComparison.Ordinal);

        using var response = await browser.GetAsync($"/LedgerExports?handler=Download&list={list}&format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(start, System.Text.Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Contains($".{format.ToLowerInvariant()}", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
    }

    private static KeyValuePair<string, string>[] Settings(string pattern) =>
    [
        new("Input.NumberPattern", pattern), new("Input.CreditNotePattern", "CN-{yyyy}-{seq:00000}"), new("Input.LateFeeKind", "0"),
        new("Input.LateFeeValue", "0"), new("Input.LateFeeGraceDays", "0"), new("Input.LateFeeCap", ""),
        new("Input.CompanyDetails", "Page Issuer GmbH, Hauptstr. 1, Berlin"), new("Input.PaymentInstructions", "IBAN DE00 1234"),
    ];

    private static KeyValuePair<string, string>[] Adjustment(Guid invoice, string amount, string reason, bool writeOff) =>
    [
        new("Input.InvoiceId", invoice.ToString()), new("Input.Amount", amount), new("Input.Reason", reason),
        new("Input.Date", Today.ToString("yyyy-MM-dd")), new("WriteOff", writeOff ? "true" : "false"),
    ];
}
