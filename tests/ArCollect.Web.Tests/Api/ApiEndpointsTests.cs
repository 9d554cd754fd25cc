using System.Net;
using System.Net.Http.Json;
using System.Text;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Api;

public sealed class ApiEndpointsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<HttpClient> NewTenantApiAsync(string name)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, name);
        return ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);
    }

    [Fact]
    public async Task Customers_page_through_with_a_cursor_without_gaps_or_repeats()
    {
        using var api = await NewTenantApiAsync("Pager");
        var created = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            created.Add(await ApiSeed.AddCustomerAsync(api, $"Customer {i}"));
        }

        var seen = new List<Guid>();
        var pages = 0;
        string? cursor = null;
        do
        {
            using var response = await api.GetAsync($"/api/v1/customers?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            var page = await ApiSeed.ReadAsync(response);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created, seen);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=500", "limit")]
    [InlineData("cursor=not-ours", "cursor")]
    public async Task Bad_paging_parameters_are_named_in_the_problem(string query, string field)
    {
        using var api = await NewTenantApiAsync("Bad Pager");

        using var response = await api.GetAsync($"/api/v1/invoices?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApiSeed.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Invoices_filter_by_status_customer_and_updated_since()
    {
        using var api = await NewTenantApiAsync("Filters");
        var late = await ApiSeed.AddCustomerAsync(api, "Late Payer");
        var other = await ApiSeed.AddCustomerAsync(api, "Other Payer");
        var overdue = await ApiSeed.AddDraftAsync(api, late, 100m, Today.AddDays(-40), terms: "Net 10");
        var current = await ApiSeed.AddDraftAsync(api, other, 200m, Today, terms: "Net 30");
        var draft = await ApiSeed.AddDraftAsync(api, late, 300m, Today);
        foreach (var id in new[] { overdue, current })
        {
            using var issued = await api.PostAsync($"/api/v1/invoices/{id}/issue", null);
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        }

        Assert.Equal([overdue], await IdsAsync(api, "status=Overdue"));
        Assert.Equal([current], await IdsAsync(api, "status=Open"));
        Assert.Equal([draft], await IdsAsync(api, "status=Draft"));
        Assert.Equal([overdue, draft], await IdsAsync(api, $"customerId={late}"));
        Assert.Empty(await IdsAsync(api, $"updatedSince={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"))}"));
    }

    [Fact]
    public async Task A_draft_is_checked_then_issued_with_the_next_number_and_lines()
    {
        using var api = await NewTenantApiAsync("Issuer");
        var noEmail = await ApiSeed.AddCustomerAsync(api, "No Email Ltd", email: null);
        var good = await ApiSeed.AddCustomerAsync(api, "Good Email Ltd");
        var blocked = await ApiSeed.AddDraftAsync(api, noEmail, 100m, Today);
        var ready = await ApiSeed.AddDraftAsync(api, good, 100m, Today, terms: "Net 14");

        using var checks = await api.GetAsync($"/api/v1/invoices/{blocked}/checks");
        using var refused = await api.PostAsync($"/api/v1/invoices/{blocked}/issue", null);
        using var issued = await api.PostAsync($"/api/v1/invoices/{ready}/issue", null);

        var report = await ApiSeed.ReadAsync(checks);
        Assert.False(report.GetProperty("canIssue").GetBoolean());
        Assert.Equal("customer.email", report.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await ApiSeed.ReadAsync(refused)).GetProperty("errors").TryGetProperty("customer.email", out _));
        var invoice = (await ApiSeed.ReadAsync(issued)).GetProperty("invoice");
        Assert.Equal($"INV-{Today.Year}-00001", invoice.GetProperty("number").GetString());
        Assert.Equal("Issued", invoice.GetProperty("state").GetString());
        Assert.Equal(119m, invoice.GetProperty("total").GetDecimal());
        Assert.Equal(Today.AddDays(14).ToString("yyyy-MM-dd"), invoice.GetProperty("dueDate").GetString());
        Assert.Equal(19m, invoice.GetProperty("lines")[0].GetProperty("taxAmount").GetDecimal());
        using var pdf = await api.GetAsync($"/api/v1/invoices/{ready}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_fields_are_refused_with_the_field_named()
    {
        using var api = await NewTenantApiAsync("Strict");

        using var response = await api.PostAsJsonAsync("/api/v1/customers", new { name = "Typo Inc", currency = "EUR", colour = "red" }, ApiSeed.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ApiSeed.ReadAsync(response)).GetProperty("errors");
        Assert.Contains("Unknown field \"colour\"", errors.GetProperty("colour")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrongly_typed_values_are_refused_with_the_field_named()
    {
        using var api = await NewTenantApiAsync("Types");

        using var response = await api.PostAsync("/api/v1/invoices",
            new StringContent("""{"customerId":"00000000-0000-0000-0000-000000000001","issueDate":"31/12/2026","currency":"EUR","lines":[]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApiSeed.ReadAsync(response)).GetProperty("errors").TryGetProperty("issueDate", out _));
    }

    [Fact]
    public async Task An_oversize_body_is_refused_with_problem_details()
    {
        using var api = await NewTenantApiAsync("Big Body");
        var notes = new string('x', 300 * 1024);

        using var response = await api.PostAsJsonAsync("/api/v1/customers", new { name = notes, currency = "EUR" }, ApiSeed.Json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 256 KB", (await ApiSeed.ReadAsync(response)).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_errors_name_each_field_in_api_spelling()
    {
        using var api = await NewTenantApiAsync("Validation");
        var customer = await ApiSeed.AddCustomerAsync(api, "Valid Customer");

        using var response = await api.PostAsJsonAsync("/api/v1/invoices", new
        {
            customerId = customer,
            issueDate = Today,
            currency = "EURO",
            terms = "whenever",
            lines = new[] { new { description = "Widgets", quantity = -2, unitPrice = 5, taxRate = 0 } },
        }, ApiSeed.Json);

        var errors = (await ApiSeed.ReadAsync(response)).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ISO 4217", errors.GetProperty("currency")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Net 30", errors.GetProperty("terms")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("more than zero", errors.GetProperty("lines[0].quantity")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payments_credit_notes_and_write_offs_reduce_the_balance_and_a_reference_counts_once()
    {
        using var api = await NewTenantApiAsync("Money In");
        var customer = await ApiSeed.AddCustomerAsync(api, "Paying Customer");
        var invoice = await ApiSeed.AddDraftAsync(api, customer, 100m, Today);
        (await api.PostAsync($"/api/v1/invoices/{invoice}/issue", null)).Dispose();
        var payment = new { customerId = customer, amount = 50m, currency = "EUR", receivedOn = Today, reference = "BANK-77" };

        using var paid = await api.PostAsJsonAsync("/api/v1/payments", payment, ApiSeed.Json);
        using var twice = await api.PostAsJsonAsync("/api/v1/payments", payment, ApiSeed.Json);
        using var credit = await api.PostAsJsonAsync("/api/v1/credit-notes", new { invoiceId = invoice, amount = 19m, reason = "Damaged item", date = Today }, ApiSeed.Json);
        using var writeOff = await api.PostAsJsonAsync("/api/v1/write-offs", new { invoiceId = invoice, reason = "Too small to chase", date = Today }, ApiSeed.Json);
        using var after = await api.GetAsync($"/api/v1/invoices/{invoice}");

        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Created, credit.StatusCode);
        Assert.Equal(HttpStatusCode.Created, writeOff.StatusCode);
        Assert.Equal(50m, (await ApiSeed.ReadAsync(writeOff)).GetProperty("amount").GetDecimal()); // 119 - 50 paid - 19 credited
        var final = await ApiSeed.ReadAsync(after);
        Assert.Equal(0m, final.GetProperty("balance").GetDecimal());
        Assert.Equal("WrittenOff", final.GetProperty("status").GetString());
        using var writeOffs = await api.GetAsync("/api/v1/write-offs");
        Assert.Equal(1, (await ApiSeed.ReadAsync(writeOffs)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_openapi_document_and_the_browsable_reference_are_served_locally()
    {
        using var anonymous = ApiSeed.Client(app, null);

        using var document = await anonymous.GetAsync("/openapi/v1.json");
        using var reference = await anonymous.GetAsync("/api/docs");
        using var unknown = await anonymous.GetAsync("/api/v1/nothing-here");

        var paths = (await ApiSeed.ReadAsync(document)).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/invoices", out _));
        Assert.True(paths.TryGetProperty("/api/v1/invoices/{id}/issue", out _));
        var html = await reference.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        // Works offline: nothing loads from another host, the fonts and the hosted-only client button are off.
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"hideClientButton\":true", html, StringComparison.Ordinal);
        using var script = await anonymous.GetAsync("/api/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True(html.Contains("openapi/v1.json", StringComparison.Ordinal), html);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient api, string query)
    {
        using var response = await api.GetAsync($"/api/v1/invoices?{query}");
        var body = await ApiSeed.ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }
}
