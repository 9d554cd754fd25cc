using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Invoices;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Invoices;

public sealed class InvoiceIssuerTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    // A tenant per test: numbers are per tenant, so tests cannot see each other's counters.
    private async Task<(Guid Tenant, Guid Customer)> NewLedgerAsync()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Numbering GmbH");
        return (tenant, (await LedgerBuilder.AddCustomerAsync(db, tenant, "Steady Buyer")).Id);
    }

    [Fact]
    public async Task Fifty_concurrent_issues_get_fifty_distinct_consecutive_numbers()
    {
        var (tenant, customer) = await NewLedgerAsync();
        var drafts = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            drafts.Add((await InvoicingBuilder.AddDraftAsync(db, tenant, customer, 100m + i, new DateOnly(2026, 6, 1))).Id);
        }

        var results = await Task.WhenAll(drafts.Select(async id =>
        {
            await using var scope = db.ForTenant(tenant);
            return await scope.Services.GetRequiredService<InvoiceIssuer>().IssueAsync(id, CancellationToken.None);
        }));

        Assert.All(results, r => Assert.True(r.Succeeded));
        var numbers = results.Select(r => r.Invoice!.Number).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(n => $"INV-2026-{n:00000}"), numbers);
    }

    [Fact]
    public async Task A_draft_that_fails_its_checks_uses_no_number()
    {
        var (tenant, customer) = await NewLedgerAsync();
        var noEmail = await LedgerBuilder.AddCustomerAsync(db, tenant, "Silent Co");
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Contacts.Where(c => c.CustomerId == noEmail.Id).ExecuteDeleteAsync();
        }

        var blocked = await InvoicingBuilder.AddDraftAsync(db, tenant, noEmail.Id, 50m, new DateOnly(2026, 6, 1));
        await using (var scope = db.ForTenant(tenant))
        {
            var result = await scope.Services.GetRequiredService<InvoiceIssuer>().IssueAsync(blocked.Id, CancellationToken.None);
            Assert.False(result.Succeeded);
            Assert.Contains(result.Report.Errors, e => e.Field == "Customer.Email");
        }

        var issued = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 80m, new DateOnly(2026, 6, 2));

        Assert.Equal("INV-2026-00001", issued.Number);
        await using var check = db.ForTenant(tenant);
        var stillDraft = await check.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == blocked.Id);
        Assert.Equal(InvoiceState.Draft, stillDraft.State);
    }

    [Fact]
    public async Task Tenant_pattern_numbers_per_year_and_starts_again_in_a_new_year()
    {
        var (tenant, customer) = await NewLedgerAsync();
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s => s.NumberPattern = "AC/{yy}/{seq:000}");

        var first = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 10m, new DateOnly(2026, 12, 30));
        var second = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 20m, new DateOnly(2026, 12, 31));
        var nextYear = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 30m, new DateOnly(2027, 1, 2));

        Assert.Equal(["AC/26/001", "AC/26/002", "AC/27/001"], new[] { first.Number, second.Number, nextYear.Number });
    }

    [Fact]
    public async Task Drafts_are_not_receivables_until_issued()
    {
        var (tenant, customer) = await NewLedgerAsync();
        var draft = await InvoicingBuilder.AddDraftAsync(db, tenant, customer, 500m, new DateOnly(2026, 5, 1), terms: "Net 14");
        await using var scope = db.ForTenant(tenant);

        var open = await scope.Db.Invoices.AsNoTracking().Where(i => i.Balance > 0).CountAsync();
        var loaded = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == draft.Id);

        Assert.Equal(0, open);
        Assert.Equal(0m, loaded.Balance);
        Assert.Equal(new DateOnly(2026, 5, 15), loaded.DueDate);
        Assert.Equal(InvoiceStatus.Draft, loaded.StatusOn(db.Today));
        Assert.StartsWith(InvoiceIssuer.DraftPrefix, loaded.Number, StringComparison.Ordinal);

        var result = await scope.Services.GetRequiredService<InvoiceIssuer>().IssueAsync(draft.Id, CancellationToken.None);
        var issued = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == draft.Id);
        Assert.True(result.Succeeded);
        Assert.Equal(500m, issued.Balance);
        Assert.Equal(InvoiceStatus.Overdue, issued.StatusOn(db.Today));
        Assert.Equal(1, await scope.Db.Invoices.AsNoTracking().Where(InvoiceStatusRules.Is(InvoiceStatus.Overdue, db.Today)).CountAsync());
    }

    [Fact]
    public async Task Issuing_twice_is_refused_and_keeps_the_first_number()
    {
        var (tenant, customer) = await NewLedgerAsync();
        var issued = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 70m, new DateOnly(2026, 6, 3));
        await using var scope = db.ForTenant(tenant);

        var again = await scope.Services.GetRequiredService<InvoiceIssuer>().IssueAsync(issued.Id, CancellationToken.None);

        Assert.False(again.Succeeded);
        Assert.Contains("already issued", again.Report.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(issued.Number, (await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == issued.Id)).Number);
    }
}
