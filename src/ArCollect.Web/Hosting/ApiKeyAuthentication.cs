using System.Security.Claims;
using System.Text.Encodings.Web;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Hosting;

/// <summary>
/// Authenticates API calls by the key in <c>X-Api-Key</c> (or <c>Authorization: Bearer</c>) and sets the request's
/// tenant to the key's tenant; the URL and body never choose the tenant.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var verified = await verifier.VerifyAsync(presented, Context.RequestAborted);
        if (verified is not { } key)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        Context.RequestServices.GetRequiredService<TenantContext>().Set(key.TenantId);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, key.KeyId.ToString()), new Claim(AppClaimsPrincipalFactory.TenantClaim, key.TenantId.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        var hasKey = PresentedKey(Request) is not null;
        await Response.WriteAsJsonAsync(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = hasKey ? "The API key is unknown or revoked." : "An API key is required.",
            Detail = $"Send a key created by an admin on Settings > API keys in the {HeaderName} header.",
        }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}
