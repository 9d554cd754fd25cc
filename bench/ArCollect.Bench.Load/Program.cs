using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ArCollect.Bench.Load;
using ArCollect.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Load benchmark: the real app (role web) on a loopback port over a demo tenant of the given size, driven over HTTP by
// N concurrent signed-in users cycling through worklist, customers, an invoice, aging, KPIs and recording a payment.
// Prints throughput, p50/p95/p99 per page and errors, then checks every accepted payment is stored exactly once.
// Usage: dotnet run -c Release --project bench/ArCollect.Bench.Load -- [--users 20,100] [--seconds 30]
//        [--customers 500] [--invoices 25000] [--months 24] [--data DIR]. ARCOLLECT_BENCH_CONNECTION selects a database;
// otherwise a PostgreSQL cluster is started from the local binaries: in --data DIR when given (kept, and reused with
// its demo tenant on later runs, e.g. the one-million-invoice cluster of bench/ArCollect.Bench), else a throwaway one.
var users = Arg("--users", "20,100").Split(',').Select(u => int.Parse(u, CultureInfo.InvariantCulture)).ToList();
var seconds = int.Parse(Arg("--seconds", "30"), CultureInfo.InvariantCulture);
var settings = new Dictionary<string, string?>
{
    ["Urls"] = "http://127.0.0.1:0",
    ["App:Role"] = "web",
    ["Demo:Seed"] = "true",
    ["Demo:Customers"] = Arg("--customers", "500"),
    ["Demo:Invoices"] = Arg("--invoices", "25000"),
    ["Demo:Months"] = Arg("--months", "24"),
    ["Serilog:MinimumLevel:Default"] = "Error",
};
var connection = Environment.GetEnvironmentVariable("ARCOLLECT_BENCH_CONNECTION");
if (string.IsNullOrWhiteSpace(connection))
{
    var data = Arg("--data", "");
    settings["LocalPostgres:DataDirectory"] = data.Length > 0 ? Path.GetFullPath(data) : Directory.CreateTempSubdirectory("arcollect-load-").FullName;
    settings["LocalPostgres:Port"] = FreePort().ToString(CultureInfo.InvariantCulture);
}
else
{
    settings["ConnectionStrings:Default"] = connection;
}

