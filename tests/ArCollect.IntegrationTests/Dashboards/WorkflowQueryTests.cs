using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Kpis;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Identity;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// Today is 15 June 2026, base EUR, USD at 0.50. Collectors Cara (Acme) and Dan (Bolt, USD); Cole has none.
///   A-1 Acme 1000 due 1 May, open dispute                                  -> Disputed (overdue)
///   A-2 Acme 500 due 1 Jul, reminded and an open promise on it             -> Promised (promise beats follow-up)
///   A-3 Acme 300 due 20 May, reminded; a kept promise and a done task      -> In follow-up (overdue)
///   A-4 Acme 200 due 30 Jun, a rejected dispute only                       -> Not chased yet
///   A-5 Acme 700 paid in full 3 Jun; A-6 Acme 100 paid in full 20 May      -> A-5 Resolved in June, A-6 not
///   B-1 Bolt USD 2000 due 1 Jun, reminded, an open escalation names it     -> Escalated (EUR 1000, overdue)
///   B-2 Bolt USD 400 due 30 Jun, same customer, not named by an escalation -> Not chased yet (EUR 200)
///   C-1 Cole 250 due 10 Jun, an open promise on Cole's account             -> Promised (overdue)
/// Another tenant's open invoice must not count.
/// </summary>
public sealed class WorkflowQueryTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Workflow GmbH");
        var other = await LedgerBuilder.CreateTenantAsync(db, "Elsewhere Ltd");
        var stranger = await LedgerBuilder.AddCustomerAsync(db, other, "Stranger");
        await LedgerBuilder.AddInvoiceAsync(db, other, stranger.Id, "X-1", 5000m, new(2026, 4, 1), new(2026, 5, 1));

        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        var bolt = await LedgerBuilder.AddCustomerAsync(db, tenant, "Bolt", "USD");
        var cole = await LedgerBuilder.AddCustomerAsync(db, tenant, "Cole");
        var cara = Guid.CreateVersion7();
        var dan = Guid.CreateVersion7();
        await using (var platform = db.WithoutTenant())
        {
            platform.Db.Users.Add(new AppUser { Id = cara, TenantId = tenant, DisplayName = "Cara Collector", Email = "cara@wf.test", UserName = "cara@wf.test" });
            platform.Db.Users.Add(new AppUser { Id = dan, TenantId = tenant, DisplayName = "Dan Collector", Email = "dan@wf.test", UserName = "dan@wf.test" });
            await platform.Db.SaveChangesAsync();
        }

        var a1 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-1", 1000m, new(2026, 4, 1), new(2026, 5, 1));
        var a2 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-2", 500m, new(2026, 6, 1), new(2026, 7, 1));
        var a3 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-3", 300m, new(2026, 4, 20), new(2026, 5, 20));
        var a4 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-4", 200m, new(2026, 5, 31), new(2026, 6, 30));
        var a5 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-5", 700m, new(2026, 5, 1), new(2026, 5, 31));
        var a6 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-6", 100m, new(2026, 4, 1), new(2026, 5, 1));
        var b1 = await LedgerBuilder.AddInvoiceAsync(db, tenant, bolt.Id, "B-1", 2000m, new(2026, 5, 2), new(2026, 6, 1), "USD");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, bolt.Id, "B-2", 400m, new(2026, 5, 31), new(2026, 6, 30), "USD");
        var c1 = await LedgerBuilder.AddInvoiceAsync(db, tenant, cole.Id, "C-1", 250m, new(2026, 5, 11), new(2026, 6, 10));
        await DashboardLedger.PayAsync(db, tenant, a5, 700m, new(2026, 6, 3));
        await DashboardLedger.PayAsync(db, tenant, a6, 100m, new(2026, 5, 20));
        await DashboardLedger.RateAsync(db, tenant, "USD", 0.50m, new(2026, 1, 1));

        await using var scope = db.ForTenant(tenant);
        await scope.Db.Customers.Where(c => c.Id == acme.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CollectorId, cara));
        await scope.Db.Customers.Where(c => c.Id == bolt.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CollectorId, dan));
        var step = new ReminderStep { Id = Guid.CreateVersion7(), OffsetDays = 1, Tone = ReminderTone.Friendly, Actions = StepActions.Email };
        scope.Db.ReminderPolicies.Add(new ReminderPolicy { Id = Guid.CreateVersion7(), Name = "Standard", IsDefault = true, Steps = [step] });
        foreach (var (invoice, customer) in new[] { (a2, acme.Id), (a3, acme.Id), (b1, bolt.Id) })
        {
            scope.Db.ReminderLog.Add(new ReminderLogEntry
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer,
                InvoiceId = invoice.Id,
                StepId = step.Id,
                Tone = ReminderTone.Friendly,
                RunDate = new(2026, 6, 2),
                CreatedAt = db.Time.GetUtcNow(),
            });
        }

        scope.Db.Disputes.Add(Dispute(acme.Id, a1, DisputeStatus.Open));
        scope.Db.Disputes.Add(Dispute(acme.Id, a4, DisputeStatus.Resolved));
        scope.Db.Promises.Add(Promise(acme.Id, a2.Id, PromiseStatus.Open));
        scope.Db.Promises.Add(Promise(acme.Id, a3.Id, PromiseStatus.Kept));
        scope.Db.Promises.Add(Promise(cole.Id, null, PromiseStatus.Open));
        scope.Db.CollectionTasks.Add(Task(bolt.Id, "Escalation", CollectionTaskStatus.Open, $"esc:{Guid.CreateVersion7():N}:{b1.Id:N}"));
        scope.Db.CollectionTasks.Add(Task(acme.Id, "Escalation", CollectionTaskStatus.Done, "esc:acme"));
        scope.Db.CollectionTasks.Add(Task(acme.Id, "Policy", CollectionTaskStatus.Open, "call:acme"));
        await scope.Db.SaveChangesAsync();
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<WorkflowReport> ReportAsync()
    {
        await using var scope = db.ForTenant(tenant);
        var cells = await scope.Services.GetRequiredService<WorkflowQuery>().CellsAsync(new DateOnly(2026, 6, 1), db.Today, CancellationToken.None);
        return WorkflowReport.Build(cells, db.Today, await scope.Db.ConverterAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Each_invoice_falls_in_one_state_by_precedence()
    {
        var report = await ReportAsync();

        Assert.Equal(
            [
                new WorkflowStateRow(WorkflowState.Disputed, 1, 1000m, 1000m),
                new WorkflowStateRow(WorkflowState.Promised, 2, 750m, 250m),
                new WorkflowStateRow(WorkflowState.Escalated, 1, 1000m, 1000m),
                new WorkflowStateRow(WorkflowState.InFollowUp, 1, 300m, 300m),
                new WorkflowStateRow(WorkflowState.NotChased, 2, 400m, 0m),
                new WorkflowStateRow(WorkflowState.Resolved, 1, 0m, 0m),
            ],
            report.States);
        Assert.Empty(report.MissingRates);
    }

    [Fact]
    public async Task An_invoice_with_several_flags_counts_once_in_its_first_state_and_an_escalated_broken_promise_escalates_its_invoice()
    {
        await using (var scope = db.ForTenant(tenant))
        {
            var invoices = await scope.Db.Invoices.ToDictionaryAsync(i => i.Number);
            var step = await scope.Db.ReminderPolicies.SelectMany(p => p.Steps).Select(s => s.Id).SingleAsync();
            // A-1 is disputed; a reminder and an open escalation naming it must not move or double it.
            scope.Db.ReminderLog.Add(new ReminderLogEntry
            {
                Id = Guid.CreateVersion7(),
                CustomerId = invoices["A-1"].CustomerId,
                InvoiceId = invoices["A-1"].Id,
                StepId = step,
                Tone = ReminderTone.Friendly,
                RunDate = new(2026, 6, 2),
                CreatedAt = db.Time.GetUtcNow(),
            });
            scope.Db.CollectionTasks.Add(Task(invoices["A-1"].CustomerId, "Escalation", CollectionTaskStatus.Open, $"esc:{Guid.CreateVersion7():N}:{invoices["A-1"].Id:N}"));
            // An escalation of a broken promise names the promise; the promise's invoice (B-2) is the escalated one.
            var broken = Promise(invoices["B-2"].CustomerId, invoices["B-2"].Id, PromiseStatus.Broken);
            scope.Db.Promises.Add(broken);
            scope.Db.CollectionTasks.Add(Task(invoices["B-2"].CustomerId, "Escalation", CollectionTaskStatus.Open, $"esc:{Guid.CreateVersion7():N}:{broken.Id:N}"));
            await scope.Db.SaveChangesAsync();
        }

        var report = await ReportAsync();

        Assert.Equal(
            [
                new WorkflowStateRow(WorkflowState.Disputed, 1, 1000m, 1000m),
                new WorkflowStateRow(WorkflowState.Promised, 2, 750m, 250m),
                new WorkflowStateRow(WorkflowState.Escalated, 2, 1200m, 1000m),
                new WorkflowStateRow(WorkflowState.InFollowUp, 1, 300m, 300m),
                new WorkflowStateRow(WorkflowState.NotChased, 1, 200m, 0m),
                new WorkflowStateRow(WorkflowState.Resolved, 1, 0m, 0m),
            ],
            report.States);
    }

    [Fact]
    public async Task Collectors_get_open_and_overdue_amounts_and_counts_per_state()
    {
        var report = await ReportAsync();

        Assert.Equal(["Cara Collector", "Dan Collector", "Unassigned"], report.Collectors.Select(c => c.Name));
        var cara = report.Collectors[0];
        Assert.Equal((2000m, 1300m), (cara.Open, cara.Overdue)); // A-1..A-4; overdue A-1 + A-3
        Assert.Equal([1, 1, 0, 1, 1, 1], cara.Counts);
        var dan = report.Collectors[1];
        Assert.Equal((1200m, 1000m), (dan.Open, dan.Overdue)); // USD 2400 x 0.5; overdue B-1
        Assert.Equal([0, 0, 1, 0, 1, 0], dan.Counts);
        var unassigned = report.Collectors[2];
        Assert.Equal((250m, 250m), (unassigned.Open, unassigned.Overdue));
        Assert.Equal([0, 1, 0, 0, 0, 0], unassigned.Counts);
    }

    private Dispute Dispute(Guid customer, Invoice invoice, DisputeStatus status) => new()
    {
        Id = Guid.CreateVersion7(),
        CustomerId = customer,
        InvoiceId = invoice.Id,
        Reason = DisputeReason.PricingError,
        Status = status,
        Amount = invoice.Total,
        OpenedOn = new(2026, 6, 1),
    };

    private PromiseToPay Promise(Guid customer, Guid? invoice, PromiseStatus status) => new()
    {
        Id = Guid.CreateVersion7(),
        CustomerId = customer,
        InvoiceId = invoice,
        PromisedDate = new(2026, 6, 20),
        Amount = 100m,
        Currency = "EUR",
        Status = status,
        CreatedAt = db.Time.GetUtcNow(),
    };

    private CollectionTask Task(Guid customer, string source, CollectionTaskStatus status, string key) => new()
    {
        Id = Guid.CreateVersion7(),
        CustomerId = customer,
        Title = "Follow up",
        DueOn = new(2026, 6, 10),
        Status = status,
        Source = source,
        SourceKey = key,
        CreatedAt = db.Time.GetUtcNow(),
    };
}
