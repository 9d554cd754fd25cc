using System.Net;
using ArCollect.Domain.Dashboards;
using ArCollect.Domain.Dunning;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Invoicing;

public sealed class LedgerIntegrityPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_clerks_write_off_above_the_limit_waits_for_a_manager_who_sees_it_at_home_and_approves_it()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Approvals Ltd");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Gone Bust");
        var invoice = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "INV-W-1", 900m, today.AddDays(-120), today.AddDays(-90));
        using var admin = app.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);
        const string currencies = "/Settings/Invoicing?handler=Currencies";
        using (var refused = await admin.SubmitAsync(currencies, [new("Currencies[0].Currency", "EU"), new("Currencies[0].WriteOffLimit", "500")], formPage: "/Settings/Invoicing"))
        {
            Assert.Equal("Row 1, currency: enter an ISO 4217 code such as EUR or USD.",
                Html.FieldError(await refused.Content.ReadAsStringAsync(), "Currencies[0].Currency"));
        }

        using (var saved = await admin.SubmitAsync(currencies, [new("Currencies[0].Currency", "eur"), new("Currencies[0].WriteOffLimit", "500")], formPage: "/Settings/Invoicing"))
        {
            Assert.Contains("Amounts per currency saved.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var form = $"/CreditNotes/New?invoiceId={invoice}&writeOff=true";
        using var asked = await clerk.SubmitAsync(form,
            [new("Input.InvoiceId", invoice.ToString()), new("Input.Amount", ""), new("Input.Reason", "Customer insolvent"), new("Input.Date", today.ToString("yyyy-MM-dd")), new("WriteOff", "true")]);
        var askedPage = await asked.Content.ReadAsStringAsync();
        Assert.Contains("EUR 900.00 is above your company&#x27;s write-off limit of EUR 500.00", askedPage, StringComparison.Ordinal);
        Assert.Equal(900m, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.Where(i => i.Id == invoice).Select(i => i.Balance).SingleAsync()));
        using (var forbidden = await clerk.GetAsync("/WriteOffs/Approvals"))
        {
            Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
        }

        using var manager = app.NewClient();
        await manager.SignInAsync(company.ManagerEmail, TenantSeed.Password);
        Assert.Contains("above the limit await your approval", Html.Element(await manager.GetPageAsync("/"), "id=\"pending-write-offs\""), StringComparison.Ordinal);
        var requestId = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.WriteOffRequests.Select(r => r.Id).SingleAsync());
        Assert.Equal(["INV-W-1", "Gone Bust", "EUR 900.00"], Html.Row(await manager.GetPageAsync("/WriteOffs/Approvals"), "pending", "request", requestId.ToString())![..3]);

        using var approved = await manager.SubmitAsync("/WriteOffs/Approvals?handler=Approve",
            [new("requestId", requestId.ToString()), new("reason", "Insolvency filed")], formPage: "/WriteOffs/Approvals");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var after = await manager.GetPageAsync("/WriteOffs/Approvals");
        Assert.Contains("Approved: EUR 900.00 of invoice INV-W-1 written off.", after, StringComparison.Ordinal);
        Assert.DoesNotContain(Html.Rows(after, "pending"), r => r.Length > 3);
        Assert.Equal(0m, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.Where(i => i.Id == invoice).Select(i => i.Balance).SingleAsync()));
        Assert.DoesNotContain("pending-write-offs", await manager.GetPageAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_and_rebill_from_the_invoice_page_opens_the_linked_draft_and_both_pages_show_the_link()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Rebill Pages");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Wrong Order Ltd");
        var invoice = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "INV-R-1", 250m, today.AddDays(-3), today.AddDays(27));
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        Assert.Contains($"/InvoiceActions/Rebill?id={invoice}", await clerk.GetPageAsync($"/Invoices/Details/{invoice}"), StringComparison.Ordinal);

        using var noReason = await clerk.SubmitAsync($"/InvoiceActions/Rebill?id={invoice}", [new("Reason", "")]);
        Assert.Contains("Give a reason", Html.FieldError(await noReason.Content.ReadAsStringAsync(), "Reason"), StringComparison.Ordinal);
        using var done = await clerk.SubmitAsync($"/InvoiceActions/Rebill?id={invoice}", [new("Reason", "Wrong delivery address")]);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var draft = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Invoices.Where(i => i.RebillOfId == invoice).Select(i => i.Id).SingleAsync());
        Assert.Equal($"/Invoices/Edit/{draft}", done.Headers.Location!.OriginalString);
        var original = await clerk.GetPageAsync($"/Invoices/Details/{invoice}");
        Assert.Contains("Cancelled and rebilled as", Html.Element(original, "id=\"rebilled-as\""), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cancel-and-rebill\"", original, StringComparison.Ordinal);
        Assert.Contains("EUR 0.00", Html.Rows(original, "amounts").Single(r => r[0] == "Balance")[1], StringComparison.Ordinal);
        Assert.Contains("Rebills invoice INV-R-1", Html.Element(await clerk.GetPageAsync($"/Invoices/Details/{draft}"), "id=\"rebill-of\""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_ranks_overdue_customers_in_the_base_currency()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Ranked Home");
        var today = LedgerSeed.Today(app);
        var dollars = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Dollar Debtor");
        var euros = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Euro Debtor");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, dollars, "INV-USD-1", 1000m, today.AddDays(-60), today.AddDays(-30), currency: "USD");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, euros, "INV-EUR-1", 800m, today.AddDays(-60), today.AddDays(-30));
        await LedgerSeed.WithDbAsync(app, company.TenantId, db =>
        {
            db.ExchangeRates.Add(new ExchangeRate { Id = Guid.CreateVersion7(), Currency = "USD", RateToBase = 0.5m, RateDate = today.AddDays(-1), UpdatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        using var manager = app.NewClient();
        await manager.SignInAsync(company.ManagerEmail, TenantSeed.Password);

        var rows = Html.Rows(await manager.GetPageAsync("/"), "top-overdue");

        Assert.Equal(["Euro Debtor", "Dollar Debtor"], rows.Select(r => r[0]));
        Assert.Equal(["EUR 800.00", "EUR 500.00"], rows.Select(r => r[1]));
    }

    [Fact]
    public async Task The_worklists_open_tasks_come_in_short_pages()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Many Tasks");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Busy Account", "INV-T-1", 500m, 20);
        await LedgerSeed.WithDbAsync(app, company.TenantId, db =>
        {
            for (var i = 1; i <= 20; i++)
            {
                db.CollectionTasks.Add(new CollectionTask
                {
                    Id = Guid.CreateVersion7(),
                    CustomerId = customer,
                    Title = $"Task {i:00}",
                    DueOn = today.AddDays(i),
                    Status = CollectionTaskStatus.Open,
                    Source = "test",
                    SourceKey = $"task-{i}",
                    CreatedAt = DateTimeOffset.UtcNow,
                });
            }

            return db.SaveChangesAsync();
        });
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var first = await clerk.GetPageAsync("/Worklist?all=true");
        var third = await clerk.GetPageAsync("/Worklist?all=true&tp=3");

        Assert.Contains("Task 08", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Task 09", first, StringComparison.Ordinal);
        Assert.Contains("tp=2\" rel=\"next\" id=\"next-tasks\"", first, StringComparison.Ordinal);
        Assert.Contains("Task 17", third, StringComparison.Ordinal);
        Assert.Contains("Task 20", third, StringComparison.Ordinal);
        Assert.DoesNotContain("Task 16", third, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"next-tasks\"", third, StringComparison.Ordinal);
    }
}
