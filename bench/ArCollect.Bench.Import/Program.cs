using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ArCollect.Domain.Customers;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Data.LocalPostgres;
using ArCollect.Infrastructure.Imports;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// Imports N invoices from CSV through the real importer, and COPYs the same file into an unindexed table in the
// same run, on a private PostgreSQL cluster, then COPYs the imported rows into indexed copies of the real tables.
// Usage: dotnet run -c Release --project bench/ArCollect.Bench.Import [rows] [--explain]
// --explain logs EXPLAIN (ANALYZE, BUFFERS, WAL) of every statement over 200 ms, with trigger times, and prints it.
// With "payments [rows]" it then imports as many payments for those invoices and reports that import instead.
var payments = args.Length > 0 && args[0] == "payments";
args = payments ? args[1..] : args;
var rows = args.Length > 0 && args[0] != "--explain" ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var explain = args.Contains("--explain");
const int Customers = 1_000;
// Readable by others: as root, the cluster runs as the postgres user, which must reach its data folder.
var workPath = Path.Combine(Path.GetTempPath(), $"arcollect-bench-{Guid.NewGuid():N}");
var work = OperatingSystem.IsWindows() ? Directory.CreateDirectory(workPath) : Directory.CreateDirectory(workPath,
    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
await using var cluster = new LocalPostgresCluster(new LocalPostgresOptions { DataDirectory = Path.Combine(work.FullName, "pg"), Port = FreePort(), Ephemeral = true });
await cluster.StartAsync(CancellationToken.None);
await DatabaseMigrator.MigrateAsync(cluster.ConnectionString, CancellationToken.None);
var serverLog = Path.Combine(cluster.DataDirectory, "postgres.log");
if (explain)
{
    await Profiling.EnableAutoExplainAsync(cluster.ConnectionString);
}

var services = new ServiceCollection().AddLogging(log => log.AddSimpleConsole().SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning)).AddSingleton(TimeProvider.System);
services.AddArCollectData(cluster.ConnectionString).AddArCollectInvoicing();
await using var provider = services.BuildServiceProvider();
var tenantId = Guid.CreateVersion7();
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
    db.Tenants.Add(new Tenant { Id = tenantId, Name = "Bench", BaseCurrency = "EUR", CreatedAt = DateTimeOffset.UtcNow });
    await db.SaveChangesAsync();
}

await using (var scope = provider.CreateAsyncScope())
{
    scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
    var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
    for (var c = 0; c < Customers; c++)
    {
        db.Customers.Add(new Customer { Id = Guid.CreateVersion7(), ExternalId = $"C-{c}", Name = $"Customer {c}", Currency = "EUR", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
    }

    await db.SaveChangesAsync();
}

var file = Path.Combine(work.FullName, "invoices.csv");
await using (var writer = new StreamWriter(file))
{
    await writer.WriteLineAsync("invoice_number,customer_external_id,issue_date,due_date,currency,description,quantity,unit_price,tax_rate");
    var start = new DateOnly(2024, 1, 1);
    for (var i = 0; i < rows; i++)
    {
        var issued = start.AddDays(i % 700);
        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"INV-{i:0000000},C-{i % Customers},{issued:yyyy-MM-dd},{issued.AddDays(30):yyyy-MM-dd},EUR,Services rendered in period {i % 12 + 1},{i % 5 + 1},{(i % 997) + 0.5m:0.00},19"));
    }
}

var fileMb = new FileInfo(file).Length / 1024.0 / 1024.0;
var logStart = new FileInfo(serverLog).Length;
var clock = Stopwatch.StartNew();
var serverCpuBefore = Profiling.ServerCpuSeconds(cluster.DataDirectory);
var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
ImportReport report;
await using (var scope = provider.CreateAsyncScope())
{
    scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
    await using var input = File.OpenRead(file);
    report = await scope.ServiceProvider.GetRequiredService<InvoiceCsvImporter>().ImportAsync(input, ImportMode.AllOrNothing, null, CancellationToken.None);
}

var importSeconds = clock.Elapsed.TotalSeconds;
var serverCpu = Profiling.ServerCpuSeconds(cluster.DataDirectory) - serverCpuBefore;
var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore).TotalSeconds;
var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
if (!report.Committed || report.Created != rows)
{
    Console.Error.WriteLine($"import failed: created {report.Created}, {report.ErrorCount} errors, first: {(report.Errors.Count > 0 ? report.Errors[0] : null)}");
    return 1;
}

if (payments)
{
    return await ImportPaymentsAsync();
}

