namespace ArCollect.Domain.Tenancy;

/// <summary>A company using ArCollect. Its id scopes every tenant-owned row.</summary>
public class Tenant
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string BaseCurrency { get; set; }
    public string TimeZone { get; set; } = "Etc/UTC";

    /// <summary>The language of reminders to customers without a language of their own (ISO 639-1).</summary>
    public string DefaultLanguage { get; set; } = Common.Languages.English;
    public DateTimeOffset CreatedAt { get; set; }
}
