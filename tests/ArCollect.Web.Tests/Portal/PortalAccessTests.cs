using System.Net;
using ArCollect.Domain.Messaging;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Portal;

/// <summary>Who a portal link lets in, and what an unusable link shows.</summary>
public sealed class PortalAccessTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Gone = "This link no longer works";

    [Fact]
    public async Task A_link_shows_its_customers_open_invoices_balance_and_payment_reference()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Seller Co");
        await PortalSeed.AddBankAccountAsync(app, company.TenantId);
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Buyer One");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "INV-100", 1000m, today.AddDays(-40), today.AddDays(-10));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "INV-101", 250m, today.AddDays(-5), today.AddDays(25), paid: 50m);
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "INV-099", 80m, today.AddDays(-60), today.AddDays(-30), paid: 80m);
        using var client = app.NewClient();

        var page = await client.GetPageAsync(await PortalSeed.LinkAsync(app, company.TenantId, customer));

        Assert.Contains("Your account with Seller Co", page, StringComparison.Ordinal);
        Assert.Contains("EUR 1,200.00", Html.Element(page, "id=\"balance-EUR\""), StringComparison.Ordinal);
        var open = Html.Element(page, "id=\"open-invoices\"");
        Assert.Contains("INV-100", open, StringComparison.Ordinal);
        Assert.Contains("INV-101", open, StringComparison.Ordinal);
        Assert.DoesNotContain("INV-099", open, StringComparison.Ordinal);
        Assert.Contains(Domain.Common.CreditorReference.Format(Domain.Common.CreditorReference.FromInvoiceNumber("INV-100")!), open, StringComparison.Ordinal);
        Assert.Contains("IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX", page, StringComparison.Ordinal);
        Assert.Contains("Recently paid", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_revoked_and_altered_links_all_show_the_same_plain_page_and_nothing_of_the_customer()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Seller Co");
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Hidden Buyer Ltd");
        var today = LedgerSeed.Today(app);
        var invoice = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "SECRET-1", 500m, today.AddDays(-20), today.AddDays(10));
        var expired = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        var revoked = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        var valid = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        var expiredHash = ArCollect.Infrastructure.Portal.PortalTokens.Hash(expired[8..]);
        var revokedHash = ArCollect.Infrastructure.Portal.PortalTokens.Hash(revoked[8..]);
        await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.PortalLinks
            .Where(l => l.TokenHash == expiredHash)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.PortalLinks
            .Where(l => l.TokenHash == revokedHash)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, DateTimeOffset.UtcNow)));
        var altered = valid[..^3] + (valid[^3] == 'A' ? "B" : "A") + valid[^2..];
        using var client = app.NewClient();

        foreach (var path in new[] { expired, revoked, altered, "/portal/not-a-token", expired + "?handler=Pdf&id=" + invoice, revoked + "/promise", altered + "/dispute" })
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
            Assert.Contains(Gone, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Hidden Buyer", body, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET-1", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Seller Co", body, StringComparison.Ordinal);
        }

        Assert.Contains("SECRET-1", await client.GetPageAsync(valid), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_all_links_on_the_customer_page_ends_them_and_the_page_shows_their_last_use()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Seller Co");
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Buyer Two");
        var link = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        using var buyer = app.NewClient();
        await buyer.GetPageAsync(link);
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var before = await clerk.GetPageAsync($"/Customers/PortalLinks/{customer}");
        Assert.Contains("Test", Html.Element(before, "id=\"links\""), StringComparison.Ordinal);
        Assert.DoesNotContain("never", Html.Element(before, "id=\"links\""), StringComparison.Ordinal);
        Assert.DoesNotContain(link[8..], before, StringComparison.Ordinal);

        using var revoke = await clerk.SubmitAsync($"/Customers/PortalLinks/{customer}?handler=Revoke", [], formPage: $"/Customers/PortalLinks/{customer}");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Contains("No active links.", await clerk.GetPageAsync($"/Customers/PortalLinks/{customer}"), StringComparison.Ordinal);
        using var after = await buyer.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Contains("All portal links revoked", await clerk.GetPageAsync($"/Customers/Details/{customer}"), StringComparison.Ordinal);

        using var issue = await clerk.SubmitAsync($"/Customers/PortalLinks/{customer}?handler=Issue", [], formPage: $"/Customers/PortalLinks/{customer}");
        var shown = Html.Element(await clerk.GetPageAsync($"/Customers/PortalLinks/{customer}"), "id=\"new-link\"");
        var fresh = shown[shown.IndexOf("/portal/", StringComparison.Ordinal)..].Split('<')[0].Trim();
        Assert.Contains("Buyer Two", await buyer.GetPageAsync(fresh), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_companys_clerk_cannot_see_or_revoke_a_customers_links()
    {
        var mine = await TenantSeed.CreateCompanyAsync(app, "Mine Co");
        var theirs = await TenantSeed.CreateCompanyAsync(app, "Theirs Co");
        var theirCustomer = await LedgerSeed.AddCustomerAsync(app, theirs.TenantId, "Their Buyer");
        var link = await PortalSeed.LinkAsync(app, theirs.TenantId, theirCustomer);
        using var clerk = app.NewClient();
        await clerk.SignInAsync(mine.ClerkEmail, TenantSeed.Password);

        using var page = await clerk.GetAsync($"/Customers/PortalLinks/{theirCustomer}");
        using var revoke = await clerk.SubmitAsync($"/Customers/PortalLinks/{theirCustomer}?handler=Revoke", [], formPage: "/Customers/Edit");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        using var buyer = app.NewClient();
        Assert.Contains("Their Buyer", await buyer.GetPageAsync(link), StringComparison.Ordinal);

        // A signed-in clerk of one company opening another company's portal link sees that customer's portal, nothing of their own.
        Assert.Contains("Their Buyer", await clerk.GetPageAsync(link), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_link_goes_to_the_address_on_file_through_the_outbox_once_an_hour_and_unknown_addresses_get_the_same_answer()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Seller Co");
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Buyer Three", contactEmail: "ap@buyer-three.example");
        var old = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.PortalLinks.ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, DateTimeOffset.UtcNow)));
        using var client = app.NewClient();

        // The unusable link's page answers 404, so the form's antiforgery token is taken from another anonymous form.
        using var unknown = await client.SubmitAsync(old, [new("Email", "someone@else.example")], formPage: "/Account/Login");
        using var known = await client.SubmitAsync(old, [new("Email", "AP@buyer-three.example")], formPage: "/Account/Login");
        using var again = await client.SubmitAsync(old, [new("Email", "ap@buyer-three.example")], formPage: "/Account/Login");

        foreach (var response in new[] { unknown, known, again })
        {
            Assert.Contains("If the address is on file, a fresh link is on its way.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var messages = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.OutboxMessages.AsNoTracking().ToListAsync());
        var message = Assert.Single(messages);
        Assert.Equal(MessageKind.Notification, message.Kind);
        Assert.Contains("ap@buyer-three.example", message.ToAddresses, StringComparison.Ordinal);
        var fresh = message.TextBody[message.TextBody.IndexOf("/portal/", StringComparison.Ordinal)..].Split('\n')[0].Trim();
        Assert.Contains("Buyer Three", await client.GetPageAsync(fresh), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_gets_too_many_requests_after_its_limit_per_minute()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Seller Co");
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Busy Buyer");
        var link = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        using var client = app.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 61; i++)
        {
            using var response = await client.GetAsync(link + "?handler=Qr&id=" + Guid.NewGuid());
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(60), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[60]);
    }
}
