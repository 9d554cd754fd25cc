using ArCollect.Domain.Activities;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Invoices;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Invoices;

public sealed class WriteOffApprovalsTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private readonly Guid clerk = Guid.CreateVersion7();
    private readonly Guid manager = Guid.CreateVersion7();
    private Guid tenant;
    private Guid customer;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Approve AG");
        customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Slow Payer")).Id;
        await using var scope = db.ForTenant(tenant);
        scope.Db.CurrencySettings.Add(new CurrencySettings { Currency = "EUR", WriteOffLimit = 500m });
        scope.Db.CurrencySettings.Add(new CurrencySettings { Currency = "USD", WriteOffLimit = 5000m });
        await scope.Db.SaveChangesAsync();
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<AdjustmentResult> WriteOffAsync(Guid invoiceId, decimal? amount, bool asManager = false)
    {
        await using var scope = db.ForTenant(tenant, asManager ? manager : clerk);
        var input = new AdjustmentInput { InvoiceId = invoiceId, Amount = amount, Reason = "Customer insolvent", Date = db.Today };
        return await scope.Services.GetRequiredService<InvoiceAdjustments>().WriteOffAsync(input, asManager, CancellationToken.None);
    }

    private async Task<WriteOffDecision> DecideAsync(Guid requestId, bool approve, string? reason)
    {
        await using var scope = db.ForTenant(tenant, manager);
        var approvals = scope.Services.GetRequiredService<WriteOffApprovals>();
        return approve ? await approvals.ApproveAsync(requestId, reason, CancellationToken.None) : await approvals.RejectAsync(requestId, reason, CancellationToken.None);
    }

    [Fact]
    public async Task A_clerks_write_off_above_the_limit_waits_and_only_the_managers_approval_writes_it_off()
    {
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 900m, new DateOnly(2026, 3, 1));

        var asked = await WriteOffAsync(invoice.Id, null);

        Assert.True(asked.IsPending);
        Assert.Equal(("EUR", 500m, 900m), (asked.Currency, asked.Limit!.Value, asked.Amount));
        await using (var scope = db.ForTenant(tenant))
        {
            Assert.Equal(900m, await scope.Db.Invoices.Where(i => i.Id == invoice.Id).Select(i => i.Balance).SingleAsync());
            Assert.False(await scope.Db.WriteOffs.AnyAsync());
            var request = await scope.Db.WriteOffRequests.SingleAsync();
            Assert.Equal((WriteOffRequestStatus.Pending, clerk), (request.Status, request.RequestedBy!.Value));
            Assert.Equal(1, await scope.Services.GetRequiredService<WriteOffApprovals>().PendingCountAsync(CancellationToken.None));
            Assert.Contains(await scope.Db.Activities.Select(a => a.Summary).ToListAsync(),
                s => s.Contains("EUR 900.00", StringComparison.Ordinal) && s.Contains("limit of EUR 500.00", StringComparison.Ordinal));
            Assert.Equal(1, await scope.Db.AuditEntries.CountAsync(a => a.EntityType == nameof(WriteOffRequest) && a.Action == "Added"));
        }

        db.Time.Advance(TimeSpan.FromDays(2));
        var approved = await DecideAsync(asked.PendingRequestId!.Value, approve: true, "Insolvency filed, claim registered");

        Assert.True(approved.Succeeded);
        await using (var scope = db.ForTenant(tenant))
        {
            var writeOff = await scope.Db.WriteOffs.SingleAsync();
            Assert.Equal((900m, "EUR", db.Today, manager), (writeOff.Amount, writeOff.Currency, writeOff.WrittenOffOn, writeOff.UserId!.Value));
            var request = await scope.Db.WriteOffRequests.SingleAsync();
            Assert.Equal((WriteOffRequestStatus.Approved, manager, writeOff.Id), (request.Status, request.DecidedBy!.Value, request.WriteOffId!.Value));
            Assert.Equal("Insolvency filed, claim registered", request.DecisionReason);
            Assert.Equal(0m, await scope.Db.Invoices.Where(i => i.Id == invoice.Id).Select(i => i.Balance).SingleAsync());
            Assert.Equal(1, await scope.Db.AuditEntries.CountAsync(a => a.EntityType == nameof(WriteOffRequest) && a.Action == "Modified"));
            Assert.Equal(0, await scope.Services.GetRequiredService<WriteOffApprovals>().PendingCountAsync(CancellationToken.None));
            // The write-off is in the daily facts on the day of the approval.
            Assert.Equal(900m, await scope.Db.LedgerDailyFacts.Where(f => f.Day == db.Today).SumAsync(f => f.WriteOffs));
            Assert.Empty(await scope.Services.GetRequiredService<LedgerFactsCheck>().RunAsync(CancellationToken.None));
        }

        var again = await DecideAsync(asked.PendingRequestId!.Value, approve: false, "Changed my mind");
        Assert.Contains("already approved", again.Errors.Single().Message, StringComparison.Ordinal);
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_writes_nothing_off()
    {
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 700m, new DateOnly(2026, 3, 1));
        var asked = await WriteOffAsync(invoice.Id, 600m);

        var noReason = await DecideAsync(asked.PendingRequestId!.Value, approve: false, "  ");
        var rejected = await DecideAsync(asked.PendingRequestId!.Value, approve: false, "Chase again first");

        Assert.Equal("Reason", noReason.Errors.Single().Field);
        Assert.True(rejected.Succeeded);
        await using var scope = db.ForTenant(tenant);
        Assert.False(await scope.Db.WriteOffs.AnyAsync());
        Assert.Equal(700m, await scope.Db.Invoices.Where(i => i.Id == invoice.Id).Select(i => i.Balance).SingleAsync());
        Assert.Equal((WriteOffRequestStatus.Rejected, "Chase again first"),
            await scope.Db.WriteOffRequests.Select(r => new ValueTuple<WriteOffRequestStatus, string?>(r.Status, r.DecisionReason)).SingleAsync());
        Assert.Contains(await scope.Db.Activities.Where(a => a.Type == ActivityType.Invoice).Select(a => a.Summary).ToListAsync(),
            s => s.Contains("EUR 600.00", StringComparison.Ordinal) && s.Contains("rejected: Chase again first", StringComparison.Ordinal));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task The_limit_is_per_currency_and_managers_and_amounts_within_it_need_no_approval()
    {
        var usd = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 900m, new DateOnly(2026, 3, 1), currency: "USD");
        var small = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 400m, new DateOnly(2026, 3, 2));
        var large = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 2000m, new DateOnly(2026, 3, 3));

        var underUsdLimit = await WriteOffAsync(usd.Id, null);
        var underEurLimit = await WriteOffAsync(small.Id, null);
        var byManager = await WriteOffAsync(large.Id, null, asManager: true);

        Assert.All([underUsdLimit, underEurLimit, byManager], r => Assert.False(r.IsPending));
        Assert.All([underUsdLimit, underEurLimit, byManager], r => Assert.True(r.Succeeded));
        await using var scope = db.ForTenant(tenant);
        Assert.Equal(3, await scope.Db.WriteOffs.CountAsync());
        Assert.False(await scope.Db.WriteOffRequests.AnyAsync());
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task An_approval_that_no_longer_fits_the_open_balance_is_refused_and_the_request_stays_pending()
    {
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, new DateOnly(2026, 3, 1));
        var asked = await WriteOffAsync(invoice.Id, 800m);
        await using (var scope = db.ForTenant(tenant, manager))
        {
            var credit = await scope.Services.GetRequiredService<InvoiceAdjustments>().CreditAsync(
                new AdjustmentInput { InvoiceId = invoice.Id, Amount = 500m, Reason = "Goods returned", Date = db.Today }, CancellationToken.None);
            Assert.True(credit.Succeeded);
        }

        var approved = await DecideAsync(asked.PendingRequestId!.Value, approve: true, "Bad debt");

        Assert.Contains("at most EUR 500.00", approved.Errors.Single().Message, StringComparison.Ordinal);
        await using var check = db.ForTenant(tenant);
        Assert.Equal(WriteOffRequestStatus.Pending, await check.Db.WriteOffRequests.Select(r => r.Status).SingleAsync());
        Assert.False(await check.Db.WriteOffs.AnyAsync());
        await LedgerAssert.ConsistentAsync(db, tenant);
    }
}
