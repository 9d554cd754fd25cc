using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Portal;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.Extensions.Options;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;

namespace ArCollect.Web.Hosting;

/// <summary>Portal request limits, bound from the <c>Portal</c> section.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Portal requests one client address may make per minute, valid token or not.</summary>
    public int RequestsPerMinutePerAddress { get; set; } = 300;

    /// <summary>Requests one portal token may make per minute, from any address.</summary>
    public int RequestsPerMinutePerToken { get; set; } = 60;
}

/// <summary>
/// Resolves <c>/portal/{token}/...</c> before routing: a valid token sets the tenant and the customer for the request,
/// exactly as a signed-in user's claim sets the tenant; anything else (unknown, altered, expired, revoked) is served
/// the one plain "link no longer works" page, which tells them apart for no one.
/// </summary>
public sealed partial class PortalAccessMiddleware(RequestDelegate next)
{
    public const string ExpiredPath = "/portal/link-expired";
    public const string PresentedTokenItem = "portal.token";

    public async Task InvokeAsync(HttpContext context, PortalLinkVerifier verifier, PortalReturns returns, TenantContext tenant, PortalSession session)
    {
        if (TryReadReturn(context.Request.Path, out var reference))
        {
            await ReturnAsync(context, returns, reference);
            return;
        }

        if (!TryReadToken(context.Request.Path, out var token))
        {
            await next(context);
            return;
        }

        var access = await verifier.VerifyAsync(token, context.RequestAborted);
        if (access is null)
        {
            context.Items[PresentedTokenItem] = token;
            context.Request.Path = ExpiredPath;
            await next(context);
            return;
        }

        tenant.Set(access.TenantId);
        session.Set(access, token);
        using (LogContext.PushProperty("PortalCustomerId", access.CustomerId))
        {
            await next(context);
        }
    }

    /// <summary>
    /// A card checkout's way back (<c>/portal/return/{reference}</c>, the address Stripe keeps instead of the link):
    /// a valid, unused reference sends the browser on to the link's payment page; anything else gets the expired page.
    /// </summary>
    private async Task ReturnAsync(HttpContext context, PortalReturns returns, string reference)
    {
        var token = await returns.UseAsync(reference, context.RequestAborted);
        if (token is null)
        {
            context.Items[PresentedTokenItem] = reference;
            context.Request.Path = ExpiredPath;
            await next(context);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Redirect(context.Request.Query.ContainsKey("cancelled") ? $"/portal/{token}/pay" : $"/portal/{token}/pay?handler=Done");
    }

    /// <summary>The reference of a checkout return address, or false for any other path.</summary>
    public static bool TryReadReturn(PathString path, out string reference)
    {
        reference = "";
        if (!path.StartsWithSegments(PortalReturns.PathPrefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase, out var rest) || !rest.HasValue)
        {
            return false;
        }

        var segment = rest.Value!.TrimStart('/');
        if (segment.Length == 0 || segment.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        reference = segment;
        return true;
    }

    /// <summary>The token segment of a portal address, or false for other paths and the expired page itself.</summary>
    public static bool TryReadToken(PathString path, out string token)
    {
        token = "";
        if (!path.StartsWithSegments("/portal", StringComparison.OrdinalIgnoreCase, out var rest) || !rest.HasValue)
        {
            return false;
        }

        var segment = rest.Value!.TrimStart('/').Split('/', 2)[0];
        if (segment.Length == 0 || string.Equals("/portal/" + segment, ExpiredPath, StringComparison.OrdinalIgnoreCase)
            || string.Equals(segment, "return", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = segment;
        return true;
    }

    /// <summary>Replaces the token of a portal address with a marker, for anything that writes paths to logs.</summary>
    public static string Redact(string path) => TokenPattern().Replace(path, m =>
        string.Equals(m.Groups[2].Value, "link-expired", StringComparison.OrdinalIgnoreCase) ? m.Value
        : m.Groups[1].Success ? "/portal/return/[reference]" : "/portal/[token]");

    [GeneratedRegex("/portal/(return/)?([^/?#]+)", RegexOptions.IgnoreCase)]
    private static partial Regex TokenPattern();
}

/// <summary>Rewrites request paths in every log event (the request log line and ASP.NET Core's request scope), so a portal token never reaches a log.</summary>
public sealed class PortalTokenRedaction : ILogEventEnricher
{
    private static readonly string[] PathProperties = ["RequestPath", "Path", "RequestUri", "Url"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var name in PathProperties)
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string text }
                && text.Contains("/portal/", StringComparison.OrdinalIgnoreCase))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(PortalAccessMiddleware.Redact(text))));
            }
        }
    }
}

public static class PortalHosting
{
    public const string PerTokenPartition = "token:";

    /// <summary>Per-address and per-token fixed-window limits on portal addresses only; other paths are not limited here.</summary>
    public static IServiceCollection AddPortalAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        services.AddScoped<PortalSession>();
        services.AddScoped<Infrastructure.PaymentPlans.PaymentPlanService>();
        services.AddScoped(sp => new PortalCodeService(
            sp.GetRequiredService<ArCollectDbContext>(), sp.GetRequiredService<IOptions<DunningOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new PortalLinks(
            sp.GetRequiredService<ArCollectDbContext>(), sp.GetRequiredService<IOptions<DunningOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PortalLinkVerifier>();
        services.AddSingleton<PortalReturns>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    http.Request.Path.StartsWithSegments("/portal", StringComparison.OrdinalIgnoreCase)
                        ? RateLimitPartition.GetFixedWindowLimiter(Address(http), _ => Window(options.RequestsPerMinutePerAddress))
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    PortalAccessMiddleware.TryReadToken(http.Request.Path, out var token)
                        ? RateLimitPartition.GetFixedWindowLimiter(PerTokenPartition + token, _ => Window(options.RequestsPerMinutePerToken))
                        : RateLimitPartition.GetNoLimiter("")));
        });
        return services;
    }

    private static string Address(HttpContext http) =>
        (http.Connection.RemoteIpAddress ?? IPAddress.None).ToString().ToLower(CultureInfo.InvariantCulture);

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
