using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Drafting;

/// <summary>
/// A tenant's choice to have follow-ups written by an OpenAI-compatible language model (off by default), the
/// endpoint, model and encrypted key, and the last request sent, so an Admin sees exactly what left the app.
/// </summary>
public class DraftingSettings : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public bool UseLanguageModel { get; set; }

    /// <summary>The API's base address, e.g. https://api.openai.com/v1 (chat completions are posted below it).</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>Encrypted with ASP.NET Data Protection, like the mail passwords.</summary>
    public string? ApiKeyProtected { get; set; }

    public string? LastInstructions { get; set; }
    public string? LastFacts { get; set; }
    public DateTimeOffset? LastSentAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class DraftingLimits
{
    public const int EndpointLength = 500;
    public const int ModelLength = 100;
    public const int SubjectLength = 200;
    public const int BodyLength = 20000;
}
