using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dunning;

public enum EscalationKind
{
    /// <summary>An invoice is at least <see cref="EscalationRule.Threshold"/> days overdue.</summary>
    DaysOverdue,

    /// <summary>At least <see cref="EscalationRule.Threshold"/> reminders went out since the customer last responded.</summary>
    NoResponseAfterReminders,

    /// <summary>A promise to pay passed its date unpaid (threshold unused).</summary>
    PromiseBroken,

    /// <summary>A key account has an invoice at least <see cref="EscalationRule.Threshold"/> days overdue.</summary>
    KeyAccountPastAging,
}

/// <summary>A tenant's escalation trigger and who gets the task; managers also get an alert email.</summary>
public class EscalationRule : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public EscalationKind Kind { get; set; }
    public int Threshold { get; set; }
    public TaskAssignee Assignee { get; set; }
    public bool IsActive { get; set; } = true;

    public static IReadOnlyList<EscalationRule> Defaults(Guid tenantId) =>
    [
        new() { Id = Guid.CreateVersion7(), TenantId = tenantId, Kind = EscalationKind.DaysOverdue, Threshold = 45, Assignee = TaskAssignee.Collector },
        new() { Id = Guid.CreateVersion7(), TenantId = tenantId, Kind = EscalationKind.NoResponseAfterReminders, Threshold = 2, Assignee = TaskAssignee.Collector },
        new() { Id = Guid.CreateVersion7(), TenantId = tenantId, Kind = EscalationKind.PromiseBroken, Threshold = 0, Assignee = TaskAssignee.Collector },
        new() { Id = Guid.CreateVersion7(), TenantId = tenantId, Kind = EscalationKind.KeyAccountPastAging, Threshold = 30, Assignee = TaskAssignee.Manager },
    ];
}

/// <summary>What the escalation rules look at for one customer on one run date.</summary>
public sealed record EscalationFacts(
    DunningCustomer Customer,
    IReadOnlyList<DunningInvoice> OpenInvoices,
    IReadOnlyList<DunningPromise> BrokenPromises,
    int RemindersSinceLastResponse,
    DateOnly? LastResponseOn);

/// <summary>A rule that fired; <see cref="SourceKey"/> makes the task it creates idempotent.</summary>
public sealed record Escalation(EscalationKind Kind, TaskAssignee Assignee, string SourceKey, string Title, string Reason);

public static class EscalationEvaluator
{
    public static IReadOnlyList<Escalation> Evaluate(IReadOnlyList<EscalationRule> rules, EscalationFacts facts, DateOnly runDate)
    {
        var hits = new List<Escalation>();
        var name = facts.Customer.Name;

        // The disputed part of an invoice is someone else's work (the dispute owner) and does not escalate collections.
        var oldest = facts.OpenInvoices.Where(i => i.ChaseableAmount > 0m)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number, StringComparer.Ordinal).FirstOrDefault();
        var oldestDays = oldest?.DaysOverdueOn(runDate) ?? 0;
        foreach (var rule in rules.Where(r => r.IsActive))
        {
            switch (rule.Kind)
            {
                case EscalationKind.DaysOverdue when oldest is not null && oldestDays >= rule.Threshold:
                    hits.Add(new(rule.Kind, rule.Assignee, $"esc:{rule.Id:N}:{oldest.Id:N}",
                        $"{name}: invoice {oldest.Number} is {oldestDays} days overdue",
                        $"Invoice {oldest.Number} reached {oldestDays} days overdue (rule: {rule.Threshold} days)."));
                    break;
                case EscalationKind.NoResponseAfterReminders when facts.RemindersSinceLastResponse >= rule.Threshold:
                    var since = facts.LastResponseOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "never";
                    hits.Add(new(rule.Kind, rule.Assignee, $"esc:{rule.Id:N}:{facts.Customer.Id:N}:{since}",
                        $"{name}: no response after {facts.RemindersSinceLastResponse} reminders",
                        $"{facts.RemindersSinceLastResponse} reminders sent since the last response ({since}); rule: {rule.Threshold}."));
                    break;
                case EscalationKind.PromiseBroken:
                    foreach (var promise in facts.BrokenPromises)
                    {
                        hits.Add(new(rule.Kind, rule.Assignee, $"esc:{rule.Id:N}:{promise.Id:N}",
                            $"{name}: promise to pay by {promise.PromisedDate:yyyy-MM-dd} was broken",
                            $"Promised {promise.Amount:0.00} by {promise.PromisedDate:yyyy-MM-dd}; not received."));
                    }

                    break;
                case EscalationKind.KeyAccountPastAging when facts.Customer.IsKeyAccount && oldest is not null && oldestDays >= rule.Threshold:
                    hits.Add(new(rule.Kind, rule.Assignee, $"esc:{rule.Id:N}:{oldest.Id:N}",
                        $"Key account {name}: invoice {oldest.Number} is {oldestDays} days overdue",
                        $"Key account past the aging threshold of {rule.Threshold} days ({oldest.Number}: {oldestDays} days)."));
                    break;
            }
        }

        return hits;
    }
}
