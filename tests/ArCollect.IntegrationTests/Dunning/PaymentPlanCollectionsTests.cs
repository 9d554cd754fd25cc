using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.PaymentPlans;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Forecasting;
using ArCollect.Infrastructure.PaymentPlans;
using ArCollect.Infrastructure.Payments;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Dunning;

/// <summary>
/// Payment plans against the reminder run on the test clock (Monday 15 June 2026): reminders follow instalment dates,
/// money counts toward instalments in order, a missed instalment breaches the plan after the grace days.
/// Acme owes INV-1 (100.00, due 7 June) and INV-2 (200.00, due 12 June); the plan is 3 x 100.00 from 22 June, so INV-1
/// falls due on 22 June and INV-2 on 22 August under the plan.
/// </summary>
public sealed class PaymentPlanCollectionsTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid acme;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Northwind Supplies");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        acme = customer.Id;
        await AddOverdueAsync(db, tenant, customer, "INV-1", 8, 100m);
        await AddOverdueAsync(db, tenant, customer, "INV-2", 3, 200m);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Reminders_follow_the_instalment_dates_instead_of_the_invoices_due_dates()
    {
        var plan = await PlanAsync(3, new DateOnly(2026, 6, 22));
        Assert.Equal(PaymentPlanStatus.Active, plan.Status);

        // Both invoices are overdue by their own dates, but nothing is due under the plan today.
        await RunAsync(db, tenant);
        Assert.Empty(await OutboxAsync(db, tenant));

        // 19 June is three days before the first instalment: the policy's friendly step, for INV-1 only.
        db.Time.Advance(TimeSpan.FromDays(4));
        await RunAsync(db, tenant);
        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Contains("INV-1", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("INV-2", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_instalment_gets_its_reminder_asking_for_the_instalment_by_its_date_not_the_invoice_open_amount()
    {
        await PlanAsync(3, new DateOnly(2026, 6, 22));
        db.Time.Advance(TimeSpan.FromDays(4));
        await RunAsync(db, tenant);
        var first = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Contains("instalment 1 of 3 is due: EUR 100.00 by", first.TextBody, StringComparison.Ordinal);

        // Instalment 1 paid; INV-2 (200.00) is paid off by instalments 2 and 3.
        await using (var pay = db.ForTenant(tenant))
        {
            Assert.True((await pay.Services.GetRequiredService<PaymentRecorder>().RecordAsync(new RecordPaymentInput
            {
                CustomerId = acme,
                Amount = 100m,
                Currency = "EUR",
                ReceivedOn = db.Today,
                Reference = "PLAN-1",
            }, CancellationToken.None)).Succeeded);
        }

        // 19 July, three days before instalment 2: INV-2 is reminded for its share of that instalment, by its date.
        db.Time.Advance(TimeSpan.FromDays(30));
        await RunAsync(db, tenant);
        var second = (await OutboxAsync(db, tenant))[^1];
        Assert.NotEqual(first.Id, second.Id);
        Assert.Contains("INV-2", second.TextBody, StringComparison.Ordinal);
        Assert.Contains("instalment 2 of 3 is due: EUR 100.00 by", second.TextBody, StringComparison.Ordinal);
        Assert.Contains("EUR 100.00", second.HtmlBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("200.00", second.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("200.00", second.HtmlBody!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missed_instalment_after_the_grace_days_breaches_the_plan_alerts_a_manager_and_resumes_reminders()
    {
        var plan = await PlanAsync(3, new DateOnly(2026, 6, 22));

        // Grace is 5 days: on 27 June the unpaid first instalment is still within it.
        db.Time.Advance(TimeSpan.FromDays(12));
        await RunAsync(db, tenant);
        Assert.Equal(PaymentPlanStatus.Active, await StatusAsync(plan.Id));

        db.Time.Advance(TimeSpan.FromDays(1));
        await RunAsync(db, tenant);

        Assert.Equal(PaymentPlanStatus.Breached, await StatusAsync(plan.Id));
        await using var scope = db.ForTenant(tenant);
        var entry = await scope.Db.Activities.AsNoTracking().SingleAsync(a => a.Type == ActivityType.PaymentPlan && a.Summary.StartsWith("Payment plan breached"));
        Assert.Equal("Payment plan breached: instalment 1 of 3 (EUR 100.00 open) was due 2026-06-22 and is unpaid after 5 days of grace; reminders resume", entry.Summary);
        var task = (await TasksAsync(db, tenant)).Single(t => t.Title == "Acme: payment plan breached");
        Assert.Equal(TaskAssignee.Manager, task.Assignee);
        // The policy resumes on the original due dates: INV-2 (due 12 June) is chased again.
        var last = (await OutboxAsync(db, tenant))[^1];
        Assert.Contains("INV-2", last.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payments_on_planned_invoices_count_toward_the_instalments_in_order()
    {
        var plan = await PlanAsync(3, new DateOnly(2026, 6, 22));
        db.Time.Advance(TimeSpan.FromDays(5));
        await using (var pay = db.ForTenant(tenant))
        {
            var result = await pay.Services.GetRequiredService<PaymentRecorder>().RecordAsync(new RecordPaymentInput
            {
                CustomerId = acme,
                Amount = 150m,
                Currency = "EUR",
                ReceivedOn = db.Today,
                Reference = "PLAN-1",
            }, CancellationToken.None);
            Assert.True(result.Succeeded);
        }

        // 150.00 pays instalment 1 (100.00) and half of instalment 2 (due 22 July); 1 July is no breach.
        db.Time.Advance(TimeSpan.FromDays(11));
        await RunAsync(db, tenant);
        Assert.Equal(PaymentPlanStatus.Active, await StatusAsync(plan.Id));
        await using var scope = db.ForTenant(tenant);
        var summary = Assert.Single(await Service(scope).ForCustomerAsync(acme, CancellationToken.None));
        Assert.Equal(1, summary.Standing.Covered);
        var next = summary.NextInstalment!.Value;
        Assert.Equal((2, new DateOnly(2026, 7, 22), 50.00m), (next.Instalment.Number, next.Instalment.DueDate, next.Outstanding));
    }

    [Fact]
    public async Task The_cash_forecast_expects_a_planned_invoice_on_each_instalment_that_carries_it_not_all_on_the_last()
    {
        await PlanAsync(3, new DateOnly(2026, 6, 22));

        await using var scope = db.ForTenant(tenant);
        var numbers = await scope.Db.Invoices.ToDictionaryAsync(i => i.Id, i => i.Number);
        var view = await scope.Services.GetRequiredService<ForecastService>().ComputeAsync(CancellationToken.None);
        var expected = view.Receipts.OrderBy(r => r.PredictedDate)
            .Select(r => (numbers[r.InvoiceId], r.PredictedDate, r.Amount)).ToList();

        // INV-1 (100.00) is instalment 1; INV-2 (200.00) is instalments 2 and 3, a month apart.
        Assert.Equal(
            [("INV-1", new DateOnly(2026, 6, 22), 100.00m), ("INV-2", new DateOnly(2026, 7, 22), 100.00m), ("INV-2", new DateOnly(2026, 8, 22), 100.00m)],
            expected);
    }

    [Fact]
    public async Task A_plan_outside_the_rules_waits_for_a_manager_and_reminders_go_on_until_it_is_approved()
    {
        await using (var settings = db.ForTenant(tenant))
        {
            settings.Db.PaymentPlanCurrencyRules.Add(new PaymentPlanCurrencyRule { Id = Guid.CreateVersion7(), Currency = "EUR", MinInstalment = 120m });
            await settings.Db.SaveChangesAsync();
        }

        var plan = await PlanAsync(3, new DateOnly(2026, 6, 22));

        Assert.Equal(PaymentPlanStatus.Pending, plan.Status);
        Assert.Equal("an instalment of EUR 100.00 is below the minimum of EUR 120.00", plan.OutsideRules);
        Assert.Contains(await TasksAsync(db, tenant), t => t.Title == "Decide on Acme's payment plan request" && t.Assignee == TaskAssignee.Manager);
        await RunAsync(db, tenant);
        Assert.Single(await OutboxAsync(db, tenant));

        await using var decide = db.ForTenant(tenant);
        var refused = await Service(decide).DecideAsync(plan.Id, new PaymentPlanDecisionInput { Approve = false, Reason = " " }, CancellationToken.None);
        Assert.Equal(("Reason", "Give the reason for rejecting the plan."), refused.Errors.Single());
        var approved = await Service(decide).DecideAsync(plan.Id, new PaymentPlanDecisionInput { Approve = true }, CancellationToken.None);
        Assert.True(approved.Succeeded);
        Assert.Equal(PaymentPlanStatus.Active, await StatusAsync(plan.Id));
    }

    [Fact]
    public async Task Another_tenant_cannot_read_or_change_payment_plans()
    {
        var plan = await PlanAsync(3, new DateOnly(2026, 6, 22));
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other Co");

        await using var scope = db.ForTenant(other);
        Assert.Equal(0, await scope.Db.PaymentPlans.CountAsync());
        Assert.Equal(0, await scope.Db.PaymentPlanInstalments.CountAsync());
        Assert.Equal(0, await scope.Db.PaymentPlanInvoices.CountAsync());
        // Row-level security holds for raw SQL too, even when it names the other tenant.
        Assert.Equal(0, await scope.Db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM payment_plans WHERE tenant_id = {tenant}").SingleAsync());
        Assert.Equal(0, await scope.Db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM payment_plan_instalments WHERE tenant_id = {tenant}").SingleAsync());
        Assert.Equal(0, await scope.Db.Database.ExecuteSqlAsync($"UPDATE payment_plans SET status = 'Rejected' WHERE tenant_id = {tenant} AND id = {plan.Id}"));
        Assert.Equal(PaymentPlanStatus.Active, await StatusAsync(plan.Id));
    }

    private async Task<PaymentPlan> PlanAsync(int instalments, DateOnly first)
    {
        await using var scope = db.ForTenant(tenant);
        var result = await Service(scope).CreateAsync(acme, "EUR", new PaymentPlanRequestInput { Instalments = instalments, FirstDate = first }, PlanSources.Portal, byManager: false, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Plan!;
    }

    private async Task<PaymentPlanStatus> StatusAsync(Guid planId)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.PaymentPlans.Where(p => p.Id == planId).Select(p => p.Status).SingleAsync();
    }

    private PaymentPlanService Service(TenantScope scope) =>
        new(scope.Db, scope.Services.GetRequiredService<TenantContext>(), db.Time);
}
