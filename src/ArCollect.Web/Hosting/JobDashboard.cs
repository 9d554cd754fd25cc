using ArCollect.Infrastructure.Identity;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Hosting;

/// <summary>
/// The Hangfire dashboard shows every tenant's jobs, servers and errors, so it belongs to platform operators only,
/// never to a tenant's Admin. It is read-only unless <c>Platform:DashboardActions</c> allows actions (Development does by default).
/// </summary>
public static class JobDashboard
{
    public const string Path = "/hangfire";
    public const string OperatorsOnly = "PlatformOperatorsOnly";

    public static void MapJobDashboard(this WebApplication app)
    {
        var platform = app.Services.GetRequiredService<IOptions<PlatformOptions>>().Value;
        var actions = platform.DashboardActions ?? app.Environment.IsDevelopment();
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            // The endpoint policy admits operators only; the filter repeats the check inside Hangfire, so the
            // dashboard stays closed even if it is ever mapped without the policy.
            Authorization = [new OperatorFilter()],
            IsReadOnlyFunc = _ => !actions,
            AppPath = "/",
            DashboardTitle = "ArCollect jobs",
        }).RequireAuthorization(OperatorsOnly);
    }

    private sealed class OperatorFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => PlatformOperators.IsOperator(context.GetHttpContext().User);
    }
}
