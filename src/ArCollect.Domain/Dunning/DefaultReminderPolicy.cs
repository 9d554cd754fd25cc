namespace ArCollect.Domain.Dunning;

/// <summary>The policy every tenant starts with: a friendly nudge before due, then firmer steps up to a final notice.</summary>
public static class DefaultReminderPolicy
{
    public const string Name = "Standard";

    public static ReminderPolicy Create(Guid tenantId)
    {
        var policy = new ReminderPolicy { Id = Guid.CreateVersion7(), TenantId = tenantId, Name = Name, IsDefault = true };
        policy.Steps.AddRange(
        [
            Step(policy, -3, ReminderTone.Friendly, StepActions.Email),
            Step(policy, 1, ReminderTone.Neutral, StepActions.Email),
            Step(policy, 7, ReminderTone.Firm, StepActions.Email),
            Step(policy, 14, ReminderTone.Firm, StepActions.Email | StepActions.CollectorTask),
            Step(policy, 30, ReminderTone.Final, StepActions.Email | StepActions.ManagerNotification),
        ]);
        return policy;
    }

    private static ReminderStep Step(ReminderPolicy policy, int offset, ReminderTone tone, StepActions actions) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = policy.TenantId,
        PolicyId = policy.Id,
        OffsetDays = offset,
        Tone = tone,
        Actions = actions,
    };
}
