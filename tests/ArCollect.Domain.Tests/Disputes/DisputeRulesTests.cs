using ArCollect.Domain.Disputes;

namespace ArCollect.Domain.Tests.Disputes;

public class DisputeRulesTests
{
    private static readonly DateTimeOffset Opened = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DisputeStatus.Open, DisputeStatus.InReview, true)]
    [InlineData(DisputeStatus.InReview, DisputeStatus.WaitingOnCustomer, true)]
    [InlineData(DisputeStatus.WaitingOnCustomer, DisputeStatus.InReview, true)]
    [InlineData(DisputeStatus.Open, DisputeStatus.Withdrawn, true)]
    [InlineData(DisputeStatus.Open, DisputeStatus.Resolved, false)]
    [InlineData(DisputeStatus.Resolved, DisputeStatus.Open, false)]
    [InlineData(DisputeStatus.Withdrawn, DisputeStatus.InReview, false)]
    [InlineData(DisputeStatus.InReview, DisputeStatus.InReview, false)]
    public void Live_disputes_move_freely_but_resolving_needs_an_outcome_and_closed_ones_stay_closed(DisputeStatus from, DisputeStatus to, bool allowed) =>
        Assert.Equal(allowed, DisputeLifecycle.CannotMove(from, to) is null);

    [Fact]
    public void Existing_code_keeps_working_the_reason_code_defaults_to_the_reasons()
    {
        var dispute = new Dispute { Reason = DisputeReason.DamagedGoods };

        Assert.Equal("damaged-goods", dispute.ReasonCode);
        Assert.True(dispute.IsOpen);
        dispute.ReasonCode = "wrong-entity";
        Assert.Equal("wrong-entity", dispute.ReasonCode);
    }

    [Fact]
    public void The_defaults_are_the_ten_reasons_of_the_issue()
    {
        Assert.Equal(
            ["pricing", "quantity", "damaged-goods", "not-received", "duplicate-billing", "already-paid", "tax", "service-quality", "short-payment", "other"],
            DisputeReasonCodes.Defaults.Select(d => d.Code));
    }

    [Fact]
    public void The_first_matching_rule_wins_and_empty_conditions_match_anything()
    {
        var team = Guid.NewGuid();
        var senior = Guid.NewGuid();
        DisputeRoutingRule[] rules =
        [
            new() { Order = 3, TeamId = team },
            new() { Order = 1, ReasonCode = "pricing", MinAmount = 1000m, UserId = senior },
            new() { Order = 2, Segment = "Retail", KeyAccountsOnly = true, UserId = senior },
        ];

        Assert.Equal(1, DisputeRouter.Match(rules, new RoutingFacts("pricing", 1000m, null, false))!.Order);
        Assert.Equal(3, DisputeRouter.Match(rules, new RoutingFacts("pricing", 999.99m, null, false))!.Order);
        Assert.Equal(2, DisputeRouter.Match(rules, new RoutingFacts("tax", 10m, "retail", true))!.Order);
        Assert.Equal(3, DisputeRouter.Match(rules, new RoutingFacts("tax", 10m, "Retail", false))!.Order);
    }

    [Fact]
    public void A_team_hands_disputes_out_in_turn()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        var team = new DisputeTeam { Name = "Claims", MemberIds = [a, b, c] };

        var picked = Enumerable.Range(0, 5).Select(_ => DisputeRouter.NextMember(team)).ToList();

        Assert.Equal([a, b, c, a, b], picked);
        Assert.Null(DisputeRouter.NextMember(new DisputeTeam { Name = "Empty" }));
    }

    [Fact]
    public void The_SLA_of_the_reason_beats_the_any_reason_one_and_the_default_applies_without_either()
    {
        DisputeSlaPolicy[] policies =
        [
            new() { ReasonCode = null, Priority = DisputePriority.Normal, ResolveWithinHours = 120 },
            new() { ReasonCode = "pricing", Priority = DisputePriority.Normal, ResolveWithinHours = 48 },
        ];

        Assert.Equal(Opened.AddHours(48), DisputeSla.DueAt(Opened, DisputeSla.PolicyFor(policies, "pricing", DisputePriority.Normal), DisputePriority.Normal));
        Assert.Equal(Opened.AddHours(120), DisputeSla.DueAt(Opened, DisputeSla.PolicyFor(policies, "tax", DisputePriority.Normal), DisputePriority.Normal));
        Assert.Equal(Opened.AddHours(72), DisputeSla.DueAt(Opened, DisputeSla.PolicyFor(policies, "tax", DisputePriority.High), DisputePriority.High));
    }

    [Theory]
    [InlineData(10, true, SlaState.OnTrack)]
    [InlineData(36, true, SlaState.AtRisk)]
    [InlineData(49, true, SlaState.Breached)]
    [InlineData(47, false, SlaState.Met)]
    [InlineData(49, false, SlaState.Missed)]
    public void SLA_state_after_hours(int hours, bool live, SlaState expected)
    {
        var due = Opened.AddHours(48);
        var at = Opened.AddHours(hours);

        Assert.Equal(expected, DisputeSla.StateOf(Opened, due, live ? null : at, live, at));
    }
}
