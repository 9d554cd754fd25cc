using System.Diagnostics;
using System.Globalization;
using ArCollect.Bench;
using ArCollect.Infrastructure.Data.LocalPostgres;
using ArCollect.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

// Seeds a large demo tenant into a private cluster (reused on later runs), hosts the real app on loopback and
// measures dashboard, worklist and customer-list latency over HTTP next to hand-written single SQL statements run directly (the floor).
var options = BenchOptions.Parse(args);
await using var cluster = new LocalPostgresCluster(new LocalPostgresOptions { DataDirectory = options.DataDirectory, Port = options.Port });
await cluster.StartAsync(CancellationToken.None);
var settings = new Dictionary<string, string?>
{
    ["ConnectionStrings:Default"] = cluster.ConnectionString,
    ["Urls"] = "http://127.0.0.1:0",
    ["App:Role"] = "web",
    ["Demo:Seed"] = "true",
    ["Demo:Customers"] = options.Customers.ToString(CultureInfo.InvariantCulture),
    ["Demo:Invoices"] = options.Invoices.ToString(CultureInfo.InvariantCulture),
    ["Demo:Months"] = options.Months.ToString(CultureInfo.InvariantCulture),
    ["Serilog:MinimumLevel:Default"] = "Warning",
};
var seedClock = Stopwatch.StartNew();
await using var host = await AppHost.CreateAsync([], settings, seedDemo: true, CancellationToken.None);
Console.WriteLine($"Database ready in {seedClock.Elapsed.TotalSeconds:N0} s (seeding only on the first run).");
await Floor.AnalyzeAsync(cluster.ConnectionString);
await host.App.StartAsync();
var address = new Uri(host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

using var client = await BenchClient.SignInAsync(address, DemoBootstrap.Logins[1].Email, DemoBootstrap.Password);
var floor = new Floor(cluster.ConnectionString);
var tenantId = await floor.TenantIdAsync(DemoBootstrap.TenantName);
var today = DateOnly.FromDateTime(DateTime.UtcNow);
var yearAgo = today.AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
Console.WriteLine(await floor.SizeAsync(tenantId));

// Each measurement runs only when --only is absent or names it (e.g. --only forecast), so one page can be re-measured
// without waiting for the others.
var measurements = new (string Name, Func<Task<Measurement>> Run)[]
{
    ("aging", () => Measure.HttpAsync("Aging (today, by customer)", client, "/Dashboards/Aging", options.Requests)),
    ("aging", () => Measure.SqlAsync("  floor: aging by customer", () => floor.AgingTodayAsync(tenantId, today), options.Requests)),
    ("aging", () => Measure.HttpAsync($"Aging as of {yearAgo}", client, $"/Dashboards/Aging?asOf={yearAgo}", Math.Min(options.Requests, 10))),
    ("aging", () => Measure.SqlAsync("  floor: as-of aging by customer", () => floor.AgingAsOfAsync(tenantId, today.AddYears(-1)), Math.Min(options.Requests, 10))),
    ("kpis", () => Measure.HttpAsync("KPIs (12 months)", client, "/Dashboards/Kpis", options.Requests)),
    ("kpis", () => Measure.HttpAsync("KPIs (52 weeks)", client, "/Dashboards/Kpis?weekly=true", options.Requests)),
    ("kpis", () => Measure.SqlAsync("  floor: folded daily facts for 12 months (SQL)", () => floor.KpiMonthlyAsync(tenantId, today), options.Requests)),
    ("forecast", () => Measure.HttpAsync("Forecast (13 weeks)", client, "/Dashboards/Forecast", options.Requests)),
    ("forecast", () => Measure.SqlAsync("Forecast after each ledger change (recomputed)", async () =>
    {
        await floor.BumpLedgerAsync(tenantId);
        await client.GetByteArrayAsync("/Dashboards/Forecast");
    }, Math.Min(options.Requests, 20))),
    ("pages", () => Measure.HttpAsync("Worklist", client, "/Worklist", options.Requests)),
    ("pages", () => Measure.HttpAsync("Customers (first page)", client, "/Customers", options.Requests)),
};
var results = new List<Measurement>();
foreach (var (name, run) in measurements.Where(m => options.Only is null || m.Name == options.Only))
{
    results.Add(await run());
}

Console.WriteLine();
Console.WriteLine($"| measurement | requests | p50 ms | p95 ms | machine: {Environment.ProcessorCount} cores, {Environment.OSVersion} |");
Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
foreach (var m in results)
{
    Console.WriteLine($"| {m.Name} | {m.Count} | {m.P50:N0} | {m.P95:N0} | |");
}
