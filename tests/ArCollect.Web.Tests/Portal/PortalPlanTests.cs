using System.Globalization;
using System.Net;
using ArCollect.Domain.Activities;
using ArCollect.Domain.PaymentPlans;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Portal;

/// <summary>A customer asks for a payment plan in the portal; rules decide whether it is approved at once or waits for a Manager.</summary>
public sealed class PortalPlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    private sealed record World(TenantSeed.Company Company, Guid Customer, string Link, DateOnly Today);

    private async Task<World> SeedAsync()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Plan Seller");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Slow Payer");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "SLOW-1", 250m, today.AddDays(-40), today.AddDays(-10));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "SLOW-2", 150m, today.AddDays(-20), today.AddDays(10));
        var link = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        return new World(company, customer, link, today);
    }

    [Fact]
    public async Task A_plan_inside_the_rules_is_approved_at_once_shown_in_the_portal_and_on_the_clerks_timeline()
    {
        var w = await SeedAsync();
        using var client = app.NewClient();
        var first = w.Today.AddDays(7);

        using var response = await client.SubmitAsync(w.Link + "/plan", [new("Input.Instalments", "2"), new("Input.FirstDate", first.ToString("yyyy-MM-dd"))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Your payment plan is approved.", home, StringComparison.Ordinal);
        // 400.00 in two instalments of 200.00; nothing paid yet, so the first is next.
        var plans = Html.Element(home, "id=\"plans\"");
        Assert.Contains("EUR 400.00 in 2 instalments · Active", plans, StringComparison.Ordinal);
        Assert.Contains($"Next instalment: EUR 200.00 by {first.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", plans, StringComparison.Ordinal);

        using var clerk = app.NewClient();
        await clerk.SignInAsync(w.Company.ClerkEmail, TenantSeed.Password);
        var timeline = await clerk.GetPageAsync($"/Customers/Details/{w.Customer}");
        Assert.Contains($"Customer asked in the portal for a payment plan: EUR 400.00 in 2 instalments from {first:yyyy-MM-dd}, approved", WebUtility.HtmlDecode(timeline), StringComparison.Ordinal);
        var page = await clerk.GetPageAsync($"/Customers/PaymentPlans/{w.Customer}");
        Assert.Equal(["1", first.ToString("yyyy-MM-dd"), "200.00", "Next"], Html.Rows(page, "schedule-" + await PlanIdAsync(w))[0]);
    }

    [Fact]
    public async Task A_plan_outside_the_rules_waits_and_only_a_manager_can_approve_it()
    {
        var w = await SeedAsync();
        using var client = app.NewClient();

        using var response = await client.SubmitAsync(w.Link + "/plan", [new("Input.Instalments", "8"), new("Input.FirstDate", w.Today.AddDays(3).ToString("yyyy-MM-dd"))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetPageAsync(w.Link);
        Assert.Contains("EUR 400.00 in 8 instalments · Waiting for approval", Html.Element(home, "id=\"plans\""), StringComparison.Ordinal);
        var planId = await PlanIdAsync(w);

        using var clerk = app.NewClient();
        await clerk.SignInAsync(w.Company.ClerkEmail, TenantSeed.Password);
        Assert.DoesNotContain("handler=Approve", await clerk.GetPageAsync($"/Customers/PaymentPlans/{w.Customer}"), StringComparison.Ordinal);
        using var refused = await clerk.SubmitAsync($"/Customers/PaymentPlans/{w.Customer}?handler=Approve", [new("planId", planId.ToString()), new("reason", "ok")], $"/Customers/Details/{w.Customer}");
        Assert.Equal(PaymentPlanStatus.Pending, await StatusAsync(w, planId));

        using var manager = app.NewClient();
        await manager.SignInAsync(w.Company.ManagerEmail, TenantSeed.Password);
        var page = await manager.GetPageAsync($"/Customers/PaymentPlans/{w.Customer}");
        Assert.Contains("Outside the rules: 8 instalments, more than the 6 allowed.", Html.Text(page), StringComparison.Ordinal);
        using var approved = await manager.SubmitAsync($"/Customers/PaymentPlans/{w.Customer}?handler=Approve", [new("planId", planId.ToString()), new("reason", "Long-standing customer")], $"/Customers/PaymentPlans/{w.Customer}");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(PaymentPlanStatus.Active, await StatusAsync(w, planId));
        Assert.Contains("EUR 400.00 in 8 instalments · Active", Html.Element(await client.GetPageAsync(w.Link), "id=\"plans\""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_plan_requests_get_field_errors_and_store_nothing()
    {
        var w = await SeedAsync();
        using var client = app.NewClient();
        var cases = new (string Count, string Date, string Field, string Message)[]
        {
            ("1", w.Today.AddDays(3).ToString("yyyy-MM-dd"), "Input.Instalments", "Choose from 2 to 24 instalments."),
            ("3", w.Today.AddDays(-1).ToString("yyyy-MM-dd"), "Input.FirstDate", "The date cannot be in the past."),
            ("3", w.Today.AddDays(31).ToString("yyyy-MM-dd"), "Input.FirstDate", "The first instalment can be at most 30 days ahead"),
        };

        foreach (var (count, date, field, message) in cases)
        {
            using var response = await client.SubmitAsync(w.Link + "/plan", [new("Input.Instalments", count), new("Input.FirstDate", date)]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith(message, Html.FieldError(await response.Content.ReadAsStringAsync(), field), StringComparison.Ordinal);
        }

        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.Company.TenantId, db => db.PaymentPlans.CountAsync()));
        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.Company.TenantId, db => db.Activities.CountAsync(a => a.Type == ActivityType.PaymentPlan)));
    }

    private Task<Guid> PlanIdAsync(World w) =>
        PortalSeed.AsCompanyAsync(app, w.Company.TenantId, db => db.PaymentPlans.Where(p => p.CustomerId == w.Customer).Select(p => p.Id).SingleAsync());

    private Task<PaymentPlanStatus> StatusAsync(World w, Guid planId) =>
        PortalSeed.AsCompanyAsync(app, w.Company.TenantId, db => db.PaymentPlans.Where(p => p.Id == planId).Select(p => p.Status).SingleAsync());
}