var seeding = Stopwatch.StartNew();
await using var host = await AppHost.CreateAsync([], settings, seedDemo: true, CancellationToken.None);
await host.App.StartAsync();
var address = new Uri(host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
// The checks below count across the whole database, which the app login's row-level security would hide.
var database = host.Database.OwnerConnectionString;
var invoices = await IdsAsync("SELECT id FROM invoices WHERE balance > 0 ORDER BY id LIMIT 1000");
var payers = await IdsAsync("SELECT customer_id FROM invoices WHERE balance > 0 GROUP BY customer_id HAVING sum(balance) > 1000 ORDER BY customer_id LIMIT 300");
var invoiceCount = await ScalarAsync<long>("SELECT count(*) FROM invoices");
Console.WriteLine($"Host ready at {address} in {seeding.Elapsed.TotalSeconds:F0} s: {invoiceCount:N0} invoices, {Environment.ProcessorCount} cores, .NET {Environment.Version}.");
Console.WriteLine();
Console.WriteLine("| users | page | requests | per second | p50 ms | p95 ms | p99 ms | errors |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");

var checks = new List<string>();
for (var run = 0; run < users.Count; run++)
{
    var count = users[run];
    var samples = new ConcurrentBag<(string Page, double Ms, bool Ok)>();
    var accepted = new ConcurrentBag<string>();
    var clients = new List<LoadUser>();
    for (var u = 0; u < count; u++)
    {
        var client = new LoadUser(address);
        await client.SignInAsync("manager@demo.arcollect.test", "demo-password-2026");
        clients.Add(client);
    }

    var stopAt = DateTime.UtcNow.AddSeconds(seconds);
    var clock = Stopwatch.StartNew();
    var prefix = $"LOAD-{Guid.NewGuid():N}"[..13];
    await Task.WhenAll(clients.Select((client, u) => Task.Run(async () =>
    {
        var random = new Random(u);
        for (var n = 0; DateTime.UtcNow < stopAt; n++)
        {
            var kind = (n + u) % 6;
            var page = kind switch { 0 => "worklist", 1 => "customers", 2 => "invoice", 3 => "aging", 4 => "KPIs", _ => "record payment" };
            try
            {
                var reference = $"{prefix}-{u}-{n}";
                var (status, elapsed) = kind switch
                {
                    0 => await client.GetAsync("/Worklist"),
                    1 => await client.GetAsync("/Customers"),
                    2 => await client.GetAsync($"/Invoices/Details/{invoices[random.Next(invoices.Count)]}"),
                    3 => await client.GetAsync("/Dashboards/Aging"),
                    4 => await client.GetAsync("/Dashboards/Kpis"),
                    _ => await PayAsync(client, payers[random.Next(payers.Count)], reference),
                };
                var ok = kind == 5 ? status == 302 : status == 200;
                if (kind == 5 && ok)
                {
                    accepted.Add(reference);
                }

                samples.Add((page, elapsed.TotalMilliseconds, ok));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                samples.Add((page, 0, false));
            }
        }
    })));
    var wall = clock.Elapsed.TotalSeconds;
    foreach (var group in samples.GroupBy(s => s.Page).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var times = group.Where(s => s.Ok).Select(s => s.Ms).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {count} | {group.Key} | {group.Count():N0} | {group.Count() / wall:F1} | {Pct(times, 50):F0} | {Pct(times, 95):F0} | {Pct(times, 99):F0} | {group.Count(s => !s.Ok)} |"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {count} | **all** | {samples.Count:N0} | {samples.Count / wall:F1} | {Pct(samples.Where(s => s.Ok).Select(s => s.Ms).Order().ToList(), 50):F0} | {Pct(samples.Where(s => s.Ok).Select(s => s.Ms).Order().ToList(), 95):F0} | {Pct(samples.Where(s => s.Ok).Select(s => s.Ms).Order().ToList(), 99):F0} | {samples.Count(s => !s.Ok)} |"));

    // Every payment the app answered "recorded" must be stored exactly once, and nothing else under this run's prefix.
    var stored = await ReferencesAsync(prefix);
    var acceptedSet = accepted.ToHashSet();
    var lost = acceptedSet.Count(r => !stored.ContainsKey(r));
    var doubled = stored.Values.Sum(n => n - 1);
    var unexpected = stored.Keys.Count(r => !acceptedSet.Contains(r));
    checks.Add($"{count} users: {acceptedSet.Count:N0} payments accepted, {stored.Count:N0} stored, lost {lost}, doubled {doubled}, stored without an answer {unexpected}");
    clients.ForEach(c => c.Dispose());
}

Console.WriteLine();
checks.ForEach(Console.WriteLine);
return 0;

static async Task<(int Status, TimeSpan Elapsed)> PayAsync(LoadUser client, Guid customer, string reference) =>
    await client.SubmitAsync($"/Payments/Record?customerId={customer}", "/Payments/Record",
    [
        new("Input.CustomerId", customer.ToString()), new("Input.Amount", "1.00"), new("Input.Currency", "EUR"),
        new("Input.ReceivedOn", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("Input.Reference", reference),
        new("Input.Method", "BankTransfer"),
    ]);

static double Pct(List<double> sorted, int percentile) =>
    sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];

string Arg(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

async Task<List<Guid>> IdsAsync(string sql)
{
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await using var reader = await command.ExecuteReaderAsync();
    var ids = new List<Guid>();
    while (await reader.ReadAsync())
    {
        ids.Add(reader.GetGuid(0));
    }

    return ids;
}

async Task<T> ScalarAsync<T>(string sql)
{
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    return (T)(await command.ExecuteScalarAsync())!;
}

async Task<Dictionary<string, int>> ReferencesAsync(string prefix)
{
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT reference, count(*)::int FROM payments WHERE reference LIKE @prefix GROUP BY reference", connection);
    command.Parameters.AddWithValue("prefix", prefix + "-%");
    await using var reader = await command.ExecuteReaderAsync();
    var stored = new Dictionary<string, int>();
    while (await reader.ReadAsync())
    {
        stored[reader.GetString(0)] = reader.GetInt32(1);
    }

    return stored;
}
