using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Payments.Stripe;
using ArCollect.Infrastructure.Portal;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Portal benchmark: the real app (role web) on a loopback port. One customer with N open invoices opens the portal
// home over HTTP (p50/p95 after a warm-up), then Stripe's signed checkout.session.completed webhook is posted once per
// invoice and timed until the payment is recorded (answer 200): the first ones after start on their own row (the .NET
// tiered JIT compiles a method's optimised code after 30 calls), then the measured ones. Checks afterwards that every
// webhook recorded exactly one payment. Usage: dotnet run -c Release --project bench/ArCollect.Bench.Portal --
// [--invoices 500] [--requests 200] [--webhooks 200] [--warmup-webhooks 40]. ARCOLLECT_BENCH_CONNECTION selects a
// database; otherwise a throwaway PostgreSQL cluster is started from the local binaries.
var invoiceCount = int.Parse(Arg("--invoices", "500"), CultureInfo.InvariantCulture);
var requests = int.Parse(Arg("--requests", "200"), CultureInfo.InvariantCulture);
var warmupWebhooks = Math.Min(invoiceCount / 2, int.Parse(Arg("--warmup-webhooks", "40"), CultureInfo.InvariantCulture));
var webhooks = Math.Min(invoiceCount - warmupWebhooks, int.Parse(Arg("--webhooks", "200"), CultureInfo.InvariantCulture));
const string webhookSecret = "whsec_benchmark000000000000000";
var settings = new Dictionary<string, string?>
{
    ["Urls"] = "http://127.0.0.1:0",
    ["App:Role"] = "web",
    ["Demo:Seed"] = "false",
    ["Serilog:MinimumLevel:Default"] = "Error",
    // The benchmark's one client asks far more often than a customer would.
    ["Portal:RequestsPerMinutePerAddress"] = "1000000",
    ["Portal:RequestsPerMinutePerToken"] = "1000000",
};
var connection = Environment.GetEnvironmentVariable("ARCOLLECT_BENCH_CONNECTION");
if (string.IsNullOrWhiteSpace(connection))
{
    settings["LocalPostgres:DataDirectory"] = Directory.CreateTempSubdirectory("arcollect-portal-").FullName;
    settings["LocalPostgres:Port"] = FreePort().ToString(CultureInfo.InvariantCulture);
}
else
{
    settings["ConnectionStrings:Default"] = connection;
}

await using var host = await AppHost.CreateAsync([], settings, seedDemo: false, CancellationToken.None);
await host.App.StartAsync();
var services = host.App.Services;
var address = new Uri(services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
var time = services.GetRequiredService<TimeProvider>();
var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

// A company, one customer with N open invoices, a portal link and Stripe keys, written as the app writes them.
Guid tenantId, customerId;
string link;
List<(Guid Id, decimal Amount)> invoices;
await using (var scope = services.CreateAsyncScope())
{
    var signUp = await scope.ServiceProvider.GetRequiredService<TenantProvisioning>()
        .SignUpAsync("Portal Bench", "EUR", "Bench Admin", $"admin-{Guid.NewGuid():N}@bench.test", "bench-password-2026", CancellationToken.None);
    tenantId = signUp.TenantId!.Value;
    scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
    var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
    var customer = new Customer { Id = Guid.CreateVersion7(), Name = "Bench Buyer", Currency = "EUR", PaymentTermsDays = 30, CreatedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow() };
    db.Customers.Add(customer);
    customerId = customer.Id;
    invoices = [];
    for (var i = 0; i < invoiceCount; i++)
    {
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            Number = $"BENCH-{i + 1:D5}",
            IssueDate = today.AddDays(-60 + (i % 50)),
            DueDate = today.AddDays(-30 + (i % 50)),
            Currency = "EUR",
            CreatedAt = time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
        };
        InvoiceTotals.Apply(invoice, [new InvoiceLineInput { Description = "Services", Quantity = 1m, UnitPrice = 100m + i }]);
        db.Invoices.Add(invoice);
        invoices.Add((invoice.Id, invoice.Total));
    }

    var secrets = scope.ServiceProvider.GetRequiredService<StripeSecrets>();
    db.StripeSettings.Add(new StripeSettings
    {
        TenantId = tenantId,
        Enabled = true,
        SecretKeyProtected = secrets.Protect("sk_test_benchmark0000000000"),
        WebhookSecretProtected = secrets.Protect(webhookSecret),
        UpdatedAt = time.GetUtcNow(),
    });
    await db.SaveChangesAsync();
    var issued = await scope.ServiceProvider.GetRequiredService<PortalLinks>().IssueAsync(customer.Id, "Benchmark", null, CancellationToken.None);
    await db.SaveChangesAsync();
    link = "/portal/" + issued.Token;
}

