using System.Net;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Payments;
using ArCollect.Infrastructure.Payments.Stripe;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;
using ArCollect.Web.Tests.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ArCollect.Web.Tests.Payments;

/// <summary>The real app with Stripe's API address pointed at a loopback server that answers as Stripe does.</summary>
public sealed class CardPaymentFixture : IAsyncLifetime
{
    public AppFixture App { get; } = new();

    public FakeStripe Stripe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stripe = await FakeStripe.StartAsync();
        await App.InitializeAsync();
        // Read when the gateway first needs it, which is after this.
        App.Services.GetRequiredService<IConfiguration>()[$"{StripeOptions.Section}:{nameof(StripeOptions.ApiBase)}"] = Stripe.BaseUrl;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

/// <summary>
/// Card payments from the portal: the checkout request Stripe receives, and the signed webhook that alone records a
/// payment (signature, replay, amounts re-checked, fee, isolation).
/// </summary>
public sealed class CardPaymentTests(CardPaymentFixture fixture) : IClassFixture<CardPaymentFixture>
{
    private const string SecretKey = "sk_test_51Hq0aBcDeFgHiJkLmNoP";
    private const string WebhookSecret = "whsec_test0123456789abcdefghij";

    private AppFixture App => fixture.App;

    private sealed record World(Guid TenantId, TenantSeed.Company Company, Guid Customer, Guid Invoice, Guid Second, string Link);

    private async Task<World> SeedAsync(string webhookSecret = WebhookSecret)
    {
        var company = await TenantSeed.CreateCompanyAsync(App, "Card Seller");
        var today = LedgerSeed.Today(App);
        var customer = await LedgerSeed.AddCustomerAsync(App, company.TenantId, "Card Buyer");
        var invoice = await LedgerSeed.AddInvoiceAsync(App, company.TenantId, customer, "CARD-1", 400m, today.AddDays(-40), today.AddDays(-10));
        var second = await LedgerSeed.AddInvoiceAsync(App, company.TenantId, customer, "CARD-2", 300m, today.AddDays(-20), today.AddDays(10));
        await SaveKeysAsync(company.TenantId, webhookSecret);
        var link = await PortalSeed.LinkAsync(App, company.TenantId, customer);
        return new World(company.TenantId, company, customer, invoice, second, link);
    }

    private async Task SaveKeysAsync(Guid tenantId, string webhookSecret)
    {
        var secrets = App.Services.GetRequiredService<StripeSecrets>();
        await LedgerSeed.WithDbAsync(App, tenantId, db =>
        {
            db.StripeSettings.Add(new StripeSettings
            {
                TenantId = tenantId,
                Enabled = true,
                SecretKeyProtected = secrets.Protect(SecretKey),
                SecretKeyHint = SecretKey[^4..],
                WebhookSecretProtected = secrets.Protect(webhookSecret),
            });
            return db.SaveChangesAsync();
        });
    }

    private DateTimeOffset Now => App.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private static Dictionary<string, object?> Session(World w, string sessionId, long amountTotal, params (Guid Invoice, string Amount)[] items)
    {
        var metadata = new Dictionary<string, string> { ["arcollect_tenant"] = w.TenantId.ToString(), ["arcollect_customer"] = w.Customer.ToString() };
        for (var i = 0; i < items.Length; i++)
        {
            metadata[$"invoice_{i + 1}"] = $"{items[i].Invoice}:{items[i].Amount}";
        }

        return new Dictionary<string, object?>
        {
            ["id"] = sessionId,
            ["object"] = "checkout.session",
            ["amount_subtotal"] = amountTotal,
            ["amount_total"] = amountTotal,
            ["currency"] = "eur",
            ["mode"] = "payment",
            ["status"] = "complete",
            ["payment_status"] = "paid",
            ["payment_intent"] = "pi_" + sessionId[8..],
            ["metadata"] = metadata,
            ["livemode"] = false,
        };
    }

    private async Task<HttpStatusCode> SendAsync(Guid tenantId, string eventId, string type, object data, string secret = WebhookSecret)
    {
        var payload = FakeStripe.Event(eventId, type, data, Now);
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        return await FakeStripe.PostWebhookAsync(http, tenantId, payload, FakeStripe.Sign(payload, secret, Now));
    }

    private Task<T> AsCompanyAsync<T>(Guid tenantId, Func<ArCollectDbContext, Task<T>> work) => LedgerSeed.WithDbAsync(App, tenantId, work);

