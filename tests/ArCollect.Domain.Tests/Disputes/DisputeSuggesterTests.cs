using ArCollect.Domain.Disputes;

namespace ArCollect.Domain.Tests.Disputes;

public class DisputeSuggesterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Customer = Guid.NewGuid();

    private static DisputeCase Resolved(int day, DisputeOutcome outcome, decimal amount = 300m, double daysToResolve = 3, string reason = "damaged-goods", Guid? customer = null, decimal credited = 0m) =>
        new(Guid.NewGuid(), reason, "Damaged goods", amount, "EUR", customer ?? Guid.NewGuid(), "Retail", "Euro pallets 1200x800",
            Start.AddDays(day), Start.AddDays(day + daysToResolve), outcome, credited == 0m && outcome == DisputeOutcome.CreditNote ? amount : credited);

    private static DisputeCase Open(int day, decimal amount = 250m) =>
        new(Guid.NewGuid(), "damaged-goods", "Damaged goods", amount, "EUR", Customer, "Retail", "Euro pallets", Start.AddDays(day));

    [Fact]
    public void Suggests_the_outcome_most_similar_disputes_ended_in_with_the_evidence_in_words()
    {
        List<DisputeCase> history =
        [
            .. Enumerable.Range(0, 7).Select(i => Resolved(i, DisputeOutcome.CreditNote, daysToResolve: 2 + i % 3)),
            Resolved(8, DisputeOutcome.Rejected, daysToResolve: 10),
            Resolved(9, DisputeOutcome.Rejected, daysToResolve: 12),
            Resolved(10, DisputeOutcome.Rebill, reason: "pricing"),
        ];

        var suggestion = DisputeSuggester.Suggest(Open(40), history)!;

        Assert.Equal(DisputeOutcome.CreditNote, suggestion.Outcome);
        Assert.Equal((7, 9), (suggestion.Agreeing, suggestion.Similar));
        Assert.Equal("7 of 9 similar damaged goods disputes under 500 EUR ended in a credit note within 3 days (median).", suggestion.Evidence);
        Assert.Equal(250m, suggestion.CreditAmount);
        Assert.Equal(2, suggestion.Distribution[DisputeOutcome.Rejected]);
    }

    [Fact]
    public void Partial_credits_in_the_past_suggest_a_partial_credit_now()
    {
        List<DisputeCase> history = [.. Enumerable.Range(0, 3).Select(i => Resolved(i, DisputeOutcome.CreditNote, amount: 400m, credited: 200m))];

        Assert.Equal(125m, DisputeSuggester.Suggest(Open(30), history)!.CreditAmount);
    }

    [Fact]
    public void Disputes_resolved_after_the_open_one_was_opened_are_not_evidence()
    {
        List<DisputeCase> history = [.. Enumerable.Range(0, 5).Select(i => Resolved(20 + i, DisputeOutcome.CreditNote))];

        Assert.Null(DisputeSuggester.Suggest(Open(10), history));
    }

    [Fact]
    public void The_holdout_replays_the_latest_fifth_with_only_earlier_evidence()
    {
        // 16 credited then 4 rejected: every held-out case is suggested "credit note" from the past, and misses.
        List<DisputeCase> history =
        [
            .. Enumerable.Range(0, 16).Select(i => Resolved(i * 2, DisputeOutcome.CreditNote, daysToResolve: 1)),
            .. Enumerable.Range(0, 4).Select(i => Resolved(40 + (i * 2), DisputeOutcome.Rejected, daysToResolve: 1)),
        ];

        var result = DisputeSuggester.Evaluate(history);

        Assert.Equal((0, 4, 4, 0, DisputeOutcome.CreditNote), (result.Hits, result.Suggested, result.Holdout, result.BaselineHits, result.Majority));
        Assert.Equal(0.0, result.HitRate);
    }

    [Fact]
    public void The_same_customer_weighs_more_than_a_stranger()
    {
        List<DisputeCase> history =
        [
            Resolved(0, DisputeOutcome.Rejected, customer: Customer),
            Resolved(1, DisputeOutcome.Rejected, customer: Customer),
            .. Enumerable.Range(2, 10).Select(i => Resolved(i, DisputeOutcome.CreditNote, amount: 9000m)),
        ];

        var similar = DisputeSuggester.Similar(Open(30), history);

        Assert.Equal(Customer, similar[0].Case.CustomerId);
        Assert.Equal(Customer, similar[1].Case.CustomerId);
    }
}
