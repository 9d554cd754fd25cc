using System.Net;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Customers;

public sealed class CustomerDetailsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_note_and_a_call_added_on_the_customer_page_appear_on_the_timeline_newest_first()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Timeline Co");
        var id = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Chatty Customer");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var path = $"/Customers/Details/{id}";

        using var note = await client.SubmitAsync($"{path}?handler=Note", [new("Note.Type", "Note"), new("Note.Text", "Asked for a copy of INV-7")], formPage: path);
        using var call = await client.SubmitAsync($"{path}?handler=Note", [new("Note.Type", "Call"), new("Note.Text", "Promised to pay on Friday")], formPage: path);

        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, call.StatusCode);
        var page = await client.GetPageAsync(path);
        var timeline = Html.Element(page, "id=\"timeline\"");
        var callAt = timeline.IndexOf("Promised to pay on Friday", StringComparison.Ordinal);
        var noteAt = timeline.IndexOf("Asked for a copy of INV-7", StringComparison.Ordinal);
        Assert.True(callAt >= 0 && noteAt > callAt, $"both entries, newest first: {timeline}");
        Assert.Contains("Call · Cleo Clerk Call logged", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_note_is_a_field_error_and_adds_nothing()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Empty Note Co");
        var id = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Quiet Customer");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var path = $"/Customers/Details/{id}";

        using var response = await client.SubmitAsync($"{path}?handler=Note", [new("Note.Type", "Note"), new("Note.Text", "   ")], formPage: path);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Write what happened.", Html.FieldError(page, "Note.Text"));
        Assert.Contains("Nothing yet.", Html.Element(page, "id=\"timeline\""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_invoices_are_aged_into_buckets_and_totalled()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Aging Co");
        var today = LedgerSeed.Today(app);
        var id = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Aged Customer");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "AG-1", 100m, today.AddDays(-10), today.AddDays(20));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "AG-2", 200m, today.AddDays(-40), today.AddDays(-10));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "AG-3", 300m, today.AddDays(-75), today.AddDays(-45), paid: 50m);
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "AG-4", 400m, today.AddDays(-150), today.AddDays(-120));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "AG-5", 500m, today.AddDays(-60), today.AddDays(-30), paid: 500m);
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var page = await client.GetPageAsync($"/Customers/Details/{id}");

        Assert.Equal(["EUR", N(100m), N(200m), N(250m), N(0m), N(400m)], Html.Rows(page, "aging").Single());
        Assert.Equal($"EUR {N(950m)}", Html.Element(page, "data-total=\"open\" data-currency=\"EUR\""));
        Assert.Equal($"EUR {N(850m)}", Html.Element(page, "data-total=\"overdue\" data-currency=\"EUR\""));
        Assert.Equal(["AG-4", "AG-3", "AG-2", "AG-1"], Html.Rows(page, "open-invoices").Select(r => r[0]));
        Assert.Equal(["AG-3", today.AddDays(-75).ToString("yyyy-MM-dd"), today.AddDays(-45).ToString("yyyy-MM-dd"), $"EUR {N(300m)}", $"EUR {N(250m)}", "Overdue", "45"],
            Html.Row(page, "open-invoices", "invoice", "AG-3")!);
        Assert.Equal(["Open", ""], Html.Row(page, "open-invoices", "invoice", "AG-1")![^2..]);
        Assert.Equal(["AG-5"], Html.Rows(page, "paid-invoices").Select(r => r[0]));
    }

    private static string N(decimal value) => value.ToString("N2");
}
