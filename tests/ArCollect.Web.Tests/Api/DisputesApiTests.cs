using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Api;

public sealed class DisputesApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<(Guid Tenant, HttpClient Api, Guid Customer, Guid Invoice)> IssuedInvoiceAsync(string company)
    {
        var tenant = await TenantSeed.CreateCompanyAsync(app, company);
        var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, tenant.TenantId)).Secret);
        var customer = await ApiSeed.AddCustomerAsync(api, "Debtor GmbH");
        // 400.00 net at 19 % VAT: 476.00 open.
        var invoice = await ApiSeed.AddDraftAsync(api, customer, 400m, Today.AddDays(-10));
        using var issued = await api.PostAsync($"/api/v1/invoices/{invoice}/issue", null);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        return (tenant.TenantId, api, customer, invoice);
    }

    private static HttpRequestMessage Open(Guid invoice, decimal amount, string reason, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/disputes")
        {
            Content = new StringContent(
                $$"""{"items":[{"invoiceId":"{{invoice}}","amount":{{amount}}}],"reasonCode":"{{reason}}","notes":"Two pallets arrived crushed"}""",
                Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    private static async Task<JsonElement> InvoiceAsync(HttpClient api, Guid id)
    {
        using var response = await api.GetAsync($"/api/v1/invoices/{id}");
        return await ApiSeed.ReadAsync(response);
    }

    [Fact]
    public async Task A_dispute_opened_twice_with_the_same_key_exists_once_and_holds_only_its_amount()
    {
        var (tenant, api, customer, invoice) = await IssuedInvoiceAsync("Dispute Api Co");
        using var disposeApi = api;
        var key = Guid.NewGuid().ToString();

        using var first = await api.SendAsync(Open(invoice, 100m, "damaged-goods", key));
        using var retry = await api.SendAsync(Open(invoice, 100m, "damaged-goods", key));
        using var otherBody = await api.SendAsync(Open(invoice, 50m, "damaged-goods", key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var opened = await ApiSeed.ReadAsync(first);
        var id = opened.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/disputes/{id}", first.Headers.Location?.ToString());
        Assert.Equal("Open", opened.GetProperty("status").GetString());
        Assert.Equal("damaged-goods", opened.GetProperty("reasonCode").GetString());
        Assert.Equal(100m, opened.GetProperty("amount").GetDecimal());
        Assert.Equal(customer, opened.GetProperty("customerId").GetGuid());
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(id, (await ApiSeed.ReadAsync(retry)).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Equal("Idempotency-Key", (await ApiSeed.ReadAsync(otherBody)).GetProperty("field").GetString());
        Assert.Equal(1, await LedgerSeed.WithDbAsync(app, tenant, db => db.Disputes.CountAsync()));
        // Only the 100.00 disputed stops being chased; 376.00 of the 476.00 stays open for reminders.
        var disputed = await LedgerSeed.WithDbAsync(app, tenant, db => db.Invoices.Where(i => i.Id == invoice).Select(i => i.DisputedAmount).SingleAsync());
        Assert.Equal(100m, disputed);

        using var got = await api.GetAsync($"/api/v1/disputes/{id}");
        var item = (await ApiSeed.ReadAsync(got)).GetProperty("items")[0];
        Assert.Equal(invoice, item.GetProperty("invoiceId").GetGuid());
        using var list = await api.GetAsync($"/api/v1/disputes?customerId={customer}&status=Open");
        Assert.Equal(id, (await ApiSeed.ReadAsync(list)).GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Bad_disputes_are_refused_with_the_field_named_and_nothing_is_opened()
    {
        var (tenant, api, _, invoice) = await IssuedInvoiceAsync("Dispute Errors Co");
        using var disposeApi = api;

        using var tooMuch = await api.SendAsync(Open(invoice, 500m, "pricing", Guid.NewGuid().ToString()));
        using var unknownReason = await api.SendAsync(Open(invoice, 10m, "too-expensive", null));
        using var zero = await api.SendAsync(Open(invoice, 0m, "pricing", null));
        using var typo = await api.PostAsync("/api/v1/disputes", new StringContent($$"""{"items":[{"invoiceId":"{{invoice}}","amount":5}],"reason":"pricing"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        var errors = (await ApiSeed.ReadAsync(tooMuch)).GetProperty("errors");
        Assert.Contains("enter at most EUR 476.00", errors.GetProperty("items[0].amount")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownReason.StatusCode);
        Assert.True((await ApiSeed.ReadAsync(unknownReason)).GetProperty("errors").TryGetProperty("reasonCode", out _));
        Assert.Equal("The disputed amount must be more than zero.", (await ApiSeed.ReadAsync(zero)).GetProperty("errors").GetProperty("items[0].amount")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.True((await ApiSeed.ReadAsync(typo)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, tenant, db => db.Disputes.CountAsync()));
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, tenant, db => db.IdempotencyKeys.CountAsync()));
    }

    [Fact]
    public async Task A_dispute_is_reviewed_messaged_and_resolved_with_a_partial_credit_note()
    {
        var (tenant, api, _, invoice) = await IssuedInvoiceAsync("Dispute Flow Co");
        using var disposeApi = api;
        using var opened = await api.SendAsync(Open(invoice, 100m, "damaged-goods", null));
        var id = (await ApiSeed.ReadAsync(opened)).GetProperty("id").GetGuid();

        using var review = await api.PostAsJsonAsync($"/api/v1/disputes/{id}/transition", new { status = "InReview" }, ApiSeed.Json);
        using var resolvedNotAllowed = await api.PostAsJsonAsync($"/api/v1/disputes/{id}/transition", new { status = "Resolved" }, ApiSeed.Json);
        using var note = await api.PostAsJsonAsync($"/api/v1/disputes/{id}/messages", new { body = "Photos checked: two pallets damaged.", toCustomer = false }, ApiSeed.Json);
        using var message = await api.PostAsJsonAsync($"/api/v1/disputes/{id}/messages", new { body = "We will credit the damaged pallets.", toCustomer = true }, ApiSeed.Json);
        using var rejectWithoutWords = await api.PostAsJsonAsync($"/api/v1/disputes/{id}/resolve", new { outcome = "Rejected", date = Today }, ApiSeed.Json);
        using var creditTooMuch = await api.PostAsJsonAsync($"/api/v1/disputes/{id}/resolve", new { outcome = "CreditNote", amount = 150m, date = Today }, ApiSeed.Json);
        using var credit = await api.PostAsJsonAsync($"/api/v1/disputes/{id}/resolve", new { outcome = "CreditNote", amount = 60m, date = Today }, ApiSeed.Json);
        using var again = await api.PostAsJsonAsync($"/api/v1/disputes/{id}/transition", new { status = "Open" }, ApiSeed.Json);
        using var messages = await api.GetAsync($"/api/v1/disputes/{id}/messages");

        Assert.Equal("InReview", (await ApiSeed.ReadAsync(review)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, resolvedNotAllowed.StatusCode);
        Assert.True((await ApiSeed.ReadAsync(resolvedNotAllowed)).GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(HttpStatusCode.Created, message.StatusCode);
        Assert.Equal("Explain to the customer why the dispute is rejected.", (await ApiSeed.ReadAsync(rejectWithoutWords)).GetProperty("errors").GetProperty("explanation")[0].GetString());
        Assert.Contains("enter at most EUR 100.00", (await ApiSeed.ReadAsync(creditTooMuch)).GetProperty("errors").GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, credit.StatusCode);
        var resolved = await ApiSeed.ReadAsync(credit);
        Assert.Equal("Resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("CreditNote", resolved.GetProperty("outcome").GetString());
        Assert.NotEqual(JsonValueKind.Null, resolved.GetProperty("creditNoteId").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        // 476.00 less the 60.00 credit note; the dispute no longer holds any of it back.
        var after = await InvoiceAsync(api, invoice);
        Assert.Equal(416m, after.GetProperty("balance").GetDecimal());
        Assert.Equal(60m, after.GetProperty("amountCredited").GetDecimal());
        Assert.Equal(0m, await LedgerSeed.WithDbAsync(app, tenant, db => db.Invoices.Where(i => i.Id == invoice).Select(i => i.DisputedAmount).SingleAsync()));
        var thread = (await ApiSeed.ReadAsync(messages)).EnumerateArray().ToList();
        Assert.Equal(["Internal", "ToCustomer"], thread.Select(m => m.GetProperty("kind").GetString()));
        Assert.Equal(1, await LedgerSeed.WithDbAsync(app, tenant, db => db.OutboxMessages.CountAsync(m => m.TextBody == "We will credit the damaged pallets.")));
    }

    [Fact]
    public async Task Another_company_cannot_see_or_change_a_dispute()
    {
        var (_, owner, _, invoice) = await IssuedInvoiceAsync("Dispute Owner Co");
        using var disposeOwner = owner;
        using var opened = await owner.SendAsync(Open(invoice, 100m, "pricing", null));
        var id = (await ApiSeed.ReadAsync(opened)).GetProperty("id").GetGuid();
        var (otherTenant, other, _, _) = await IssuedInvoiceAsync("Dispute Stranger Co");
        using var disposeOther = other;

        using var get = await other.GetAsync($"/api/v1/disputes/{id}");
        using var list = await other.GetAsync("/api/v1/disputes");
        using var move = await other.PostAsJsonAsync($"/api/v1/disputes/{id}/transition", new { status = "Withdrawn" }, ApiSeed.Json);
        using var resolve = await other.PostAsJsonAsync($"/api/v1/disputes/{id}/resolve", new { outcome = "WriteOff", date = Today }, ApiSeed.Json);
        using var message = await other.PostAsJsonAsync($"/api/v1/disputes/{id}/messages", new { body = "hello", toCustomer = false }, ApiSeed.Json);
        using var openOnTheirs = await other.SendAsync(Open(invoice, 10m, "pricing", null));
        using var still = await owner.GetAsync($"/api/v1/disputes/{id}");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(0, (await ApiSeed.ReadAsync(list)).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, move.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, message.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, openOnTheirs.StatusCode);
        Assert.True((await ApiSeed.ReadAsync(openOnTheirs)).GetProperty("errors").TryGetProperty("items[0].invoiceId", out _));
        Assert.Equal("Open", (await ApiSeed.ReadAsync(still)).GetProperty("status").GetString());
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, otherTenant, db => db.Disputes.CountAsync()));
    }
}
