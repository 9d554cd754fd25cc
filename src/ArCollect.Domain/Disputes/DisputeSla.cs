using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Disputes;

/// <summary>How long disputes of a reason (null = any reason) and priority may take to resolve.</summary>
public class DisputeSlaPolicy : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string? ReasonCode { get; set; }
    public DisputePriority Priority { get; set; }
    public int ResolveWithinHours { get; set; }

    /// <summary>Share of the allowed time after which a live dispute is "at risk", in percent.</summary>
    public int AtRiskPercent { get; set; } = 75;
}

public enum SlaState
{
    None,
    OnTrack,
    AtRisk,
    Breached,
    Met,
    Missed,
}

public static class DisputeSla
{
    /// <summary>Hours allowed when the tenant has no policy for the reason and priority.</summary>
    public static int DefaultHours(DisputePriority priority) => priority switch
    {
        DisputePriority.Urgent => 24,
        DisputePriority.High => 72,
        DisputePriority.Normal => 240,
        _ => 480,
    };

    /// <summary>The policy for the reason and priority, else the any-reason policy of the priority, else null.</summary>
    public static DisputeSlaPolicy? PolicyFor(IEnumerable<DisputeSlaPolicy> policies, string reasonCode, DisputePriority priority)
    {
        var list = policies.Where(p => p.Priority == priority).ToList();
        return list.FirstOrDefault(p => string.Equals(p.ReasonCode, reasonCode, StringComparison.OrdinalIgnoreCase))
            ?? list.FirstOrDefault(p => p.ReasonCode is null);
    }

    public static DateTimeOffset DueAt(DateTimeOffset openedAt, DisputeSlaPolicy? policy, DisputePriority priority) =>
        openedAt.AddHours(policy?.ResolveWithinHours ?? DefaultHours(priority));

    public static SlaState StateOf(DateTimeOffset? openedAt, DateTimeOffset? dueAt, DateTimeOffset? resolvedAt, bool isLive, DateTimeOffset now, int atRiskPercent = 75)
    {
        if (openedAt is null || dueAt is null)
        {
            return SlaState.None;
        }

        if (!isLive)
        {
            return resolvedAt is { } r && r <= dueAt ? SlaState.Met : resolvedAt is null ? SlaState.None : SlaState.Missed;
        }

        if (now > dueAt)
        {
            return SlaState.Breached;
        }

        var allowed = (dueAt.Value - openedAt.Value).TotalSeconds;
        var used = (now - openedAt.Value).TotalSeconds;
        return allowed > 0 && used >= allowed * atRiskPercent / 100.0 ? SlaState.AtRisk : SlaState.OnTrack;
    }

    public static string Label(SlaState state) => state switch
    {
        SlaState.OnTrack => "On track",
        SlaState.AtRisk => "At risk",
        SlaState.Breached => "Breached",
        SlaState.Met => "Within SLA",
        SlaState.Missed => "Missed SLA",
        _ => "",
    };
}
