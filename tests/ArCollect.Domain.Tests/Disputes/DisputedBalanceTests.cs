using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using static ArCollect.Domain.Tests.Dunning.DunningFixtures;

namespace ArCollect.Domain.Tests.Disputes;

public class DisputedBalanceTests
{
    [Theory]
    [InlineData(1000, 300, true, 700)]
    [InlineData(1000, 1000, true, 0)]
    [InlineData(1000, 1200, true, 0)]
    [InlineData(1000, 0, true, 0)] // flagged with no amount on record: disputed in full, as before amounts existed
    [InlineData(1000, 0, false, 1000)]
    [InlineData(0, 300, true, 0)]
    public void Only_the_undisputed_balance_is_chased(decimal open, decimal disputed, bool flagged, decimal expected) =>
        Assert.Equal(expected, DisputedBalance.Chaseable(open, disputed, flagged));

    [Fact]
    public void A_partly_disputed_invoice_is_reminded_for_its_undisputed_balance()
    {
        var partly = Invoice("INV-1", 10, 1000m, disputed: true) with { DisputedAmount = 300m };

        var decision = Decide(Customer(), [partly]);

        var due = Assert.Single(decision.Due);
        Assert.Equal(700m, due.Invoice.OpenAmount);
        Assert.Empty(decision.Skipped);
    }

    [Fact]
    public void A_fully_disputed_invoice_is_skipped_with_the_reason()
    {
        var fully = Invoice("INV-1", 10, 400m, disputed: true) with { DisputedAmount = 400m };

        var decision = Decide(Customer(), [fully, Invoice("INV-2", 10)]);

        Assert.Equal("INV-2", Assert.Single(decision.Due).Invoice.Number);
        Assert.Equal("Disputed in full: reminders pause until the dispute is resolved.", Assert.Single(decision.Skipped).Reason);
    }

    [Fact]
    public void The_undisputed_part_still_counts_towards_a_minimum_overdue_amount()
    {
        var steps = Steps.Select(s => s.OffsetDays == 7 ? new ReminderStep { Id = s.Id, OffsetDays = 7, Tone = s.Tone, Actions = s.Actions, MinOverdueAmount = 600m } : s).ToList();

        var below = Decide(Customer(), [Invoice("E1", 8, 1000m, disputed: true) with { DisputedAmount = 500m }], steps: steps);
        var above = Decide(Customer(), [Invoice("E1", 8, 1000m, disputed: true) with { DisputedAmount = 300m }], steps: steps);

        Assert.Equal(1, Assert.Single(below.Due).Step.OffsetDays);
        Assert.Equal(7, Assert.Single(above.Due).Step.OffsetDays);
    }
}
