using System.Net;
using System.Net.Http.Json;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Payments;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Customers;

/// <summary>Money on a customer's account is shown on the customer page and applied later, on the page or by API.</summary>
public sealed class ApplyUnappliedCashTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(TenantSeed.Company Company, Guid Customer, Guid Older, Guid Newer)> LedgerWithCreditAsync(string name)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, name);
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Overpaying Customer");
        var older = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "A-1", 400m, today.AddDays(-40), today.AddDays(-10));
        var newer = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "A-2", 250m, today.AddDays(-5), today.AddDays(25));
        var kept = await ApiSeed.InTenantAsync(app, company.TenantId, sp => sp.GetRequiredService<PaymentRecorder>().RecordAsync(new RecordPaymentInput
        {
            CustomerId = customer,
            Amount = 500m,
            Currency = "EUR",
            ReceivedOn = today.AddDays(-3),
            Reference = "KEPT-1",
            KeepUnapplied = true,
        }, CancellationToken.None));
        Assert.True(kept.Succeeded);
        return (company, customer, older, newer);
    }

    private static List<KeyValuePair<string, string>> Fields(params (Guid Invoice, string Amount)[] apply)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Currency", "EUR") };
        for (var n = 0; n < apply.Length; n++)
        {
            fields.Add(new($"Apply[{n}].InvoiceId", apply[n].Invoice.ToString()));
            fields.Add(new($"Apply[{n}].Amount", apply[n].Amount));
        }

        return fields;
    }

    [Fact]
    public async Task A_clerk_applies_money_on_account_to_a_chosen_invoice_from_the_customer_page()
    {
        var (company, customer, older, newer) = await LedgerWithCreditAsync("Apply Credit Co");
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var customerPath = $"/Customers/Details/{customer}";
        var applyPath = $"/Customers/ApplyCredit/{customer}?currency=EUR";

        var before = await clerk.GetPageAsync(customerPath);
        Assert.Equal($"EUR {500m:N2}", Html.Element(before, "data-total=\"on-account\" data-currency=\"EUR\""));
        Assert.Contains($"href=\"/Customers/ApplyCredit/{customer}?currency=EUR\"", before, StringComparison.Ordinal);
        var form = await clerk.GetPageAsync(applyPath);
        Assert.Equal(["A-1", "A-2"], Html.Rows(form, "open-invoices").Select(r => r[0]));

        using var tooMuch = await clerk.SubmitAsync($"/Customers/ApplyCredit/{customer}", Fields((older, "400"), (newer, "200")), applyPath);
        Assert.Equal(HttpStatusCode.OK, tooMuch.StatusCode);
        Assert.Equal($"The amounts to apply (EUR {600m:N2}) add up to more than the EUR {500m:N2} on account.",
            Html.FieldError(await tooMuch.Content.ReadAsStringAsync(), "Input.Allocations"));
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.PaymentAllocations.CountAsync()));

        using var applied = await clerk.SubmitAsync($"/Customers/ApplyCredit/{customer}", Fields((older, "400"), (newer, "")), applyPath);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(customerPath, applied.Headers.Location!.OriginalString);
        var after = await clerk.GetPageAsync(customerPath);
        Assert.Contains($"Applied EUR {400m:N2} to A-1 (now paid) from the money on account. EUR {100m:N2} is left on account.", Html.Text(after), StringComparison.Ordinal);
        Assert.Equal($"EUR {100m:N2}", Html.Element(after, "data-total=\"on-account\" data-currency=\"EUR\""));
        Assert.Equal($"EUR {250m:N2}", Html.Element(after, "data-total=\"open\" data-currency=\"EUR\""));
        Assert.Equal(["A-2"], Html.Rows(after, "open-invoices").Select(r => r[0]));
        Assert.Contains($"Unapplied cash of EUR {400m:N2} applied to A-1, which is now settled", Html.Element(after, "id=\"timeline\""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_companys_clerk_gets_not_found_and_changes_nothing()
    {
        var (_, customer, older, _) = await LedgerWithCreditAsync("Credit Owner Co");
        var intruder = await TenantSeed.CreateCompanyAsync(app, "Intruder Co");
        using var clerk = app.NewClient();
        await clerk.SignInAsync(intruder.ClerkEmail, TenantSeed.Password);

        using var page = await clerk.GetAsync($"/Customers/ApplyCredit/{customer}?currency=EUR");
        using var post = await clerk.SubmitAsync($"/Customers/ApplyCredit/{customer}", Fields((older, "100")), "/Customers");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, intruder.TenantId, db => db.PaymentAllocations.CountAsync()));
    }

    [Fact]
    public async Task By_api_money_on_account_is_listed_and_applied_oldest_first_and_a_second_application_is_refused()
    {
        var (company, customer, _, _) = await LedgerWithCreditAsync("Api Credit Co");
        using var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);
        var other = await TenantSeed.CreateCompanyAsync(app, "Api Other Co");
        using var otherApi = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, other.TenantId)).Secret);

        using var listed = await api.GetAsync($"/api/v1/customers/{customer}/unapplied-cash");
        using var applied = await api.PostAsJsonAsync($"/api/v1/customers/{customer}/unapplied-cash/applications", new { currency = "EUR" }, ApiSeed.Json);
        using var again = await api.PostAsJsonAsync($"/api/v1/customers/{customer}/unapplied-cash/applications", new { currency = "EUR" }, ApiSeed.Json);
        using var foreign = await otherApi.PostAsJsonAsync($"/api/v1/customers/{customer}/unapplied-cash/applications", new { currency = "EUR" }, ApiSeed.Json);

        var credit = Assert.Single((await ApiSeed.ReadAsync(listed)).EnumerateArray());
        Assert.Equal(("EUR", 500m, 1), (credit.GetProperty("currency").GetString(), credit.GetProperty("amount").GetDecimal(), credit.GetProperty("payments").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var body = await ApiSeed.ReadAsync(applied);
        // 500 on account: A-1 (400, due first) is paid in full, A-2 gets the other 100 and keeps 150 open.
        Assert.Equal([("A-1", 400m, 0m, true), ("A-2", 100m, 150m, false)], body.GetProperty("applied").EnumerateArray()
            .Select(a => (a.GetProperty("number").GetString(), a.GetProperty("amount").GetDecimal(), a.GetProperty("openAmount").GetDecimal(), a.GetProperty("settled").GetBoolean())));
        Assert.Equal(0m, body.GetProperty("leftOnAccount").GetDecimal());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("Overpaying Customer has no unapplied EUR on account.",
            (await ApiSeed.ReadAsync(again)).GetProperty("errors").GetProperty("currency")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(2, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.PaymentAllocations.CountAsync()));
    }
}
