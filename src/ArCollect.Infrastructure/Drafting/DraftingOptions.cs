namespace ArCollect.Infrastructure.Drafting;

/// <summary>Operator settings for the optional language-model endpoint (section "Drafting").</summary>
public sealed class DraftingOptions
{
    public const string Section = "Drafting";

    /// <summary>How long a clerk waits for the model before the template draft is shown instead.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Largest answer read from the endpoint.</summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024;

    /// <summary>Lets tenants point at a model on a private or loopback address (a self-hosted model next to the app).</summary>
    public bool AllowPrivateEndpoints { get; set; }
}
