using System.Net;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Disputes;

public sealed class DisputePagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_clerk_opens_a_dispute_from_an_invoice_and_another_company_cannot_see_it()
    {
        var mine = await TenantSeed.CreateCompanyAsync(app, "Dispute Mine Co");
        var theirs = await TenantSeed.CreateCompanyAsync(app, "Dispute Theirs Co");
        var customer = await LedgerSeed.AddCustomerAsync(app, mine.TenantId, "Pallet Buyer");
        var today = LedgerSeed.Today(app);
        var invoice = await LedgerSeed.AddInvoiceAsync(app, mine.TenantId, customer, "D-1", 600m, today.AddDays(-40), today.AddDays(-10));
        using var clerk = app.NewClient();
        await clerk.SignInAsync(mine.ClerkEmail, TenantSeed.Password);
        var form = $"/Disputes/New?invoiceId={invoice}";

        using var tooMuch = await clerk.SubmitAsync(form, [new("Rows[0].InvoiceId", invoice.ToString()), new("Rows[0].Amount", "700"), new("ReasonCode", "quantity")]);
        var refused = await tooMuch.Content.ReadAsStringAsync();
        Assert.Contains("enter at most EUR 600.00", Html.FieldError(refused, "Rows[0].Amount"), StringComparison.Ordinal);

        using var opened = await clerk.SubmitAsync(form, [new("Rows[0].InvoiceId", invoice.ToString()), new("Rows[0].Amount", "150"), new("ReasonCode", "quantity")]);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var details = await clerk.GetPageAsync(opened.Headers.Location!.OriginalString);
        Assert.Contains("Quantity dispute", details, StringComparison.Ordinal);
        Assert.Contains("EUR 150.00", Html.Element(details, "id=\"disputed-amount\""), StringComparison.Ordinal);
        var id = await LedgerSeed.WithDbAsync(app, mine.TenantId, db => db.Disputes.Select(d => d.Id).SingleAsync());
        Assert.Contains($"/Disputes/Details/{id}", await clerk.GetPageAsync("/Disputes?owner=all"), StringComparison.Ordinal);

        using var other = app.NewClient();
        await other.SignInAsync(theirs.ClerkEmail, TenantSeed.Password);
        foreach (var path in new[] { $"/Disputes/Details/{id}", form })
        {
            using var response = await other.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }

        Assert.DoesNotContain("Pallet Buyer", await other.GetPageAsync("/Disputes?owner=all"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analytics_are_for_managers_and_export_as_CSV()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Dispute Analytics Co");
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        using var denied = await clerk.GetAsync("/Disputes/Analytics");
        Assert.Contains("/Account/AccessDenied", denied.Headers.Location?.OriginalString ?? denied.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);

        using var manager = app.NewClient();
        await manager.SignInAsync(company.ManagerEmail, TenantSeed.Password);
        var page = await manager.GetPageAsync("/Disputes/Analytics");
        Assert.Contains("Pareto of reasons", page, StringComparison.Ordinal);
        using var csv = await manager.GetAsync("/Disputes/Analytics?handler=Export&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("view,group,currency,disputes,disputed,credited", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
    }
}
