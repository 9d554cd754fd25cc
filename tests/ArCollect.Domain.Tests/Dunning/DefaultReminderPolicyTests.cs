using ArCollect.Domain.Dunning;

namespace ArCollect.Domain.Tests.Dunning;

public class DefaultReminderPolicyTests
{
    [Fact]
    public void Default_policy_has_the_five_standard_steps()
    {
        var tenantId = Guid.NewGuid();
        var policy = DefaultReminderPolicy.Create(tenantId);

        Assert.True(policy.IsDefault);
        Assert.Equal(
            [
                (-3, ReminderTone.Friendly, StepActions.Email),
                (1, ReminderTone.Neutral, StepActions.Email),
                (7, ReminderTone.Firm, StepActions.Email),
                (14, ReminderTone.Firm, StepActions.Email | StepActions.CollectorTask),
                (30, ReminderTone.Final, StepActions.Email | StepActions.ManagerNotification),
            ],
            policy.Steps.Select(s => (s.OffsetDays, s.Tone, s.Actions)));
        Assert.All(policy.Steps, s => Assert.Equal((tenantId, policy.Id), (s.TenantId, s.PolicyId)));
    }

    [Theory]
    [InlineData(-3, "3 days before due")]
    [InlineData(0, "on the due date")]
    [InlineData(14, "14 days overdue")]
    public void Step_label_reads_like_the_schedule(int offset, string label)
    {
        Assert.Equal(label, new ReminderStep { OffsetDays = offset }.Label);
    }
}