await using var connection = new NpgsqlConnection(cluster.ConnectionString);
await connection.OpenAsync();
await using (var create = new NpgsqlCommand(
    "CREATE TABLE raw_rows (invoice_number text, customer_external_id text, issue_date date, due_date date, currency text, description text, quantity numeric, unit_price numeric, tax_rate numeric)", connection))
{
    await create.ExecuteNonQueryAsync();
}

clock.Restart();
await using (var copy = await connection.BeginTextImportAsync("COPY raw_rows FROM STDIN (FORMAT csv, HEADER true)"))
using (var source = File.OpenText(file))
{
    var buffer = new char[1 << 16];
    int read;
    while ((read = await source.ReadAsync(buffer)) > 0)
    {
        await copy.WriteAsync(buffer, 0, read);
    }
}

var copySeconds = clock.Elapsed.TotalSeconds;
var plans = explain ? Profiling.Plans(serverLog, logStart) : "";
var (floorInvoices, floorLines) = await Profiling.IndexedFloorAsync(connection);
var memory = File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim();
Console.WriteLine($"rows: {rows:N0} invoices, file {fileMb:N0} MB");
Console.WriteLine($"import (parse + validate + binary COPY to staging + checks + merge into invoices, lines, audit): {importSeconds:N1} s, {rows / importSeconds:N0} rows/s");
Console.WriteLine($"import CPU: server processes {serverCpu:N1} s, this process {clientCpu:N1} s");
Console.WriteLine($"raw COPY of the same file into an unindexed table: {copySeconds:N1} s, {rows / copySeconds:N0} rows/s");
Console.WriteLine($"ratio import/raw COPY throughput: {copySeconds / importSeconds:P0}");
Console.WriteLine($"second floor, binary COPY of the imported rows into indexed copies (no FKs, no RLS): invoices {floorInvoices:N1} s + lines {floorLines:N1} s = {floorInvoices + floorLines:N1} s; ratio import/that floor: {(floorInvoices + floorLines) / importSeconds:P0}");
Console.WriteLine($"peak working set of the process: {peakMb:N0} MB");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {memory} RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
if (explain)
{
    foreach (var (index, seconds) in await Profiling.IndexCostsAsync(connection))
    {
        Console.WriteLine($"COPY of the imported invoices into a copy of invoices with only {index}: {seconds:N2} s");
    }

    Console.WriteLine(plans);
}

work.Delete(recursive: true);
return 0;

// One payment per invoice: even rows name their invoice, odd rows pay the customer's oldest invoices; amounts are
// 60-100 % of an invoice, so many invoices stay partly open and money crosses invoices.
async Task<int> ImportPaymentsAsync()
{
    var paymentFile = Path.Combine(work.FullName, "payments.csv");
    await using (var writer = new StreamWriter(paymentFile))
    {
        await writer.WriteLineAsync("reference,customer_external_id,received_on,amount,currency,method,invoice_number");
        for (var i = 0; i < rows; i++)
        {
            var amount = ((i % 997) + 0.5m) * (i % 5 + 1) * 1.19m * (60 + i % 41) / 100m;
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"PAY-{i:0000000},C-{i % Customers},2025-12-{i % 28 + 1:00},{amount:0.00},EUR,,{(i % 2 == 0 ? $"INV-{i:0000000}" : "")}"));
        }
    }

    var paymentMb = new FileInfo(paymentFile).Length / 1024.0 / 1024.0;
    clock.Restart();
    await using (var scope = provider.CreateAsyncScope())
    {
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        await using var input = File.OpenRead(paymentFile);
        report = await scope.ServiceProvider.GetRequiredService<PaymentCsvImporter>().ImportAsync(input, ImportMode.AllOrNothing, null, CancellationToken.None);
    }

    var seconds = clock.Elapsed.TotalSeconds;
    if (!report.Committed || report.Created != rows)
    {
        Console.Error.WriteLine($"payment import failed: created {report.Created}, {report.ErrorCount} errors, first: {(report.Errors.Count > 0 ? report.Errors[0] : null)}");
        return 1;
    }

    Console.WriteLine($"rows: {rows:N0} payments over {rows:N0} invoices of {Customers:N0} customers, file {paymentMb:N0} MB");
    Console.WriteLine($"payment import (parse + validate + COPY + checks + allocation + merge): {seconds:N1} s, {rows / seconds:N0} rows/s");
    Console.WriteLine($"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:N0} MB");
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    work.Delete(recursive: true);
    return 0;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
