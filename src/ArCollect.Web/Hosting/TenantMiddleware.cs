using System.Security.Claims;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using Serilog.Context;

namespace ArCollect.Web.Hosting;

/// <summary>Fills the request's tenant from the signed-in user's claim (pages only), and adds tenant and user to every log line.</summary>
public sealed class TenantMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        var user = context.User;
        // API calls take their tenant from the API key alone (see ApiKeyAuthenticationHandler), never from a cookie.
        // Portal pages take theirs from the portal token alone (see PortalAccessMiddleware), even in a signed-in browser.
        var isApi = context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/portal", StringComparison.OrdinalIgnoreCase);
        if (!isApi && user.Identity?.IsAuthenticated == true
            && Guid.TryParse(user.FindFirstValue(AppClaimsPrincipalFactory.TenantClaim), out var tenantId))
        {
            Guid? userId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
            tenant.Set(tenantId, userId);
        }

        using (LogContext.PushProperty("TenantId", tenant.TenantId))
        using (LogContext.PushProperty("UserId", tenant.UserId))
        {
            await next(context);
        }
    }
}
