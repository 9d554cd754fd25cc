namespace ArCollect.Infrastructure.Webhooks;

/// <summary>Operator settings of outbound webhooks (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets endpoints on loopback and private networks receive events (an on-premise receiver, or tests). Off by
    /// default: such URLs are refused when saved and when connecting.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How long one attempt may take, connecting included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How much of a receiver's answer is read; the rest is not downloaded.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>Failed attempts in a row after which an endpoint is disabled and the Admins are told.</summary>
    public int DisableAfterFailures { get; set; } = 10;

    public int BatchSize { get; set; } = 50;
}
