namespace ArCollect.Domain.Messaging;

/// <summary>
/// Exponential backoff for transient delivery failures: 1, 2, 4, 8... minutes, capped, then dead letter. A mail server
/// that cannot be reached is not an attempt: the message keeps waiting, checked less often the longer the outage lasts.
/// </summary>
public static class RetryPolicy
{
    public const int MaxAttempts = 8;

    private static readonly TimeSpan MinUnreachableDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxUnreachableDelay = TimeSpan.FromMinutes(15);

    public static TimeSpan DelayAfter(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Max(0, attempts - 1)), 240));

    public static bool ShouldGiveUp(int attempts) => attempts >= MaxAttempts;

    /// <summary>Wait before trying an unreachable server again: half the outage so far, between 1 and 15 minutes.</summary>
    public static TimeSpan DelayWhileUnreachable(TimeSpan unreachableFor)
    {
        var half = unreachableFor / 2;
        return half < MinUnreachableDelay ? MinUnreachableDelay : half > MaxUnreachableDelay ? MaxUnreachableDelay : half;
    }
}
