using ArCollect.Domain.Tenancy;

namespace ArCollect.Infrastructure.Common;

/// <summary>
/// An <c>Idempotency-Key</c> an API client sent with a request that creates something, with the SHA-256 of the request
/// (method, path and body) and the response it got: the same key and request replays that response, the same key
/// with another request is refused.
/// </summary>
public class IdempotencyKey : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? Location { get; set; }
    public required string ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
