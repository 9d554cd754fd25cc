using ArCollect.Domain.Dunning;
using static ArCollect.Domain.Tests.Dunning.DunningFixtures;

namespace ArCollect.Domain.Tests.Dunning;

public class EscalationEvaluatorTests
{
    private static EscalationRule Rule(EscalationKind kind, int threshold, TaskAssignee assignee = TaskAssignee.Collector) =>
        new() { Id = Guid.NewGuid(), Kind = kind, Threshold = threshold, Assignee = assignee };

    private static IReadOnlyList<Escalation> Evaluate(
        EscalationRule rule, DunningCustomer? customer = null, DunningInvoice[]? invoices = null,
        DunningPromise[]? broken = null, int silentReminders = 0, DateOnly? lastResponse = null) =>
        EscalationEvaluator.Evaluate([rule], new EscalationFacts(customer ?? Customer(), invoices ?? [], broken ?? [], silentReminders, lastResponse), RunDate);

    [Fact]
    public void Days_overdue_fires_at_the_threshold_on_the_oldest_invoice()
    {
        var rule = Rule(EscalationKind.DaysOverdue, 45);
        var oldest = Invoice("INV-1", 45);

        var hit = Assert.Single(Evaluate(rule, invoices: [Invoice("INV-2", 50, disputed: true), oldest, Invoice("INV-3", 10)]));

        Assert.Equal($"esc:{rule.Id:N}:{oldest.Id:N}", hit.SourceKey);
        Assert.Equal("Acme GmbH: invoice INV-1 is 45 days overdue", hit.Title);
        Assert.Equal(TaskAssignee.Collector, hit.Assignee);
    }

    [Fact]
    public void Days_overdue_does_not_fire_a_day_early()
    {
        Assert.Empty(Evaluate(Rule(EscalationKind.DaysOverdue, 45), invoices: [Invoice("INV-1", 44)]));
    }

    [Fact]
    public void Days_overdue_ignores_disputed_invoices()
    {
        Assert.Empty(Evaluate(Rule(EscalationKind.DaysOverdue, 45), invoices: [Invoice("INV-1", 90, disputed: true)]));
    }

    [Fact]
    public void No_response_fires_after_n_reminders_and_is_keyed_by_the_last_response()
    {
        var rule = Rule(EscalationKind.NoResponseAfterReminders, 2);
        var customer = Customer();

        var hit = Assert.Single(Evaluate(rule, customer, silentReminders: 2, lastResponse: new DateOnly(2026, 1, 5)));

        Assert.Equal($"esc:{rule.Id:N}:{customer.Id:N}:2026-01-05", hit.SourceKey);
        Assert.Equal("Acme GmbH: no response after 2 reminders", hit.Title);
    }

    [Fact]
    public void One_reminder_without_response_is_not_yet_an_escalation()
    {
        Assert.Empty(Evaluate(Rule(EscalationKind.NoResponseAfterReminders, 2), silentReminders: 1));
    }

    [Fact]
    public void Each_broken_promise_gets_its_own_escalation()
    {
        var rule = Rule(EscalationKind.PromiseBroken, 0);
        var p1 = new DunningPromise(Guid.NewGuid(), null, RunDate.AddDays(-2), 300m, PromiseStatus.Broken);
        var p2 = new DunningPromise(Guid.NewGuid(), null, RunDate.AddDays(-1), 200m, PromiseStatus.Broken);

        var hits = Evaluate(rule, broken: [p1, p2]);

        Assert.Equal([$"esc:{rule.Id:N}:{p1.Id:N}", $"esc:{rule.Id:N}:{p2.Id:N}"], hits.Select(h => h.SourceKey));
        Assert.Equal("Acme GmbH: promise to pay by 2026-03-14 was broken", hits[0].Title);
    }

    [Fact]
    public void Key_account_past_the_aging_threshold_goes_to_the_manager()
    {
        var rule = Rule(EscalationKind.KeyAccountPastAging, 30, TaskAssignee.Manager);

        var hit = Assert.Single(Evaluate(rule, Customer(keyAccount: true), invoices: [Invoice("INV-7", 31)]));

        Assert.Equal(TaskAssignee.Manager, hit.Assignee);
        Assert.Equal("Key account Acme GmbH: invoice INV-7 is 31 days overdue", hit.Title);
    }

    [Fact]
    public void Ordinary_account_past_the_same_age_is_not_a_key_account_escalation()
    {
        Assert.Empty(Evaluate(Rule(EscalationKind.KeyAccountPastAging, 30), Customer(keyAccount: false), invoices: [Invoice("INV-7", 60)]));
    }

    [Fact]
    public void Inactive_rules_never_fire()
    {
        var rule = Rule(EscalationKind.DaysOverdue, 1);
        rule.IsActive = false;

        Assert.Empty(Evaluate(rule, invoices: [Invoice("INV-1", 100)]));
    }
}
