using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;

namespace ArCollect.Domain.Tests.Replies;

public class ToneHoldTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_unacknowledged_angry_reply_holds_reminders()
    {
        var reason = ToneHold.Reason([new ToneHold.PendingReply(ReplyLabels.Angry, Received, true, null)]);
        Assert.Equal("Reminders paused: an angry reply of 2026-12-01 waits for a person to acknowledge it.", reason);
    }

    [Fact]
    public void An_acknowledged_reply_holds_nothing()
    {
        Assert.Null(ToneHold.Reason([new ToneHold.PendingReply(ReplyLabels.Frustrated, Received, true, Received.AddHours(2))]));
        Assert.Null(ToneHold.Reason([]));
    }

    [Fact]
    public void The_planner_skips_every_invoice_of_a_held_customer_and_says_why()
    {
        var customer = new DunningCustomer(Guid.NewGuid(), "Acme", null, null, false, false,
            [new DunningContact(Guid.NewGuid(), "Anna", "ap@acme.example", true, false)], PaymentHistory.None,
            ToneHold.Reason([new ToneHold.PendingReply(ReplyLabels.Frustrated, Received, true, null)]));
        var invoice = new DunningInvoice(Guid.NewGuid(), "INV-1", new DateOnly(2026, 11, 1), 100m, "EUR", false);
        var steps = DefaultReminderPolicy.Create(Guid.NewGuid()).Steps;

        var decision = ReminderPlanner.Decide(customer, [invoice], [], steps, [], new DateOnly(2026, 12, 2));

        Assert.Empty(decision.Due);
        Assert.StartsWith("Reminders paused: a frustrated reply", Assert.Single(decision.Skipped).Reason, StringComparison.Ordinal);
        var released = ReminderPlanner.Decide(customer with { HoldReason = null }, [invoice], [], steps, [], new DateOnly(2026, 12, 2));
        Assert.NotEmpty(released.Due);
    }
}
