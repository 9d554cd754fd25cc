using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Payments;
using ArCollect.Domain.Tenancy;
using ArCollect.Domain.Webhooks;
using ArCollect.Infrastructure.Payments;
using ArCollect.Infrastructure.Webhooks;
using ArCollect.IntegrationTests.Disputes;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Webhooks;

/// <summary>Events written with the change, signed deliveries to a receiver on loopback, retries, disabling and the Admins' alert.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase db = WebhookTestKit.Database(allowPrivate: true, disableAfter: 3);
    private readonly WebhookReceiver receiver = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    public void Dispose() => receiver.Dispose();

    [Fact]
    public async Task An_issued_invoice_reaches_the_receiver_signed_with_the_endpoints_secret()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Signing GmbH");
        var endpoint = await WebhookTestKit.RegisterAsync(db, tenant, receiver.Url, WebhookEvents.InvoiceIssued);
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme Retail");
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-2026-0042", 1250.50m, new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1));

        Assert.Equal(1, await WebhookTestKit.SendAsync(db, tenant));

        var request = Assert.Single(receiver.Requests);
        // The receiver checks the header as the docs tell it to: HMAC-SHA256 of "t.body" with the secret, hex.
        var header = request.Headers["ArCollect-Signature"];
        Assert.StartsWith("t=1781514000,v1=", header, StringComparison.Ordinal); // 2026-06-15 09:00:00 UTC, the test clock
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(endpoint.Secret), Encoding.UTF8.GetBytes("1781514000." + request.Body)));
        Assert.Equal("t=1781514000,v1=" + expected, header);
        Assert.Equal($"invoice.issued:{invoice.Id}", request.Headers["ArCollect-Event-Id"]);

        using var json = JsonDocument.Parse(request.Body);
        var data = json.RootElement.GetProperty("data");
        Assert.Equal("invoice.issued", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("INV-2026-0042", data.GetProperty("number").GetString());
        Assert.Equal(1250.50m, data.GetProperty("total").GetDecimal());
        Assert.Equal("2026-07-01", data.GetProperty("due_date").GetString());
        Assert.Equal("Acme Retail", data.GetProperty("customer").GetProperty("name").GetString());

        // A body changed on the way no longer matches the signature.
        var tampered = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(endpoint.Secret), Encoding.UTF8.GetBytes("1781514000." + request.Body.Replace("1250.50", "1.00", StringComparison.Ordinal))));
        Assert.NotEqual("t=1781514000,v1=" + tampered, header);
        Assert.True(WebhookSignature.Verify(endpoint.Secret, header, request.Body, 1781514000 + 60));
        Assert.False(WebhookSignature.Verify(endpoint.Secret, header, request.Body, 1781514000 + 3600));
    }

    [Fact]
    public async Task Payments_disputes_and_their_resolution_each_enqueue_one_event_per_subscribed_endpoint()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Events GmbH");
        await WebhookTestKit.RegisterAsync(db, tenant, receiver.Url, WebhookEvents.PaymentReceived, WebhookEvents.DisputeOpened, WebhookEvents.DisputeResolved);
        await WebhookTestKit.RegisterAsync(db, tenant, receiver.Url + "/issued-only", WebhookEvents.InvoiceIssued);
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Globex");
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-7", 500m, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30));

        await using (var scope = db.ForTenant(tenant))
        {
            var recorded = await scope.Services.GetRequiredService<PaymentRecorder>().RecordAsync(new RecordPaymentInput
            {
                CustomerId = customer.Id,
                Amount = 200m,
                Currency = "EUR",
                ReceivedOn = new DateOnly(2026, 6, 14),
                Reference = "BANK-77",
                Allocations = [new AllocationRequest(invoice.Id, 200m)],
            }, CancellationToken.None);
            Assert.Empty(recorded.Errors);
        }

        var opened = await DisputeTestKit.OpenAsync(db, tenant, "pricing", (invoice.Id, 100m));
        Assert.True(opened.Succeeded);
        Assert.True((await DisputeTestKit.ResolveAsync(db, tenant, opened.Id!.Value, DisputeOutcome.Rejected, explanation: "The price matches the signed quote.")).Succeeded);

        var deliveries = await WebhookTestKit.DeliveriesAsync(db, tenant);
        Assert.Equal(
            ["invoice.issued", "dispute.opened", "dispute.resolved", "payment.received"],
            deliveries.Select(d => d.EventType).OrderBy(t => t == "invoice.issued" ? 0 : 1).ThenBy(t => t, StringComparer.Ordinal));
        var payment = JsonDocument.Parse(deliveries.Single(d => d.EventType == "payment.received").Payload).RootElement.GetProperty("data");
        Assert.Equal(("BANK-77", 200m), (payment.GetProperty("reference").GetString(), payment.GetProperty("amount").GetDecimal()));
        var resolved = JsonDocument.Parse(deliveries.Single(d => d.EventType == "dispute.resolved").Payload).RootElement.GetProperty("data");
        Assert.Equal(("Resolved", "Rejected", "INV-7"), (resolved.GetProperty("status").GetString(), resolved.GetProperty("outcome").GetString(), resolved.GetProperty("invoice_number").GetString()));

        Assert.Equal(4, await WebhookTestKit.SendAsync(db, tenant));
        Assert.Equal(0, await WebhookTestKit.SendAsync(db, tenant));
        Assert.Equal(4, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_after_the_backoff_and_each_attempt_is_logged()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Retry GmbH");
        await WebhookTestKit.RegisterAsync(db, tenant, receiver.Url, WebhookEvents.InvoiceIssued);
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Initech");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-9", 80m, new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1));
        receiver.Answer(500);

        Assert.Equal(0, await WebhookTestKit.SendAsync(db, tenant));
        var waiting = Assert.Single(await WebhookTestKit.DeliveriesAsync(db, tenant));
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, 500), (waiting.Status, waiting.Attempts, waiting.LastStatusCode));
        Assert.Equal(db.Time.GetUtcNow().AddMinutes(1), waiting.NextAttemptAt);

        // Not before the backoff has passed.
        db.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await WebhookTestKit.SendAsync(db, tenant));
        Assert.Single(receiver.Requests);

        db.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await WebhookTestKit.SendAsync(db, tenant));

        var delivered = Assert.Single(await WebhookTestKit.DeliveriesAsync(db, tenant));
        Assert.Equal((WebhookDeliveryStatus.Delivered, 2, 200), (delivered.Status, delivered.Attempts, delivered.LastStatusCode));
        Assert.Equal([(500, false), (200, true)], (await WebhookTestKit.AttemptsAsync(db, tenant)).Select(a => (a.StatusCode ?? 0, a.Succeeded)));
        // Both requests carried the same event and body: the receiver can drop the second by its id.
        Assert.Single(receiver.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task An_endpoint_failing_three_times_in_a_row_is_disabled_the_admins_are_told_and_re_enabling_sends_what_waited()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Disable GmbH");
        await DisputeTestKit.AddUserAsync(db, tenant, "Ada", Roles.Admin);
        await DisputeTestKit.AddUserAsync(db, tenant, "Carl", Roles.Clerk);
        var endpoint = await WebhookTestKit.RegisterAsync(db, tenant, receiver.Url, WebhookEvents.InvoiceIssued);
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Umbrella");
        for (var i = 0; i < 3; i++)
        {
            receiver.Answer(503);
            await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, $"INV-D{i}", 10m, new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1));
        }

        Assert.Equal(0, await WebhookTestKit.SendAsync(db, tenant));

        var disabled = await WebhookTestKit.EndpointAsync(db, tenant, endpoint.Endpoint.Id);
        Assert.False(disabled.Enabled);
        Assert.Equal(3, disabled.ConsecutiveFailures);
        Assert.Contains("503", disabled.DisabledReason, StringComparison.Ordinal);
        await using (var scope = db.ForTenant(tenant))
        {
            var alert = await scope.Db.OutboxMessages.AsNoTracking().SingleAsync();
            Assert.Equal("ada@disputes.test", alert.ToAddresses);
            Assert.Contains(receiver.Url, alert.Subject, StringComparison.Ordinal);
        }

        // While disabled nothing is sent, even after the backoff, and new events are not written for it.
        db.Time.Advance(TimeSpan.FromHours(1));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-D3", 10m, new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1));
        Assert.Equal(0, await WebhookTestKit.SendAsync(db, tenant));
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal(3, (await WebhookTestKit.DeliveriesAsync(db, tenant)).Count);

        await using (var scope = db.ForTenant(tenant))
        {
            Assert.True(await scope.Services.GetRequiredService<WebhookAdmin>().EnableAsync(endpoint.Endpoint.Id, CancellationToken.None));
        }

        Assert.Equal(3, await WebhookTestKit.SendAsync(db, tenant));
        Assert.All(await WebhookTestKit.DeliveriesAsync(db, tenant), d => Assert.Equal(WebhookDeliveryStatus.Delivered, d.Status));
    }

    [Fact]
    public async Task A_redirect_is_a_failed_delivery_and_is_not_followed()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Redirect GmbH");
        var endpoint = await WebhookTestKit.RegisterAsync(db, tenant, receiver.Url, WebhookEvents.InvoiceIssued);
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Hooli");
        receiver.Answer(302, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-R", 10m, new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1));

        Assert.Equal(0, await WebhookTestKit.SendAsync(db, tenant));

        Assert.Single(receiver.Requests);
        var attempt = Assert.Single(await WebhookTestKit.AttemptsAsync(db, tenant));
        Assert.Equal((302, false), (attempt.StatusCode, attempt.Succeeded));
        Assert.Contains("redirects are not followed", attempt.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await WebhookTestKit.EndpointAsync(db, tenant, endpoint.Endpoint.Id)).ConsecutiveFailures);
    }

    [Fact]
    public async Task The_test_event_button_sends_one_signed_event_and_reports_the_answer()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Test Event GmbH");
        var endpoint = await WebhookTestKit.RegisterAsync(db, tenant, receiver.Url, WebhookEvents.PaymentReceived);
        receiver.Answer(418);

        await using var scope = db.ForTenant(tenant);
        var admin = scope.Services.GetRequiredService<WebhookAdmin>();
        var failed = await admin.SendTestAsync(endpoint.Endpoint.Id, CancellationToken.None);
        var ok = await admin.SendTestAsync(endpoint.Endpoint.Id, CancellationToken.None);

        Assert.Equal((418, false), (failed!.StatusCode, failed.Succeeded));
        Assert.Equal((200, true), (ok!.StatusCode, ok.Succeeded));
        Assert.All(receiver.Requests, r => Assert.Equal("webhook.test", r.Headers["ArCollect-Event-Type"]));
        // The failed test is not retried by the background sender.
        Assert.Equal(0, await WebhookTestKit.SendAsync(db, tenant));
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task An_invoice_falling_overdue_is_announced_once_but_invoices_overdue_before_the_endpoint_existed_are_not()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Overdue GmbH");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Soylent");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-OLD", 10m, new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1));
        var soon = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-SOON", 20m, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 16));
        await WebhookTestKit.RegisterAsync(db, tenant, receiver.Url, WebhookEvents.InvoiceOverdue);

        Assert.Equal(0, await WebhookTestKit.SendAsync(db, tenant)); // 15 June: INV-SOON is due tomorrow
        db.Time.Advance(TimeSpan.FromDays(2)); // 17 June: one day late
        Assert.Equal(1, await WebhookTestKit.SendAsync(db, tenant));
        db.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await WebhookTestKit.SendAsync(db, tenant));

        var request = Assert.Single(receiver.Requests);
        Assert.Equal($"invoice.overdue:{soon.Id}", request.Headers["ArCollect-Event-Id"]);
        Assert.Equal(20m, JsonDocument.Parse(request.Body).RootElement.GetProperty("data").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Another_tenant_can_neither_see_nor_change_nor_trigger_a_tenants_endpoints_and_deliveries()
    {
        var owner = await LedgerBuilder.CreateTenantAsync(db, "Owner GmbH");
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other GmbH");
        var endpoint = await WebhookTestKit.RegisterAsync(db, owner, receiver.Url, WebhookEvents.InvoiceIssued);
        var ownersCustomer = await LedgerBuilder.AddCustomerAsync(db, owner, "Owner Customer");
        await LedgerBuilder.AddInvoiceAsync(db, owner, ownersCustomer.Id, "INV-O", 10m, new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1));
        var othersCustomer = await LedgerBuilder.AddCustomerAsync(db, other, "Other Customer");
        await LedgerBuilder.AddInvoiceAsync(db, other, othersCustomer.Id, "INV-X", 10m, new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1));

        await using (var scope = db.ForTenant(other))
        {
            Assert.Empty(await scope.Db.WebhookEndpoints.ToListAsync());
            Assert.Empty(await scope.Db.WebhookDeliveries.ToListAsync());
            // Row-level security holds for raw SQL that forgets the filter too.
            Assert.Equal(0, await scope.Db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM webhook_endpoints").SingleAsync());
            Assert.Equal(0, await scope.Db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM webhook_deliveries").SingleAsync());
            Assert.Equal(0, await scope.Db.Database.ExecuteSqlAsync($"UPDATE webhook_endpoints SET url = 'https://attacker.example/' WHERE id = {endpoint.Endpoint.Id}"));
            Assert.False(await scope.Services.GetRequiredService<WebhookAdmin>().EnableAsync(endpoint.Endpoint.Id, CancellationToken.None));
            Assert.False(await scope.Services.GetRequiredService<WebhookAdmin>().DeleteAsync(endpoint.Endpoint.Id, CancellationToken.None));
            Assert.Null(await scope.Services.GetRequiredService<WebhookAdmin>().SendTestAsync(endpoint.Endpoint.Id, CancellationToken.None));
        }

        Assert.Equal(0, await WebhookTestKit.SendAsync(db, other));
        Assert.Equal(1, await WebhookTestKit.SendAsync(db, owner));
        var request = Assert.Single(receiver.Requests);
        Assert.Contains("INV-O", request.Body, StringComparison.Ordinal);
        Assert.Equal(receiver.Url, (await WebhookTestKit.EndpointAsync(db, owner, endpoint.Endpoint.Id)).Url);
    }
}
