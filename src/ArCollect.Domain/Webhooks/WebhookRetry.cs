namespace ArCollect.Domain.Webhooks;

/// <summary>When a failed delivery is tried again: exponential backoff from one minute, doubling, capped at six hours.</summary>
public static class WebhookRetry
{
    public const int MaxAttempts = 8;

    public static TimeSpan DelayAfter(int attempts)
    {
        var minutes = Math.Min(360, Math.Pow(2, Math.Max(0, attempts - 1)));
        return TimeSpan.FromMinutes(minutes);
    }
}
