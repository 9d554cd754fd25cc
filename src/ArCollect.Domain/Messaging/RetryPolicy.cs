namespace ArCollect.Domain.Messaging;

/// <summary>Exponential backoff for transient delivery failures: 1, 2, 4, 8... minutes, capped, then dead letter.</summary>
public static class RetryPolicy
{
    public const int MaxAttempts = 8;

    public static TimeSpan DelayAfter(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Max(0, attempts - 1)), 240));

    public static bool ShouldGiveUp(int attempts) => attempts >= MaxAttempts;
}
