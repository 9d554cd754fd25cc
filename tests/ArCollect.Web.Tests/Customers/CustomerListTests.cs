using ArCollect.Domain.Customers;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Customers;

public sealed class CustomerListTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Search_matches_name_customer_number_and_contact_email_in_the_own_company_only()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Search Co");
        var other = await TenantSeed.CreateCompanyAsync(app, "Search Rival");
        await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Acme Tools");
        await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Bolt Supplies", externalId: "ACME-7");
        await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Crane Logistics", contactEmail: "pay@acme-group.example");
        await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Delta Foods", contactEmail: "ap@delta.example");
        await LedgerSeed.AddCustomerAsync(app, other.TenantId, "Acme Holdings");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var page = await client.GetPageAsync("/Customers?q=aCmE");

        Assert.Equal(["Acme Tools", "Bolt Supplies", "Crane Logistics"], Names(page));
        Assert.Contains("Showing 1–3 of 3", Html.Text(page), StringComparison.Ordinal);
        Assert.Empty(Names(await client.GetPageAsync("/Customers?q=100%25_")));
        Assert.Equal(["Acme Tools", "Bolt Supplies", "Crane Logistics", "Delta Foods"], Names(await client.GetPageAsync("/Customers")));
    }

    [Fact]
    public async Task Balances_come_from_open_invoices_and_sort_by_money_and_age()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Balance Co");
        var today = LedgerSeed.Today(app);
        var xylo = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Xylo Parts");
        var yard = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Yard Services");
        await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Zeta Quiet");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, xylo, "BX-1", 100m, today.AddDays(-5), today.AddDays(25));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, xylo, "BX-2", 250m, today.AddDays(-70), today.AddDays(-40));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, xylo, "BX-3", 80m, today.AddDays(-90), today.AddDays(-60), paid: 80m);
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, xylo, "BX-4", 60m, today.AddDays(-40), today.AddDays(-10), paid: 20m);
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, yard, "BY-1", 1000m, today.AddDays(-40), today.AddDays(-10));
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var byBalance = await client.GetPageAsync("/Customers?sort=balance&dir=desc");

        Assert.Equal(["Yard Services", "Xylo Parts", "Zeta Quiet"], Names(byBalance));
        var xyloRow = Html.Row(byBalance, "customers", "customer", "Xylo Parts")!;
        Assert.Equal(["EUR", Amount(390m), Amount(290m), "40"], xyloRow[^4..]);
        var yardRow = Html.Row(byBalance, "customers", "customer", "Yard Services")!;
        Assert.Equal(["EUR", Amount(1000m), Amount(1000m), "10"], yardRow[^4..]);
        Assert.Equal(["EUR", Amount(0m), Amount(0m), ""], Html.Row(byBalance, "customers", "customer", "Zeta Quiet")![^4..]);
        Assert.Equal(["Zeta Quiet", "Xylo Parts", "Yard Services"], Names(await client.GetPageAsync("/Customers?sort=balance&dir=asc")));
        Assert.Equal(["Xylo Parts", "Yard Services", "Zeta Quiet"], Names(await client.GetPageAsync("/Customers?sort=oldest&dir=desc")));
        Assert.Equal(["Yard Services", "Xylo Parts"], Names(await client.GetPageAsync("/Customers?sort=overdue&dir=desc&overdue=true")));
    }

    [Fact]
    public async Task Name_sorted_pages_show_the_same_balances_as_the_money_sorted_list()
    {
        // The name-sorted list reads one page of customers first and sums only their open invoices; the money-sorted
        // list sums every customer's. Both must show the same figures for the same customer.
        var company = await TenantSeed.CreateCompanyAsync(app, "Page Sum Co");
        var today = LedgerSeed.Today(app);
        var mixed = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Mixed Currencies");
        var clean = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Nothing Open");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, mixed, "PS-1", 100m, today.AddDays(-45), today.AddDays(-15));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, mixed, "PS-2", 40m, today.AddDays(-5), today.AddDays(25));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, mixed, "PS-3", 999m, today.AddDays(-80), today.AddDays(-50), currency: "USD");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, mixed, "PS-4", 70m, today.AddDays(-90), today.AddDays(-60), paid: 70m);
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, clean, "PS-5", 55m, today.AddDays(-40), today.AddDays(-10), paid: 55m);
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var byName = await client.GetPageAsync("/Customers");
        var byBalance = await client.GetPageAsync("/Customers?sort=balance&dir=desc");

        Assert.Equal(["Mixed Currencies", "Nothing Open"], Names(byName));
        // EUR 140 open, 100 overdue; the USD invoice is counted, not added, and its due date is the oldest overdue.
        var mixedRow = Html.Row(byName, "customers", "customer", "Mixed Currencies")!;
        Assert.Equal(["EUR", $"{Amount(140m)} +1 other", Amount(100m), "50"], mixedRow[^4..]);
        Assert.Equal(mixedRow, Html.Row(byBalance, "customers", "customer", "Mixed Currencies"));
        Assert.Equal(["EUR", Amount(0m), Amount(0m), ""], Html.Row(byName, "customers", "customer", "Nothing Open")![^4..]);
        Assert.Contains("Showing 1–2 of 2", Html.Text(byName), StringComparison.Ordinal);
        Assert.Equal(["Mixed Currencies"], Names(await client.GetPageAsync("/Customers?overdue=true")));
    }

    [Fact]
    public async Task Fifty_customers_per_page_with_links_to_the_rest()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Paging Co");
        await LedgerSeed.WithDbAsync(app, company.TenantId, db =>
        {
            for (var n = 1; n <= 120; n++)
            {
                db.Customers.Add(new Customer { Id = Guid.CreateVersion7(), Name = $"Paged Customer {n:000}", Currency = "EUR" });
            }

            return db.SaveChangesAsync();
        });
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var first = await client.GetPageAsync("/Customers");
        var third = await client.GetPageAsync("/Customers?p=3");

        Assert.Equal(50, Names(first).Count);
        Assert.Equal("Paged Customer 001", Names(first)[0]);
        Assert.Contains("Showing 1–50 of 120", Html.Text(first), StringComparison.Ordinal);
        Assert.Contains("href=\"/Customers?p=3\"", first, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(101, 20).Select(n => $"Paged Customer {n:000}"), Names(third));
        Assert.Contains("Showing 101–120 of 120", Html.Text(third), StringComparison.Ordinal);
        var descending = await client.GetPageAsync("/Customers?sort=name&dir=desc&p=2");
        Assert.Equal("Paged Customer 070", Names(descending)[0]);
    }

    [Fact]
    public async Task Collector_filter_shows_only_that_collectors_customers()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Collector Co");
        var clerk = await TenantSeed.UserIdAsync(app, company.ClerkEmail);
        await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Assigned One", collectorId: clerk);
        await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Unassigned Two");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var page = await client.GetPageAsync($"/Customers?collector={clerk}");

        Assert.Equal(["Assigned One"], Names(page));
        Assert.Contains("Cleo Clerk", Html.Row(page, "customers", "customer", "Assigned One")!);
    }

    private static List<string> Names(string page) =>
        Html.Rows(page, "customers").Select(cells => cells[0]).ToList();

    private static string Amount(decimal value) => value.ToString("N2");
}
