namespace ArCollect.Web.Hosting;

/// <summary>
/// Headers on every response: a content security policy without inline script (scripts come from wwwroot files
/// only), no framing by other sites, no MIME sniffing, and no full URLs leaked to other sites in the Referer.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference page boots the bundled Scalar script with an inline configuration block; only that page allows it.</summary>
    public const string ApiDocsPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var policy = context.Request.Path.StartsWithSegments("/api/docs") ? ApiDocsPolicy : ContentSecurityPolicy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // A portal address carries its access token: it must not reach another site, or a shared cache.
            var portal = context.Request.Path.StartsWithSegments("/portal");
            headers["Referrer-Policy"] = portal ? "no-referrer" : "strict-origin-when-cross-origin";
            if (portal)
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
