using ArCollect.Domain.Tenancy;

namespace ArCollect.Infrastructure.Jobs;

public enum JobOutcome
{
    Succeeded,
    Failed,
}

/// <summary>
/// What a background job did for one tenant, kept where that tenant's Admin sees it: every failure (a repeat of the
/// same failure extends its row), and the first success after a failure.
/// </summary>
public class JobRun : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Job { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public JobOutcome Outcome { get; set; }
    public string? Message { get; set; }

    /// <summary>How many runs in a row ended with this outcome and message.</summary>
    public int Occurrences { get; set; } = 1;
}
