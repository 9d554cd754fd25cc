using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Calls;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Forecasting;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Hosting;

public sealed record DemoLogin(string Role, string Email, string Password);

/// <summary>
/// Creates the demo tenant with its users and a realistic ledger when the database has no tenant yet. A seed that
/// stopped part-way (the tenant and some users exist, the ledger, loaded in one transaction, does not) is resumed on
/// the next start: the missing users are added and the ledger and everything after it are seeded then.
/// </summary>
public static class DemoBootstrap
{
    public const string TenantName = "Demo Trading GmbH";
    public const string Password = "demo-password-2026";

    public static readonly IReadOnlyList<DemoLogin> Logins =
    [
        new(Roles.Admin, "admin@demo.arcollect.test", Password),
        new(Roles.Manager, "manager@demo.arcollect.test", Password),
        new(Roles.Clerk, "clerk@demo.arcollect.test", Password),
    ];

    private static readonly (string Name, string Email)[] Collectors =
    [
        ("Jana Keller", "jana.keller@demo.arcollect.test"),
        ("Tom Becker", "tom.becker@demo.arcollect.test"),
    ];

    public static async Task<IReadOnlyList<DemoLogin>> EnsureAsync(
        IServiceProvider services, bool seed, DemoOptionsSection options, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provisioning = scope.ServiceProvider.GetRequiredService<TenantProvisioning>();
        await provisioning.EnsureRolesAsync();
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var existing = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Name == TenantName, cancellationToken);
        if (existing is not null)
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(existing.Id);
            if (!seed || await db.Customers.AnyAsync(cancellationToken))
            {
                return Logins;
            }