using var http = new HttpClient { BaseAddress = address };
Console.WriteLine($"Host ready at {address}: one customer with {invoiceCount:N0} open invoices, {Environment.ProcessorCount} cores, .NET {Environment.Version}.");
Console.WriteLine();
Console.WriteLine("| measure | runs | p50 ms | p95 ms | p99 ms | max ms | errors |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");

for (var i = 0; i < 10; i++)
{
    using var warm = await http.GetAsync(link);
}

var home = new List<double>();
var homeErrors = 0;
for (var i = 0; i < requests; i++)
{
    var clock = Stopwatch.StartNew();
    using var response = await http.GetAsync(link);
    var body = await response.Content.ReadAsStringAsync();
    clock.Stop();
    if (response.StatusCode == HttpStatusCode.OK && body.Contains("BENCH-00001", StringComparison.Ordinal))
    {
        home.Add(clock.Elapsed.TotalMilliseconds);
    }
    else
    {
        homeErrors++;
    }
}

Row($"portal home, {invoiceCount} open invoices", home, homeErrors);

var (firstHooks, firstErrors) = await WebhooksAsync(0, warmupWebhooks);
Row($"first {warmupWebhooks} signed webhooks after start", firstHooks, firstErrors);
var (hooks, hookErrors) = await WebhooksAsync(warmupWebhooks, webhooks);
Row("signed webhook to recorded payment", hooks, hookErrors);

await using (var scope = services.CreateAsyncScope())
{
    scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
    var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
    var recorded = await db.CardPayments.CountAsync();
    var paid = await db.Payments.CountAsync(p => p.Method == PaymentMethod.Card);
    Console.WriteLine();
    Console.WriteLine($"{warmupWebhooks + webhooks} webhooks sent: {recorded} card payments and {paid} payments recorded (each should equal the webhooks sent).");
}

return 0;

async Task<(List<double> Times, int Errors)> WebhooksAsync(int first, int count)
{
    var times = new List<double>();
    var errors = 0;
    for (var i = first; i < first + count; i++)
    {
        var (id, amount) = invoices[i];
        var payload = EventJson($"evt_bench_{i}", $"cs_bench_{i}", id, amount);
        var signature = Sign(payload, webhookSecret, time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/stripe/{tenantId}") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        clock.Stop();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        else
        {
            errors++;
        }
    }

    return (times, errors);
}

string EventJson(string eventId, string sessionId, Guid invoiceId, decimal amount) =>
    JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = eventId,
        ["object"] = "event",
        ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
        ["created"] = time.GetUtcNow().ToUnixTimeSeconds(),
        ["type"] = "checkout.session.completed",
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["data"] = new Dictionary<string, object?>
        {
            ["object"] = new Dictionary<string, object?>
            {
                ["id"] = sessionId,
                ["object"] = "checkout.session",
                ["amount_total"] = CheckoutMetadata.ToMinorUnits(amount, "EUR"),
                ["currency"] = "eur",
                ["mode"] = "payment",
                ["status"] = "complete",
                ["payment_status"] = "paid",
                ["payment_intent"] = "pi_" + sessionId,
                ["metadata"] = new CheckoutMetadata(tenantId, customerId, [new CheckoutItem(invoiceId, amount)]).ToDictionary(),
            },
        },
    });

static string Sign(string payload, string secret, DateTimeOffset at)
{
    var timestamp = at.ToUnixTimeSeconds();
    var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
    return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
}

static void Row(string measure, List<double> times, int errors)
{
    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {measure} | {times.Count + errors} | {Pct(times, 50):F1} | {Pct(times, 95):F1} | {Pct(times, 99):F1} | {(times.Count == 0 ? 0 : times[^1]):F1} | {errors} |"));
}

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
