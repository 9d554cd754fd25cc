namespace ArCollect.Domain.Tenancy;

/// <summary>A tenant's logo for invoices: one row per tenant, the image as uploaded (PNG or JPEG) and its pixel size.</summary>
public class TenantLogo : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required byte[] Content { get; set; }

    /// <summary><c>image/png</c> or <c>image/jpeg</c>, from the file's first bytes, never from what the browser said.</summary>
    public required string ContentType { get; set; }

    public int Width { get; set; }
    public int Height { get; set; }
    public string? FileName { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
