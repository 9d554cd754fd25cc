using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Invoices;

/// <summary>One small ledger, read through the invoice list's filters.</summary>
public sealed class InvoiceListTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private TenantSeed.Company company = null!;
    private DateOnly today;
    private Guid clerk;
    private Guid alpha;

    public async Task InitializeAsync()
    {
        company = await TenantSeed.CreateCompanyAsync(app, "Invoice List Co");
        var other = await TenantSeed.CreateCompanyAsync(app, "Invoice List Rival");
        today = LedgerSeed.Today(app);
        clerk = await TenantSeed.UserIdAsync(app, company.ClerkEmail);
        alpha = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Alpha Stores", collectorId: clerk);
        var beta = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Beta Works");
        var t = company.TenantId;
        await LedgerSeed.AddInvoiceAsync(app, t, alpha, "I-CUR", 100m, today.AddDays(-20), today.AddDays(10));
        await LedgerSeed.AddInvoiceAsync(app, t, alpha, "I-10", 200m, today.AddDays(-40), today.AddDays(-10));
        await LedgerSeed.AddInvoiceAsync(app, t, beta, "I-31", 300m, today.AddDays(-61), today.AddDays(-31));
        await LedgerSeed.AddInvoiceAsync(app, t, beta, "I-60", 400m, today.AddDays(-90), today.AddDays(-60));
        await LedgerSeed.AddInvoiceAsync(app, t, alpha, "I-61", 500m, today.AddDays(-91), today.AddDays(-61));
        await LedgerSeed.AddInvoiceAsync(app, t, alpha, "I-PAID", 600m, today.AddDays(-75), today.AddDays(-45), paid: 600m);
        await LedgerSeed.AddInvoiceAsync(app, t, beta, "I-PART", 700m, today.AddDays(-25), today.AddDays(5), paid: 100m);
        await LedgerSeed.AddInvoiceAsync(app, t, beta, "I-DISP", 800m, today.AddDays(-70), today.AddDays(-40), disputed: true);
        await LedgerSeed.AddInvoiceAsync(app, t, alpha, "I-USD", 50m, today.AddDays(-50), today.AddDays(-20), currency: "USD");
        var rival = await LedgerSeed.AddCustomerAsync(app, other.TenantId, "Rival Buyer");
        await LedgerSeed.AddInvoiceAsync(app, other.TenantId, rival, "X-OVER", 999m, today.AddDays(-70), today.AddDays(-40));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Status_overdue_lists_exactly_the_overdue_invoices_with_days_and_totals_per_currency()
    {
        using var client = await SignedInAsync();

        var page = await client.GetPageAsync("/Invoices?status=Overdue");

        Assert.Equal(["I-61", "I-60", "I-31", "I-USD", "I-10"], Numbers(page));
        Assert.Equal(["I-31", "Beta Works", today.AddDays(-61).ToString("yyyy-MM-dd"), today.AddDays(-31).ToString("yyyy-MM-dd"), $"EUR {300m:N2}", $"EUR {300m:N2}", "Overdue", "31"],
            Html.Row(page, "invoices", "invoice", "I-31")!);
        Assert.Equal($"EUR {1400m:N2}", Html.Element(page, "data-currency=\"EUR\""));
        Assert.Equal($"USD {50m:N2}", Html.Element(page, "data-currency=\"USD\""));
    }

    [Fact]
    public async Task Bucket_31_to_60_lists_exactly_the_open_invoices_due_31_to_60_days_ago()
    {
        using var client = await SignedInAsync();

        var page = await client.GetPageAsync("/Invoices?bucket=Days31To60");

        Assert.Equal(["I-60", "I-DISP", "I-31"], Numbers(page));
        Assert.Equal("Disputed", Html.Row(page, "invoices", "invoice", "I-DISP")![6]);
        Assert.Contains("Showing 1–3 of 3", Html.Text(page), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=Paid", "I-PAID")]
    [InlineData("status=PartiallyPaid", "I-PART")]
    [InlineData("status=Open", "I-CUR")]
    [InlineData("bucket=Current", "I-PART,I-CUR")]
    [InlineData("bucket=Over90", "")]
    [InlineData("bucket=Days61To90", "I-61")]
    [InlineData("customer=bETA&sort=number", "I-31,I-60,I-DISP,I-PART")]
    [InlineData("status=Overdue&sort=balance&dir=desc", "I-61,I-60,I-31,I-10,I-USD")]
    public async Task Filters_and_sorting_select_the_expected_invoices(string query, string expected)
    {
        using var client = await SignedInAsync();

        var page = await client.GetPageAsync($"/Invoices?{query}");

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), Numbers(page));
    }

    [Fact]
    public async Task Collector_customer_and_issue_date_filters_combine()
    {
        using var client = await SignedInAsync();

        var byCollector = await client.GetPageAsync($"/Invoices?collector={clerk}&sort=number");
        var byCustomer = await client.GetPageAsync($"/Invoices?customerId={alpha}&from={today.AddDays(-60):yyyy-MM-dd}&to={today.AddDays(-20):yyyy-MM-dd}");

        Assert.Equal(["I-10", "I-61", "I-CUR", "I-PAID", "I-USD"], Numbers(byCollector));
        Assert.Equal(["I-USD", "I-10", "I-CUR"], Numbers(byCustomer));
        Assert.Contains("for Alpha Stores", Html.Text(byCustomer), StringComparison.Ordinal);
        Assert.DoesNotContain("X-OVER", await client.GetPageAsync("/Invoices"), StringComparison.Ordinal);
    }

    private async Task<WebClient> SignedInAsync()
    {
        var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        return client;
    }

    private static List<string> Numbers(string page) => Html.Rows(page, "invoices").Select(r => r[0]).ToList();
}
