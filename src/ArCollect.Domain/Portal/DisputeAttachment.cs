using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Portal;

/// <summary>A file a customer attached to a dispute from the portal (PDF, PNG or JPEG, checked by content).</summary>
public class DisputeAttachment : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid DisputeId { get; set; }
    public Guid CustomerId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What a dispute attachment may be: its type is read from the first bytes, never from the name or the browser.</summary>
public static class AttachmentRules
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxFiles = 5;

    private static readonly (string ContentType, byte[] Magic)[] Signatures =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    ];

    /// <summary>The content type the bytes really are, or null when they are none of PDF, PNG, JPEG.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        foreach (var (contentType, magic) in Signatures)
        {
            if (head.StartsWith(magic))
            {
                return contentType;
            }
        }

        return null;
    }

    /// <summary>The file name to store: the last path part, letters, digits, dot, dash, underscore and space only, at most 120 characters.</summary>
    public static string SafeFileName(string? name)
    {
        var last = Path.GetFileName(name ?? "").Trim();
        var safe = string.Concat(last.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ' ' ? c : '_'));
        safe = safe.Length > 120 ? safe[^120..] : safe;
        return safe.Length == 0 ? "attachment" : safe;
    }
}