    [Fact]
    public async Task Pay_by_card_asks_Stripe_for_a_checkout_of_the_chosen_invoices_and_sends_the_customer_there_recording_nothing()
    {
        var w = await SeedAsync();
        using var client = App.NewClient();
        var home = await client.GetPageAsync(w.Link);
        Assert.Contains("Pay by card", home, StringComparison.Ordinal);
        var before = fixture.Stripe.Requests.Count;

        using var response = await client.SubmitAsync(w.Link + "/pay", [new("InvoiceIds", w.Invoice.ToString()), new("InvoiceIds", w.Second.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://checkout.stripe.com/c/pay/cs_test_", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var sent = fixture.Stripe.Requests.Skip(before).Single(r => r.Path == "/v1/checkout/sessions");
        Assert.Equal("Bearer " + SecretKey, sent.Authorization);
        Assert.False(string.IsNullOrEmpty(sent.IdempotencyKey));
        Assert.Equal("payment", sent.Form["mode"]);
        // Ordered by due date: CARD-1 (EUR 400.00) then CARD-2 (EUR 300.00), in cents.
        Assert.Equal(("eur", "40000", "Invoice CARD-1"), (sent.Form["line_items[0][price_data][currency]"], sent.Form["line_items[0][price_data][unit_amount]"], sent.Form["line_items[0][price_data][product_data][name]"]));
        Assert.Equal(("30000", "Invoice CARD-2"), (sent.Form["line_items[1][price_data][unit_amount]"], sent.Form["line_items[1][price_data][product_data][name]"]));
        Assert.Equal(w.TenantId.ToString(), sent.Form["metadata[arcollect_tenant]"]);
        Assert.Equal(w.Customer.ToString(), sent.Form["metadata[arcollect_customer]"]);
        Assert.Equal($"{w.Invoice}:400", sent.Form["metadata[invoice_1]"]);
        Assert.Equal($"{w.Second}:300", sent.Form["metadata[invoice_2]"]);
        Assert.Equal($"{w.Invoice}:400", sent.Form["payment_intent_data[metadata][invoice_1]"]);
        Assert.Contains("/portal/return/", sent.Form["success_url"], StringComparison.Ordinal);
        Assert.Equal(0, await AsCompanyAsync(w.TenantId, db => db.Payments.CountAsync()));
    }

    [Fact]
    public async Task Stripe_gets_return_addresses_with_a_single_use_reference_instead_of_the_portal_token()
    {
        var w = await SeedAsync();
        var token = w.Link["/portal/".Length..];
        using var client = App.NewClient();
        var before = fixture.Stripe.Requests.Count;

        using (await client.SubmitAsync(w.Link + "/pay", [new("InvoiceIds", w.Invoice.ToString())]))
        {
        }

        using (await client.SubmitAsync(w.Link + "/pay", [new("InvoiceIds", w.Invoice.ToString())]))
        {
        }

        var sent = fixture.Stripe.Requests.Skip(before).Where(r => r.Path == "/v1/checkout/sessions").ToList();
        Assert.Equal(2, sent.Count);
        var success = sent[0].Form["success_url"];
        Assert.DoesNotContain(token, success, StringComparison.Ordinal);
        Assert.DoesNotContain(token, sent[0].Form["cancel_url"], StringComparison.Ordinal);
        Assert.Equal(success + "?cancelled=1", sent[0].Form["cancel_url"]);
        // A second click on the same choice sends Stripe the same addresses and key, so Stripe answers with the same checkout.
        Assert.Equal((success, sent[0].IdempotencyKey), (sent[1].Form["success_url"], sent[1].IdempotencyKey));
        var reference = success[(success.LastIndexOf('/') + 1)..];
        var stored = await AsCompanyAsync(w.TenantId, db => db.PortalReturns.AsNoTracking().SingleAsync());
        Assert.Equal(ArCollect.Infrastructure.Portal.PortalTokens.Hash(reference), stored.ReferenceHash);
        Assert.DoesNotContain(token, stored.TokenProtected!, StringComparison.Ordinal);

        // Back from Stripe: on to the link's payment page, which thanks the customer; the reference then stops working.
        var path = new Uri(success).PathAndQuery;
        using var back = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal(w.Link + "/pay?handler=Done", back.Headers.Location!.OriginalString);
        using var again = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.DoesNotContain("Card Buyer", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var used = await AsCompanyAsync(w.TenantId, db => db.PortalReturns.AsNoTracking().SingleAsync());
        Assert.NotNull(used.UsedAt);
        Assert.Null(used.TokenProtected);

        // Once the customer came back, paying again is a new checkout with a new return reference.
        using (await client.SubmitAsync(w.Link + "/pay", [new("InvoiceIds", w.Invoice.ToString())]))
        {
        }

        var third = fixture.Stripe.Requests.Skip(before).Where(r => r.Path == "/v1/checkout/sessions").Last();
        Assert.NotEqual(success, third.Form["success_url"]);
        Assert.NotEqual(sent[0].IdempotencyKey, third.IdempotencyKey);

        // An altered reference, or one of another shape, gets the plain expired page.
        using var altered = await client.GetAsync(new Uri(third.Form["success_url"]).AbsolutePath[..^2] + "xx");
        Assert.Equal(HttpStatusCode.NotFound, altered.StatusCode);
        using var cancelled = await client.GetAsync(new Uri(third.Form["cancel_url"]).PathAndQuery);
        Assert.Equal(w.Link + "/pay", cancelled.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Pay_by_card_without_an_invoice_or_across_currencies_gets_a_field_error_and_calls_no_one()
    {
        var w = await SeedAsync();
        var usd = await LedgerSeed.AddInvoiceAsync(App, w.TenantId, w.Customer, "CARD-USD", 50m, LedgerSeed.Today(App), LedgerSeed.Today(App).AddDays(30), currency: "USD");
        using var client = App.NewClient();
        var before = fixture.Stripe.Requests.Count;

        using var none = await client.SubmitAsync(w.Link + "/pay", []);
        Assert.Equal("Choose at least one invoice to pay.", Html.FieldError(await none.Content.ReadAsStringAsync(), "InvoiceIds"));
        using var mixed = await client.SubmitAsync(w.Link + "/pay", [new("InvoiceIds", w.Invoice.ToString()), new("InvoiceIds", usd.ToString())]);
        Assert.Equal("Choose invoices in one currency: one card payment is in one currency.", Html.FieldError(await mixed.Content.ReadAsStringAsync(), "InvoiceIds"));
        Assert.Equal(before, fixture.Stripe.Requests.Count);
    }

    [Fact]
    public async Task A_signed_checkout_event_records_a_card_payment_on_the_invoice_and_the_timeline_and_the_charge_brings_the_fee()
    {
        var w = await SeedAsync();

        var status = await SendAsync(w.TenantId, "evt_paid_1", "checkout.session.completed", Session(w, "cs_test_paid1", 40000, (w.Invoice, "400")));

        Assert.Equal(HttpStatusCode.OK, status);
        var payment = await AsCompanyAsync(w.TenantId, db => db.Payments.Include(p => p.Allocations).AsNoTracking().SingleAsync());
        Assert.Equal((400m, "EUR", PaymentMethod.Card, "Stripe pi_paid1", 0m), (payment.Amount, payment.Currency, payment.Method, payment.Reference, payment.UnappliedAmount));
        Assert.Equal(w.Invoice, Assert.Single(payment.Allocations).InvoiceId);
        Assert.Equal(0m, await AsCompanyAsync(w.TenantId, db => db.Invoices.Where(i => i.Id == w.Invoice).Select(i => i.Balance).SingleAsync()));
        var entry = await AsCompanyAsync(w.TenantId, db => db.Activities.AsNoTracking().SingleAsync(a => a.CustomerId == w.Customer));
        Assert.StartsWith("Payment of EUR 400.00 received", entry.Summary, StringComparison.Ordinal);
        Assert.Contains("(ref Stripe pi_paid1)", entry.Summary, StringComparison.Ordinal);

        // Stripe names the balance transaction by id in charge events; the fee (EUR 12.30) is read from it.
        var charge = new Dictionary<string, object?> { ["id"] = "ch_paid1", ["object"] = "charge", ["amount"] = 40000, ["currency"] = "eur", ["paid"] = true, ["status"] = "succeeded", ["payment_intent"] = "pi_paid1", ["balance_transaction"] = "txn_paid1" };
        Assert.Equal(HttpStatusCode.OK, await SendAsync(w.TenantId, "evt_charge_1", "charge.updated", charge));
        var card = await AsCompanyAsync(w.TenantId, db => db.CardPayments.AsNoTracking().SingleAsync());
        Assert.Equal((payment.Id, "cs_test_paid1", 400m, 12.30m, "EUR"), (card.PaymentId, card.CheckoutSessionId, card.Amount, card.Fee, card.FeeCurrency));
        Assert.Contains(fixture.Stripe.Requests, r => r.Path == "/v1/balance_transactions/txn_paid1" && r.Authorization == "Bearer " + SecretKey);
        Assert.Equal(400m, await AsCompanyAsync(w.TenantId, db => db.Payments.Select(p => p.Amount).SingleAsync()));
    }

    [Fact]
    public async Task A_bad_signature_an_old_or_altered_delivery_or_a_malformed_payload_gets_400_and_records_nothing()
    {
        var w = await SeedAsync();
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        var payload = FakeStripe.Event("evt_bad", "checkout.session.completed", Session(w, "cs_test_bad", 40000, (w.Invoice, "400")), Now);

        Assert.Equal(HttpStatusCode.BadRequest, await FakeStripe.PostWebhookAsync(http, w.TenantId, payload, FakeStripe.Sign(payload, "whsec_someoneelse0000000000", Now)));
        Assert.Equal(HttpStatusCode.BadRequest, await FakeStripe.PostWebhookAsync(http, w.TenantId, payload, null));
        Assert.Equal(HttpStatusCode.BadRequest, await FakeStripe.PostWebhookAsync(http, w.TenantId, payload, FakeStripe.Sign(payload, WebhookSecret, Now.AddMinutes(-10))));
        var altered = payload.Replace("40000", "90000", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, await FakeStripe.PostWebhookAsync(http, w.TenantId, altered, FakeStripe.Sign(payload, WebhookSecret, Now)));
        const string garbage = "{\"id\": \"evt_x\", \"object\": \"event\", \"data\": ";
        Assert.Equal(HttpStatusCode.BadRequest, await FakeStripe.PostWebhookAsync(http, w.TenantId, garbage, FakeStripe.Sign(garbage, WebhookSecret, Now)));

        Assert.Equal(0, await AsCompanyAsync(w.TenantId, db => db.Payments.CountAsync()));
        Assert.Equal(0, await AsCompanyAsync(w.TenantId, db => db.CardPayments.CountAsync()));
        Assert.Equal(400m, await AsCompanyAsync(w.TenantId, db => db.Invoices.Where(i => i.Id == w.Invoice).Select(i => i.Balance).SingleAsync()));
    }

    [Fact]
    public async Task A_replayed_repeated_or_concurrent_event_records_the_payment_once()
    {
        var w = await SeedAsync();
        var session = Session(w, "cs_test_once", 40000, (w.Invoice, "400"));

        Assert.Equal(HttpStatusCode.OK, await SendAsync(w.TenantId, "evt_once", "checkout.session.completed", session));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(w.TenantId, "evt_once", "checkout.session.completed", session));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(w.TenantId, "evt_once_async", "checkout.session.async_payment_succeeded", session));
        Assert.Equal(1, await AsCompanyAsync(w.TenantId, db => db.Payments.CountAsync()));

        var parallel = Session(w, "cs_test_parallel", 30000, (w.Second, "300"));
        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SendAsync(w.TenantId, "evt_parallel", "checkout.session.completed", parallel)));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(2, await AsCompanyAsync(w.TenantId, db => db.Payments.CountAsync()));
        Assert.Equal(700m, await AsCompanyAsync(w.TenantId, db => db.Payments.SumAsync(p => p.Amount)));
        Assert.Equal(0m, await AsCompanyAsync(w.TenantId, db => db.Invoices.Where(i => i.CustomerId == w.Customer).SumAsync(i => i.Balance)));
    }

    [Fact]
    public async Task Money_for_an_invoice_paid_since_the_checkout_stays_on_the_account_as_unapplied_credit()
    {
        var w = await SeedAsync();
        // The customer checked out both invoices (EUR 700.00); before Stripe confirmed, CARD-2 was paid by transfer.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(w.TenantId);
            var transfer = await scope.ServiceProvider.GetRequiredService<PaymentRecorder>().RecordAsync(new RecordPaymentInput
            {
                CustomerId = w.Customer,
                Amount = 300m,
                Currency = "EUR",
                ReceivedOn = LedgerSeed.Today(App),
                Allocations = [new AllocationRequest(w.Second, 300m)],
            }, CancellationToken.None);
            Assert.True(transfer.Succeeded);
        }

        Assert.Equal(HttpStatusCode.OK, await SendAsync(w.TenantId, "evt_late", "checkout.session.completed", Session(w, "cs_test_late", 70000, (w.Invoice, "400"), (w.Second, "300"))));

        var card = await AsCompanyAsync(w.TenantId, db => db.Payments.Include(p => p.Allocations).AsNoTracking().SingleAsync(p => p.Method == PaymentMethod.Card));
        Assert.Equal((700m, 300m), (card.Amount, card.UnappliedAmount));
        Assert.Equal((w.Invoice, 400m), (Assert.Single(card.Allocations).InvoiceId, card.Allocations[0].Amount));
        Assert.Equal(0m, await AsCompanyAsync(w.TenantId, db => db.Invoices.Where(i => i.CustomerId == w.Customer).SumAsync(i => i.Balance)));
    }

    [Fact]
    public async Task Another_company_cannot_confirm_a_payment_with_its_own_secret_nor_read_or_change_card_payments()
    {
        var w = await SeedAsync();
        var other = await TenantSeed.CreateCompanyAsync(App, "Other Card Seller");
        const string otherSecret = "whsec_othercompany000000000000";
        await SaveKeysAsync(other.TenantId, otherSecret);

        // A delivery signed with the other company's secret: refused on this company's address, ignored on its own.
        var session = Session(w, "cs_test_cross", 40000, (w.Invoice, "400"));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(w.TenantId, "evt_cross", "checkout.session.completed", session, otherSecret));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(other.TenantId, "evt_cross", "checkout.session.completed", session, otherSecret));
        Assert.Equal(0, await AsCompanyAsync(w.TenantId, db => db.Payments.CountAsync()));
        Assert.Equal(0, await AsCompanyAsync(other.TenantId, db => db.Payments.CountAsync()));

