using System.Net;
using System.Text.RegularExpressions;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Risk;

public sealed class RiskModelPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Clerks_cannot_open_the_model_page()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Clerkish GmbH");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await client.GetAsync("/Risk/Model");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manager_sees_metrics_of_model_and_heuristic_calibration_history_and_reasons_after_a_run()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Modelled GmbH");
        using var client = app.NewClient();
        await client.SignInAsync(company.ManagerEmail, TenantSeed.Password);
        Assert.Contains("No model has been trained yet", await client.GetPageAsync("/Risk/Model"), StringComparison.Ordinal);

        await SeedAsync(company.TenantId, customers: 150, invoices: 5000);
        await app.Services.GetRequiredService<RiskModelJob>().RunAsync(company.TenantId, CancellationToken.None);
        var page = WebUtility.HtmlDecode(await client.GetPageAsync("/Risk/Model"));

        Assert.Contains("Last training: version 1", page, StringComparison.Ordinal);
        Assert.Matches(@"<td>AUC \(late\)</td><td class=""text-end"">0\.\d{3}</td><td class=""text-end"">0\.\d{3}</td>", page);
        Assert.Matches(@"<td>MAE \(days late\)</td><td class=""text-end"">\d+\.\d{2}</td><td class=""text-end"">\d+\.\d{2}</td>", page);
        Assert.Contains("id=\"calibration\"", page, StringComparison.Ordinal);
        Assert.Contains("1 (active)", page, StringComparison.Ordinal);
        var outcome = Regex.Match(page, @"<p class=""mb-1"" id=""run-outcome"">([^<]*)</p>").Groups[1].Value;

        // Whether a head is kept depends on this ledger; the page must say which, with the paired intervals.
        Assert.True(Regex.IsMatch(outcome, @"^Model (kept for [a-z ,]+: |not kept: it did not clearly beat the heuristic on the holdout \()AUC [+-]?0\.\d{3} \[[+-]?0\.\d{3}, [+-]?0\.\d{3}\]; MAE "), outcome);
        Assert.Matches(@"Scoring now: <strong>version 1, with the (model's|heuristic's) (probabilities|payment dates)", page);
        var keep = Regex.Match(page, @"<table class=""table mb-0"" id=""keep-decision"">.*?</table>", RegexOptions.Singleline).Value;
        Assert.True(Regex.IsMatch(keep, @"<td>Probability of paying late</td>\s*<td>AUC [+-]?0\.\d{3}</td>\s*<td>[+-]?0\.\d{3} to [+-]?0\.\d{3}</td>\s*<td>(model|heuristic)</td>"), keep);
        Assert.True(Regex.IsMatch(keep, @"<td>Expected days late \(payment date\)</td>\s*<td>MAE [+-]?\d+\.\d{2} days \(RMSE [+-]?\d+\.\d{2}\)</td>\s*<td>[+-]?\d+\.\d{2} to [+-]?\d+\.\d{2} \(RMSE [+-]?\d+\.\d{2} to [+-]?\d+\.\d{2}\)</td>\s*<td>(model|heuristic)</td>"), keep);
        Assert.Contains("Algorithms compared on 3 rolling-origin folds inside the training period", page, StringComparison.Ordinal);
        Assert.Matches(@"<li>paid \d+ of \d+ earlier invoices? late, \d+ days? on average</li>", page);
        Assert.Contains("likely to pay late", page, StringComparison.Ordinal);

        // Each customer's rolled-up risk, through the view component other pages include.
        Assert.Matches(@"<span class=""badge bg-[a-z]+( text-dark)? risk-badge"" title=""[^""]+"">(Low|Medium|High) risk · \d+%</span>", page);
    }

    [Fact]
    public async Task Retrain_now_queues_the_job_for_the_managers_own_company()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Impatient GmbH");
        using var client = app.NewClient();
        await client.SignInAsync(company.ManagerEmail, TenantSeed.Password);

        using var response = await client.SubmitAsync("/Risk/Model?handler=Retrain", [], formPage: "/Risk/Model");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Retraining has started in the background", await client.GetPageAsync("/Risk/Model"), StringComparison.Ordinal);
        var queued = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 100);
        Assert.Contains(queued, j => j.Value.Job.Type == typeof(RiskModelJob) && j.Value.Job.Args[0] is Guid id && id == company.TenantId);
    }

    [Fact]
    public async Task Retrain_now_pressed_again_while_a_run_waits_queues_nothing_more_until_that_run_starts()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Very Impatient GmbH");
        using var client = app.NewClient();
        await client.SignInAsync(company.ManagerEmail, TenantSeed.Password);
        int Queued() => app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .Count(j => j.Value.Job.Type == typeof(RiskModelJob) && j.Value.Job.Args[0] is Guid id && id == company.TenantId);

        for (var press = 0; press < 3; press++)
        {
            (await client.SubmitAsync("/Risk/Model?handler=Retrain", [], formPage: "/Risk/Model")).Dispose();
        }

        var afterThree = Queued();
        Assert.Contains("A retraining run is already waiting to start", await client.GetPageAsync("/Risk/Model"), StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RiskModelJob>().RunAsync(company.TenantId, CancellationToken.None);
        }

        (await client.SubmitAsync("/Risk/Model?handler=Retrain", [], formPage: "/Risk/Model")).Dispose();

        Assert.Equal(1, afterThree);
        Assert.Equal(2, Queued());
        Assert.Contains("Retraining has started in the background", await client.GetPageAsync("/Risk/Model"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Band_cut_offs_are_validated_and_saved()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Careful GmbH");
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using (var invalid = await client.SubmitAsync(
                   "/Risk/Model?handler=Settings", [new("Settings.GraceDays", "3"), new("Settings.MediumFrom", "0.5"), new("Settings.HighFrom", "0.4")], "/Risk/Model"))
        {
            Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
            Assert.Contains("The High cut-off must be above the Medium cut-off.", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var valid = await client.SubmitAsync(
            "/Risk/Model?handler=Settings", [new("Settings.GraceDays", "3"), new("Settings.MediumFrom", "0.25"), new("Settings.HighFrom", "0.5")], "/Risk/Model");

        Assert.Equal(HttpStatusCode.Redirect, valid.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(company.TenantId);
        var saved = await scope.ServiceProvider.GetRequiredService<ArCollectDbContext>().RiskSettings.SingleAsync();
        Assert.Equal((3, 0.25, 0.5), (saved.GraceDays, saved.MediumFrom, saved.HighFrom));
    }

    private async Task SeedAsync(Guid tenantId, int customers, int invoices)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await DemoSeeder.SeedAsync(db, tenantId, [], new DemoOptions { Today = today, Customers = customers, Invoices = invoices }, CancellationToken.None);
    }
}