            Console.WriteLine("The demo tenant has no ledger yet: an earlier seed stopped part-way. Completing it now...");
            await CompleteAsync(scope.ServiceProvider, provisioning, existing.Id, options, cancellationToken);
            return Logins;
        }

        if (!seed || await db.Tenants.AnyAsync(cancellationToken))
        {
            return [];
        }

        Console.WriteLine($"Seeding the demo tenant ({options.Customers} customers, {options.Invoices} invoices)...");
        var admin = Logins[0];
        var signUp = await provisioning.SignUpAsync(TenantName, "EUR", "Demo Admin", admin.Email, admin.Password, cancellationToken);
        if (!signUp.Succeeded)
        {
            throw new InvalidOperationException("Could not create the demo tenant: " + string.Join("; ", signUp.Errors.Select(e => e.Message)));
        }

        await CompleteAsync(scope.ServiceProvider, provisioning, signUp.TenantId!.Value, options, cancellationToken);
        return Logins;
    }

    /// <summary>Everything after the sign-up; each user is added only if missing, so a stopped seed can run it again.</summary>
    private static async Task CompleteAsync(
        IServiceProvider services, TenantProvisioning provisioning, Guid tenantId, DemoOptionsSection options, CancellationToken cancellationToken)
    {
        await provisioning.AddUserAsync("Maria Manager", Logins[1].Email, Roles.Manager, Password);
        await provisioning.AddUserAsync("Chris Clerk", Logins[2].Email, Roles.Clerk, Password);
        var collectorIds = new List<Guid>();
        foreach (var (name, email) in Collectors)
        {
            var (result, user) = await provisioning.AddUserAsync(name, email, Roles.Clerk, Password);
            collectorIds.Add((user ?? result.ExistingUser ?? throw new InvalidOperationException(
                $"Could not add the demo collector {email}: " + string.Join("; ", result.Errors.Select(e => e.Message)))).Id);
        }

        await SeedLedgerAsync(services, tenantId, collectorIds, options, cancellationToken);
        await TrainFirstModelAsync(services, tenantId, cancellationToken);
    }

    private static async Task SeedLedgerAsync(
        IServiceProvider services, Guid tenantId, List<Guid> collectorIds, DemoOptionsSection options, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ArCollectDbContext>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var result = await DemoSeeder.SeedAsync(
            db, tenantId, collectorIds, new DemoOptions { Today = today, Customers = options.Customers, Invoices = options.Invoices, Months = options.Months }, cancellationToken);
        await DemoBranding.ApplyAsync(db, tenantId, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
        Console.WriteLine(
            $"Seeded {result.Customers} customers, {result.Invoices} invoices and {result.Payments} payments in {result.Elapsed.TotalSeconds:F1} s.");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var mobiles = await DemoSms.PrepareAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
        var reminders = await DemoReminderHistory.GenerateAsync(
            db, services.GetRequiredService<ReminderTemplateEngine>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
        Console.WriteLine($"Replayed six weeks of reminder runs: {reminders} reminders sent, in {started.Elapsed.TotalSeconds:F1} s.");
        var (texts, calls) = await DemoSms.FinishAsync(db, services.GetRequiredService<CallOutcomes>(), today, cancellationToken);
        Console.WriteLine($"Demo SMS and calls: {mobiles} contacts with a mobile number and consent, {texts} texts sent, {calls} call outcomes recorded.");
        var (applied, waiting) = await DemoCashApplication.SeedAsync(services, tenantId, today, cancellationToken);
        Console.WriteLine($"Imported three weekly bank statements: {applied} receipts applied themselves, {waiting} wait in the unapplied-cash queue.");
        var (plans, promises) = await DemoPlans.SeedAsync(db, today, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
        Console.WriteLine($"Demo payment plans: {plans}, promises kept or broken: {promises}");
        started.Restart();
        var record = await services.GetRequiredService<ForecastTrackRecord>().RunAsync(ForecastTrackRecord.DefaultOrigins, fillSnapshots: true, cancellationToken);
        Console.WriteLine($"Replayed {record.Origins} weekly cash forecasts against what arrived, in {started.Elapsed.TotalSeconds:F1} s.");
    }

    /// <summary>
    /// A fresh portal link of one demo customer with open invoices (the first by name), printed with the logins so the
    /// customer's side can be tried at once; returns the customer and the link's site-relative path.
    /// </summary>
    public static async Task<(string Customer, string Path)?> PortalLinkAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var tenantId = await db.Tenants.AsNoTracking().Where(t => t.Name == TenantName).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (tenantId is null)
        {
            return null;
        }

        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId.Value);
        var customer = await db.Customers.AsNoTracking()
            .Where(c => db.Invoices.Any(i => i.CustomerId == c.Id && i.Balance > 0) && c.Contacts.Any())
            .OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var issued = await scope.ServiceProvider.GetRequiredService<Infrastructure.Portal.PortalLinks>().IssueAsync(customer.Id, "Demo start", null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (customer.Name, "/portal/" + issued.Token);
    }

    /// <summary>The demo opens with scores on every open invoice instead of waiting for the first night.</summary>
    private static async Task TrainFirstModelAsync(IServiceProvider services, Guid tenantId, CancellationToken cancellationToken)
    {
        var job = services.GetRequiredService<RiskModelJob>();
        var summary = await job.RunAsync(tenantId, cancellationToken);
        var m = summary.Report.Model;
        var h = summary.Report.Heuristic;
        Console.WriteLine(m is null
            ? $"Payment-delay prediction: {summary.Report.Outcome}"
            : $"Trained payment-delay model v{summary.Run.Version} on {summary.Run.RowsUsed} settled invoices in {summary.TrainingTime.TotalSeconds:F1} s: "
              + $"AUC {m.Auc:F3} (heuristic {h.Auc:F3}), MAE {m.MaeDays:F1} days (heuristic {h.MaeDays:F1}); "
              + $"{(summary.NewModelActive ? "model" : "heuristic")} scored {summary.ScoredInvoices} open invoices in {summary.ScoringTime.TotalSeconds:F1} s.");
    }
}
