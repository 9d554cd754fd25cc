using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dunning;

/// <summary>A tenant's Liquid template for one tone and language; missing ones fall back to the shipped defaults.</summary>
public class MessageTemplate : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public ReminderTone Tone { get; set; }
    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
