using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Disputes;

/// <summary>A group of people who share disputes in turn.</summary>
public class DisputeTeam : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public List<Guid> MemberIds { get; set; } = [];

    /// <summary>How many disputes the team has been given; the next goes to member number (count mod members).</summary>
    public int Assigned { get; set; }
}

/// <summary>
/// Sends matching disputes to a team or a user. Rules are tried in <see cref="Order"/>; empty conditions match
/// anything; the first match wins.
/// </summary>
public class DisputeRoutingRule : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public int Order { get; set; }
    public string? ReasonCode { get; set; }
    public decimal? MinAmount { get; set; }
    public decimal? MaxAmount { get; set; }
    public string? Segment { get; set; }
    public bool KeyAccountsOnly { get; set; }
    public Guid? TeamId { get; set; }
    public Guid? UserId { get; set; }

    /// <summary>The priority given to matching disputes, or null to keep the one asked for.</summary>
    public DisputePriority? Priority { get; set; }
}

/// <summary>What routing looks at.</summary>
public sealed record RoutingFacts(string ReasonCode, decimal Amount, string? Segment, bool IsKeyAccount);

public static class DisputeRouter
{
    public static DisputeRoutingRule? Match(IEnumerable<DisputeRoutingRule> rules, RoutingFacts facts) =>
        rules.OrderBy(r => r.Order).FirstOrDefault(r =>
            (r.ReasonCode is null || string.Equals(r.ReasonCode, facts.ReasonCode, StringComparison.OrdinalIgnoreCase))
            && (r.MinAmount is null || facts.Amount >= r.MinAmount)
            && (r.MaxAmount is null || facts.Amount < r.MaxAmount)
            && (r.Segment is null || string.Equals(r.Segment, facts.Segment, StringComparison.OrdinalIgnoreCase))
            && (!r.KeyAccountsOnly || facts.IsKeyAccount)
            && (r.TeamId is not null || r.UserId is not null));

    /// <summary>The member whose turn it is, and the team's new count; null when the team has no members.</summary>
    public static Guid? NextMember(DisputeTeam team)
    {
        if (team.MemberIds.Count == 0)
        {
            return null;
        }

        var member = team.MemberIds[team.Assigned % team.MemberIds.Count];
        team.Assigned++;
        return member;
    }

    public static string Describe(DisputeRoutingRule rule)
    {
        var parts = new List<string>();
        if (rule.ReasonCode is not null)
        {
            parts.Add(DisputeReasonCodes.DefaultLabel(rule.ReasonCode).ToLowerInvariant());
        }

        if (rule.MinAmount is not null)
        {
            parts.Add($"from {rule.MinAmount:N0}");
        }

        if (rule.MaxAmount is not null)
        {
            parts.Add($"under {rule.MaxAmount:N0}");
        }

        if (rule.Segment is not null)
        {
            parts.Add($"segment {rule.Segment}");
        }

        if (rule.KeyAccountsOnly)
        {
            parts.Add("key accounts");
        }

        return $"rule {rule.Order}: {(parts.Count == 0 ? "every dispute" : string.Join(", ", parts))}";
    }
}
