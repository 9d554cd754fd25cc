using System.Net;
using System.Text;
using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Dashboards;

public sealed class DashboardPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_clerk_is_kept_out_of_the_dashboards()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Clerk Co");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        foreach (var path in new[] { "/Dashboards/Aging", "/Dashboards/Kpis", "/Dashboards/Forecast", "/Dashboards/Rates" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_manager_sees_each_dashboard_and_the_CSV_export_neutralises_formulas()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Manager Co");
        await SeedAsync(company.TenantId, "=cmd|' /C calc'!A0", 250m, daysLate: 45);
        using var client = app.NewClient();
        await client.SignInAsync(company.ManagerEmail, TenantSeed.Password);

        Assert.Contains("Aging by customer", await client.GetPageAsync("/Dashboards/Aging"), StringComparison.Ordinal);
        Assert.Contains("abbr title=\"Collection effectiveness index", await client.GetPageAsync("/Dashboards/Kpis"), StringComparison.Ordinal);
        Assert.Contains("Next 13 weeks", await client.GetPageAsync("/Dashboards/Forecast"), StringComparison.Ordinal);
        using var export = await client.GetAsync("/Dashboards/Aging?handler=Export&groupBy=Customer&table=aging&format=csv");
        var csv = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');

        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("Customer,Current (EUR),1-30 (EUR),31-60 (EUR),61-90 (EUR),90+ (EUR),Total (EUR),Invoices", csv, StringComparison.Ordinal);
        Assert.Contains("\n'=cmd|' /C calc'!A0,0.00,0.00,250.00,0.00,0.00,250.00,1", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KPI_page_shows_the_currency_rule_and_exports_invoices_by_state_and_by_collector()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Workflow Co");
        await SeedAsync(company.TenantId, "Quiet Corp", 250m, daysLate: 45);
        using var client = app.NewClient();
        await client.SignInAsync(company.ManagerEmail, TenantSeed.Password);

        var page = await client.GetPageAsync("/Dashboards/Kpis");
        var states = await CsvAsync(client, "/Dashboards/Kpis?handler=Export&weekly=False&table=states&format=csv");
        var collectors = await CsvAsync(client, "/Dashboards/Kpis?handler=Export&weekly=False&table=collectors&format=csv");

        Assert.Contains("Credit sales and cash convert at the exchange rate in force on the day they happened", page, StringComparison.Ordinal);
        Assert.Contains("id=\"state-table\"", page, StringComparison.Ordinal);
        // One open invoice, 45 days late, never reminded, no collector.
        Assert.StartsWith("State,Invoices,Open (EUR),Overdue (EUR)", states, StringComparison.Ordinal);
        Assert.Contains("\nNot chased yet,1,250.00,250.00", states, StringComparison.Ordinal);
        Assert.Contains("\nDisputed,0,0.00,0.00", states, StringComparison.Ordinal);
        Assert.StartsWith("Collector,Open (EUR),Overdue (EUR),Disputed,Promised,Escalated,In follow-up,Not chased yet,Resolved", collectors, StringComparison.Ordinal);
        Assert.Contains("\nUnassigned,250.00,250.00,0,0,0,0,1,0", collectors, StringComparison.Ordinal);
    }

    private static async Task<string> CsvAsync(Infrastructure.WebClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_changes_bucket_edges_and_a_bad_value_is_named_on_the_form()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Admin Co");
        await SeedAsync(company.TenantId, "Late Corp", 100m, daysLate: 20);
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);
        var fields = new Dictionary<string, string>
        {
            ["CollectionRateTargetPercent"] = "45",
            ["KeyAccountAgingDays"] = "60",
            ["ForecastVarianceThresholdPercent"] = "20",
        };

        using var bad = await client.SubmitAsync("/Settings/Dashboards", fields.Append(new("AgingEdges", "60, 30")));
        var badPage = await bad.Content.ReadAsStringAsync();
        using var good = await client.SubmitAsync("/Settings/Dashboards", fields.Append(new("AgingEdges", "15, 45")));
        var aging = await client.GetPageAsync("/Dashboards/Aging");

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Edges must increase, e.g. 30, 60, 90.", badPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Contains(">16-45</th>", aging, StringComparison.Ordinal);
        Assert.Contains(">45&#x2B;</th>", aging, StringComparison.Ordinal);
        Assert.Contains("bucket=2&amp;all=false\">100.00</a>", aging, StringComparison.Ordinal); // 20 days late: bucket 16-45
    }

    private async Task SeedAsync(Guid tenantId, string customerName, decimal amount, int daysLate)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var customer = new Customer { Id = Guid.CreateVersion7(), Name = customerName, Currency = "EUR", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            Number = "INV-1",
            Currency = "EUR",
            IssueDate = today.AddDays(-daysLate - 30),
            DueDate = today.AddDays(-daysLate),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        InvoiceTotals.Apply(invoice, [new InvoiceLineInput { Description = "Goods", Quantity = 1, UnitPrice = amount, TaxRate = 0 }]);
        db.Customers.Add(customer);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync();
    }
}
