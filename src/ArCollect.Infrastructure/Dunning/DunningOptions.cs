namespace ArCollect.Infrastructure.Dunning;

/// <summary>Settings of the reminder run.</summary>
public sealed class DunningOptions
{
    public const string Section = "Dunning";

    /// <summary>The app's public address; portal links in reminders, statements and invoice PDFs start with it unless the tenant set its own (Portal settings).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Domain of generated Message-IDs.</summary>
    public string MessageIdDomain { get; set; } = "arcollect.local";

    /// <summary>Customers decided and written per transaction.</summary>
    public int BatchSize { get; set; } = 500;
}
