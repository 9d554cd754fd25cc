using System.Diagnostics;
using System.Globalization;
using ArCollect.Bench.Risk;
using ArCollect.Domain.Risk;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Data.LocalPostgres;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Risk;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

// Nightly risk job at scale: training time, end-to-end scoring rate (read, features, Transform, COPY + rollup),
// and the bare Transform rate on in-memory rows as the floor. Usage: dotnet run -c Release -- [invoices] [open share]
// The learning curve of the keep decision: dotnet run -c Release -- learning-curve [sizes...]
if (args.Length > 0 && args[0] == "learning-curve")
{
    int[] sizes = args.Length > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [500, 1000, 2000, 4000, 8000];
    LearningCurve.Run(sizes, Console.Out);
    return;
}

var invoiceCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var openShare = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.2;
var today = new DateOnly(2026, 6, 15);

var connection = Environment.GetEnvironmentVariable("ARCOLLECT_BENCH_CONNECTION");
LocalPostgresCluster? cluster = null;
if (connection is null)
{
    var folder = Directory.CreateTempSubdirectory("arcollect-bench-risk-").FullName;
    cluster = new LocalPostgresCluster(new LocalPostgresOptions { DataDirectory = folder, Port = 54000 + Random.Shared.Next(900), Ephemeral = true });
    await cluster.StartAsync(CancellationToken.None);
    connection = cluster.ConnectionString;
}

try
{
    await DatabaseMigrator.MigrateAsync(connection, CancellationToken.None);
    var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddArCollectData(connection).AddArCollectRisk().BuildServiceProvider();
    var tenantId = Guid.CreateVersion7();
    await using (var scope = services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        db.Tenants.Add(new Tenant { Id = tenantId, Name = "Bench GmbH", BaseCurrency = "EUR", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    var clock = Stopwatch.StartNew();
    var (customers, invoices) = BenchLedger.Generate(tenantId, invoiceCount, openShare, today);
    await using (var scope = Scope(services, tenantId))
    {
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await BulkLoader.InsertAsync(db, customers, CancellationToken.None);
        await BulkLoader.InsertAsync(db, invoices, CancellationToken.None);
        await transaction.CommitAsync();
    }

    var open = invoices.Count(i => i.SettledOn is null);
    Console.WriteLine($"Loaded {customers.Count} customers and {invoices.Count} invoices ({open} open) in {clock.Elapsed.TotalSeconds:F1} s.");
    customers = null;
    invoices = null;

    // Training, as the nightly job does it: read, build features, fit, judge, store.
    await using var jobScope = Scope(services, tenantId);
    var context = jobScope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
    var service = new RiskModelService(context, new FixedTime(today), NullLogger<RiskModelService>.Instance);
    var summary = await service.TrainAndScoreAsync(CancellationToken.None);
    Console.WriteLine(RiskReportTable.Format(summary.Report));
    Console.WriteLine($"Nightly job: training {summary.TrainingTime.TotalSeconds:F1} s (read, features, fit, judge, refit, store on {summary.Run.RowsUsed} settled invoices), scoring {summary.ScoringTime.TotalSeconds:F1} s for {summary.ScoredInvoices} open invoices.");

    // End-to-end scoring on its own: read the ledger, build features, Transform, reasons, COPY, roll up.
    clock.Restart();
    var settings = await RiskModelService.SettingsAsync(context, tenantId, CancellationToken.None);
    var scored = await service.ScoreAsync(await RiskHistoryReader.ReadAsync(context, CancellationToken.None), settings, CancellationToken.None);
    var endToEnd = clock.Elapsed;

    // The floor: the stored models' Transform over the same open invoices' features already in memory.
    var run = await context.RiskModels.AsNoTracking().SingleAsync(r => r.IsActive);
    var histories = await RiskHistoryReader.ReadAsync(context, CancellationToken.None);
    var openFeatures = histories.SelectMany(h => h.Invoices.Where(i => i.SettledOn is null).Select(i => RiskFeatureBuilder.Build(i, h, today, 5))).ToList();
    var models = run is { ClassifierBytes: not null } or { RegressorBytes: not null } ? new RiskModelSet(run.ClassifierBytes, run.RegressorBytes, RiskJson.Read(run.MetricsJson)) : null;
    if (models is null)
    {
        Console.WriteLine("No model was kept, so there is no Transform to time.");
        return;
    }

    models.Predict(openFeatures.Take(1000).ToList());
    // Where the end-to-end time goes, each step timed on its own.
    var report = RiskJson.Read(run.MetricsJson);
    Console.WriteLine("Breakdown of scoring:");
    clock.Restart();
    await RiskHistoryReader.ReadAsync(context, CancellationToken.None);
    Console.WriteLine($"  read the ledger {clock.Elapsed.TotalSeconds:F2} s");
    clock.Restart();
    _ = histories.SelectMany(h => h.Invoices.Where(i => i.SettledOn is null).Select(i => RiskFeatureBuilder.Build(i, h, today, 5))).ToList();
    Console.WriteLine($"  features of the open invoices {clock.Elapsed.TotalSeconds:F2} s");
    clock.Restart();
    foreach (var f in openFeatures)
    {
        RiskReasons.Explain(f, report.FeatureStats);
    }

    Console.WriteLine($"  reasons {clock.Elapsed.TotalSeconds:F2} s");
    clock.Restart();
    models.Predict(openFeatures);
    var bare = clock.Elapsed;
    var endToEndRate = scored / endToEnd.TotalSeconds;
    var bareRate = openFeatures.Count / bare.TotalSeconds;
    Console.WriteLine($"Scoring end to end: {scored} open invoices in {endToEnd.TotalSeconds:F1} s = {endToEndRate:N0} invoices/s.");
    Console.WriteLine($"Bare Transform (both models, in-memory features): {openFeatures.Count} in {bare.TotalSeconds:F2} s = {bareRate:N0} invoices/s; end to end is {endToEndRate / bareRate:P0} of it.");
}
finally
{
    if (cluster is not null)
    {
        await cluster.StopAsync();
    }
}

static AsyncServiceScope Scope(IServiceProvider services, Guid tenantId)
{
    var scope = services.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
    return scope;
}

/// <summary>The benchmark's "today", so the open invoices are open on the scoring date.</summary>
internal sealed class FixedTime(DateOnly today) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
}
