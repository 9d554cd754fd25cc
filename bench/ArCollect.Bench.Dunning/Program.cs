using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ArCollect.Bench.Dunning;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Data.LocalPostgres;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Reminder run benchmark: 20,000 customers with 100,000 open invoices. Uses ARCOLLECT_BENCH_CONNECTION if set,
// else a throwaway PostgreSQL cluster from the local binaries. Prints decisions/s and SQL round trips per batch.
var customers = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
var invoices = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var connection = Environment.GetEnvironmentVariable("ARCOLLECT_BENCH_CONNECTION");
LocalPostgresCluster? cluster = null;
if (string.IsNullOrWhiteSpace(connection))
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    cluster = new LocalPostgresCluster(new LocalPostgresOptions
    {
        DataDirectory = Directory.CreateTempSubdirectory("arcollect-bench-").FullName,
        Port = port,
        Database = "bench",
        Ephemeral = true,
    });
    await cluster.StartAsync(CancellationToken.None);
    connection = cluster.ConnectionString;
}

try
{
    await DatabaseMigrator.MigrateAsync(connection, CancellationToken.None);
    var services = new ServiceCollection();
    services.AddLogging();
    services.AddSingleton(TimeProvider.System);
    services.AddArCollectData(connection);
    services.AddDataProtection().UseEphemeralDataProtectionProvider();
    services.AddArCollectDunning(new ConfigurationBuilder().Build());
    await using var provider = services.BuildServiceProvider();

    var load = Stopwatch.StartNew();
    var tenantId = await BenchLedger.CreateAsync(provider, customers, invoices);
    Console.WriteLine($"Loaded {customers:N0} customers and {invoices:N0} open invoices in {load.Elapsed.TotalSeconds:F1} s.");

    using var counter = new RoundTripCounter();
    await using var scope = provider.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
    var run = Stopwatch.StartNew();
    var result = await scope.ServiceProvider.GetRequiredService<ReminderRunner>().RunAsync(CancellationToken.None);
    run.Stop();
    Console.WriteLine($"Run: {result.Customers:N0} customers in {result.Batches} batches, {result.Decisions:N0} decisions, "
        + $"{result.Messages:N0} messages, {result.Parked} parked, {result.Tasks:N0} tasks in {run.Elapsed.TotalSeconds:F1} s.");
    Console.WriteLine($"Decisions/s: {result.Decisions / run.Elapsed.TotalSeconds:N0}; customers/s: {result.Customers / run.Elapsed.TotalSeconds:N0}.");
    Console.WriteLine($"SQL round trips: {counter.Count:N0} in total, {(double)counter.Count / Math.Max(1, result.Batches):F1} per batch of "
        + $"{new DunningOptions().BatchSize} customers, {(double)counter.Count / Math.Max(1, result.Customers):F3} per customer.");
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }
}