        Assert.Equal(HttpStatusCode.OK, await SendAsync(w.TenantId, "evt_own", "checkout.session.completed", session));
        Assert.Equal(1, await AsCompanyAsync(w.TenantId, db => db.CardPayments.CountAsync()));
        Assert.Equal(0, await AsCompanyAsync(other.TenantId, db => db.CardPayments.CountAsync()));
        Assert.Equal(0, await AsCompanyAsync(other.TenantId, db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM card_payments WHERE tenant_id = {0}", w.TenantId).SingleAsync()));
        Assert.Equal(0, await AsCompanyAsync(other.TenantId, db => db.Database.ExecuteSqlRawAsync("UPDATE card_payments SET fee = 99 WHERE tenant_id = {0}", w.TenantId)));
        Assert.Equal(0, await AsCompanyAsync(other.TenantId, db => db.Database.ExecuteSqlRawAsync("UPDATE stripe_settings SET enabled = false WHERE tenant_id = {0}", w.TenantId)));
        Assert.Null(await AsCompanyAsync(w.TenantId, db => db.CardPayments.Select(c => c.Fee).SingleAsync()));
        Assert.True(await AsCompanyAsync(w.TenantId, db => db.StripeSettings.Select(s => s.Enabled).SingleAsync()));
    }

    [Fact]
    public async Task Admin_saves_the_keys_encrypted_bad_keys_get_field_errors_and_the_page_never_shows_them()
    {
        var company = await TenantSeed.CreateCompanyAsync(App, "Keys Seller");
        using var admin = App.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var bad = await admin.SubmitAsync("/Settings/CardPayments", [new("Input.Enabled", "true"), new("Input.SecretKey", "pk_test_publishable000000"), new("Input.WebhookSecret", "")]);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.StartsWith("Enter the secret key from the Stripe dashboard", Html.FieldError(badPage, "Input.SecretKey"), StringComparison.Ordinal);
        Assert.StartsWith("Card payments need the webhook signing secret", Html.FieldError(badPage, "Input.WebhookSecret"), StringComparison.Ordinal);
        Assert.Equal(0, await AsCompanyAsync(company.TenantId, db => db.StripeSettings.CountAsync()));

        using var good = await admin.SubmitAsync("/Settings/CardPayments", [new("Input.Enabled", "true"), new("Input.SecretKey", SecretKey), new("Input.WebhookSecret", WebhookSecret)]);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await AsCompanyAsync(company.TenantId, db => db.StripeSettings.AsNoTracking().SingleAsync());
        Assert.True(saved.Enabled);
        Assert.DoesNotContain("sk_test", saved.SecretKeyProtected, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", saved.WebhookSecretProtected, StringComparison.Ordinal);
        Assert.Equal(WebhookSecret, App.Services.GetRequiredService<StripeSecrets>().Unprotect(saved.WebhookSecretProtected));
        var page = await admin.GetPageAsync("/Settings/CardPayments");
        Assert.DoesNotContain(SecretKey, page, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSecret, page, StringComparison.Ordinal);
        Assert.Contains("A key ending in mNoP is saved", page, StringComparison.Ordinal);
        Assert.Contains($"/webhooks/stripe/{company.TenantId}", page, StringComparison.Ordinal);
    }
}
