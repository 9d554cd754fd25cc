using System.Net;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Dunning;

public sealed class WorklistAndOutboxTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<T> InTenantAsync<T>(Guid tenantId, Func<ArCollectDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await work(scope.ServiceProvider.GetRequiredService<ArCollectDbContext>());
    }

    [Fact]
    public async Task Worklist_puts_the_larger_older_debt_first()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Worklist Order");
        await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Small Recent", "S-1", 100m, 5);
        await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Big Old", "B-1", 2000m, 40);
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var page = await client.GetPageAsync("/Worklist");

        Assert.True(page.IndexOf("Big Old", StringComparison.Ordinal) < page.IndexOf("Small Recent", StringComparison.Ordinal));
        Assert.Contains("EUR 2,000.00", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worklist_weighs_debt_by_the_models_probability_of_paying_late()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Worklist Risk");
        // Reliable: 1,000 x 20 days x 0.10 = 2,000. Risky: 600 x 20 days x 0.90 = 10,800, so Risky comes first
        // although it owes less; without scores Reliable (1,000 x 20) would lead.
        var reliable = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Reliable Payer", "R-1", 1000m, 20);
        var risky = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Risky Payer", "K-1", 600m, 20);
        await InTenantAsync(company.TenantId, async db =>
        {
            db.CustomerScores.Add(new CustomerScore { CustomerId = reliable, ProbabilityLate = 0.10, ExpectedDaysLate = 1, Band = RiskBand.Low, OpenInvoices = 1, Reasons = "pays on time", ModelVersion = 1, ScoredAt = DateTimeOffset.UtcNow });
            db.CustomerScores.Add(new CustomerScore { CustomerId = risky, ProbabilityLate = 0.90, ExpectedDaysLate = 30, Band = RiskBand.High, OpenInvoices = 1, Reasons = "pays late", ModelVersion = 1, ScoredAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var page = await client.GetPageAsync("/Worklist");

        Assert.True(page.IndexOf("Risky Payer", StringComparison.Ordinal) < page.IndexOf("Reliable Payer", StringComparison.Ordinal));
        Assert.Contains("High (90", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clerk_records_a_promise_to_pay_and_the_reminders_pause()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Worklist Promise");
        var customerId = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Promising Ltd", "P-1", 500m, 8);
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var promisedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await client.SubmitAsync("/Worklist?handler=Promise",
            [new("Promise.CustomerId", customerId.ToString()), new("Promise.Date", promisedOn), new("Promise.Amount", "500")], formPage: "/Worklist");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode); // redirect after post: a refresh does not resubmit
        var page = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Promise recorded for Promising Ltd.", page, StringComparison.Ordinal);
        Assert.Contains("Wait: promised EUR 500.00", page, StringComparison.Ordinal); // the row's next action follows the promise
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderRunJob>().RunAsync(company.TenantId, CancellationToken.None);
        var (promises, reminders) = await InTenantAsync(company.TenantId, async db =>
            (await db.Promises.CountAsync(p => p.Status == PromiseStatus.Open), await db.OutboxMessages.CountAsync()));
        Assert.Equal((1, 0), (promises, reminders));
    }

    [Fact]
    public async Task Promise_without_an_amount_names_the_field()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Worklist Invalid");
        var customerId = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Vague Ltd", "V-1", 500m, 8);
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await client.SubmitAsync("/Worklist?handler=Promise",
            [new("Promise.CustomerId", customerId.ToString()), new("Promise.Date", "2999-01-01"), new("Promise.Amount", "")], formPage: "/Worklist");

        Assert.Contains("Enter the promised amount.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await InTenantAsync(company.TenantId, db => db.Promises.CountAsync()));
    }

    [Fact]
    public async Task Outbox_shows_the_run_and_another_company_cannot_open_its_messages()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Outbox Co");
        var other = await TenantSeed.CreateCompanyAsync(app, "Outbox Other");
        await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Late Payer GmbH", "L-1", 750m, 8);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderRunJob>().RunAsync(company.TenantId, CancellationToken.None);
        }

        var messageId = await InTenantAsync(company.TenantId, db => db.OutboxMessages.Select(m => m.Id).SingleAsync());
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var list = await client.GetPageAsync("/Outbox");
        var message = await client.GetPageAsync($"/Outbox/Message?id={messageId}");

        Assert.Contains("Overdue invoices: please pay now (Outbox Co)", list, StringComparison.Ordinal);
        Assert.Contains("L-1, due", message, StringComparison.Ordinal);
        Assert.Contains("sandbox=\"\"", message, StringComparison.Ordinal);
        using var intruder = app.NewClient();
        await intruder.SignInAsync(other.AdminEmail, TenantSeed.Password);
        using var denied = await intruder.GetAsync($"/Outbox/Message?id={messageId}");
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
    }

    [Fact]
    public async Task Clerks_cannot_open_the_template_editor()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Template Guard");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await client.GetAsync("/Settings/Templates");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task My_accounts_are_the_default_and_all_accounts_a_toggle()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Worklist Mine");
        var mine = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Mine Ltd", "M-1", 100m, 10);
        var theirs = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Theirs Ltd", "T-1", 5000m, 60);
        var clerk = await TenantSeed.UserIdAsync(app, company.ClerkEmail);
        var manager = await TenantSeed.UserIdAsync(app, company.ManagerEmail);
        await InTenantAsync(company.TenantId, async db =>
            await db.Customers.Where(c => c.Id == mine).ExecuteUpdateAsync(s => s.SetProperty(c => c.CollectorId, clerk))
            + await db.Customers.Where(c => c.Id == theirs).ExecuteUpdateAsync(s => s.SetProperty(c => c.CollectorId, manager)));
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var own = await client.GetPageAsync("/Worklist");
        var all = await client.GetPageAsync("/Worklist?all=true");

        Assert.Contains("Mine Ltd", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Theirs Ltd", own, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Customers/Details/{mine}\"", own, StringComparison.Ordinal);
        Assert.True(all.IndexOf("Theirs Ltd", StringComparison.Ordinal) < all.IndexOf("Mine Ltd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snoozed_account_leaves_the_worklist()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Worklist Snooze");
        var customerId = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Sleepy Ltd", "Z-1", 300m, 12);
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        Assert.Contains("Sleepy Ltd", await client.GetPageAsync("/Worklist"), StringComparison.Ordinal);

        using var response = await client.SubmitAsync("/Worklist?handler=Snooze", [new("customerId", customerId.ToString()), new("days", "7")], formPage: "/Worklist");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Sleepy Ltd", await client.GetPageAsync("/Worklist"), StringComparison.Ordinal);
    }
}
