using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Api;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Serilog;

namespace ArCollect.Web.Hosting;

public static class Pipeline
{
    public static WebApplication UseArCollect(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        // Inside the page handler, so API callers get ProblemDetails for unhandled errors, never the HTML error page.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler());

        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseMiddleware<InputErrorMiddleware>();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseMiddleware<PortalAccessMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantMiddleware>();
        app.UseSerilogRequestLogging(options => options.EnrichDiagnosticContext = (diagnostics, http) =>
        {
            var tenant = http.RequestServices.GetRequiredService<TenantContext>();
            diagnostics.Set("TenantId", tenant.TenantId);
            diagnostics.Set("UserId", tenant.UserId);
        });
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapJobDashboard();
        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("ArCollect API")
            // Works offline: the bundled script only, no web fonts, and no buttons that need Scalar's hosted services.
            .DisableDefaultFonts()
            .HideClientButton()
            .DisableAgent()
            .DisableTelemetry()).AllowAnonymous();
        app.MapArCollectApi();
        app.MapTwilioWebhooks();
        app.MapStripeWebhooks();

        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AppOptions>>().Value.RunsJobs)
        {
            var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
            recurring.AddOrUpdate<OutboxSendJob>(OutboxSendJob.RecurringId, job => job.RunAllAsync(CancellationToken.None), Cron.Minutely());
            recurring.AddOrUpdate<WebhookSendJob>(WebhookSendJob.RecurringId, job => job.RunAllAsync(CancellationToken.None), Cron.Minutely());
            recurring.AddOrUpdate<ReminderRunJob>(ReminderRunJob.RecurringId, job => job.RunAllAsync(CancellationToken.None), Cron.Daily(5));
            recurring.AddOrUpdate<ReplyPollJob>(ReplyPollJob.RecurringId, job => job.RunAllAsync(CancellationToken.None), "*/5 * * * *");
            recurring.AddOrUpdate<RiskModelJob>(RiskModelJob.RecurringId, job => job.RunDueAsync(CancellationToken.None), RiskModelJob.Schedule);
            recurring.AddOrUpdate<DashboardAlertsJob>(DashboardAlertsJob.RecurringId, job => job.RunAllAsync(CancellationToken.None), Cron.Daily(6));
            recurring.AddOrUpdate<DisputeSlaJob>(DisputeSlaJob.RecurringId, job => job.RunAllAsync(CancellationToken.None), "*/15 * * * *");
            recurring.AddOrUpdate<LateFeeJob>(LateFeeJob.RecurringId, job => job.RunAllAsync(CancellationToken.None), Cron.Daily(1));
            recurring.AddOrUpdate<LedgerFactsCheckJob>(LedgerFactsCheckJob.RecurringId, job => job.RunAllAsync(CancellationToken.None), Cron.Daily(2, 30));
            recurring.AddOrUpdate<IdempotencyKeyCleanupJob>(IdempotencyKeyCleanupJob.RecurringId, job => job.RunAllAsync(CancellationToken.None), Cron.Hourly(17));
        }

        return app;
    }
}
