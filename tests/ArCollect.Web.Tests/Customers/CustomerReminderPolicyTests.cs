using System.Net;
using System.Net.Http.Json;
using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Customers;

public sealed class CustomerReminderPolicyTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>The company's shipped default (Standard) plus a second policy with one step; returns the second's id.</summary>
    private Task<Guid> AddSecondPolicyAsync(Guid tenantId, string name) =>
        LedgerSeed.WithDbAsync(app, tenantId, async db =>
        {
            await DunningSetup.EnsureDefaultsAsync(db, tenantId, CancellationToken.None);
            var policy = new ReminderPolicy { Id = Guid.CreateVersion7(), Name = name };
            policy.Steps.Add(new ReminderStep { Id = Guid.CreateVersion7(), PolicyId = policy.Id, OffsetDays = 3, Tone = ReminderTone.Firm, Actions = StepActions.Email });
            db.ReminderPolicies.Add(policy);
            await db.SaveChangesAsync();
            return policy.Id;
        });

    private Task<Guid?> PolicyOfAsync(Guid tenantId, Guid customerId) =>
        LedgerSeed.WithDbAsync(app, tenantId, db => db.Customers.Where(c => c.Id == customerId).Select(c => c.ReminderPolicyId).SingleAsync());

    private static List<KeyValuePair<string, string>> Fields(string name, string policy) =>
    [
        new("Input.Name", name), new("Input.Currency", "EUR"), new("Input.PaymentTermsDays", "30"),
        new("Input.TimeZone", "Etc/UTC"), new("Input.ReminderPolicyId", policy),
    ];

    [Fact]
    public async Task A_clerk_chooses_another_policy_and_the_customer_page_shows_it()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Choice Co");
        var keyAccounts = await AddSecondPolicyAsync(company.TenantId, "Key accounts");
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Chosen Ltd");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var before = await client.GetPageAsync($"/Customers/Details/{customer}");
        var form = await client.GetPageAsync($"/Customers/Edit/{customer}");
        using var saved = await client.SubmitAsync($"/Customers/Edit/{customer}", Fields("Chosen Ltd", keyAccounts.ToString()));

        Assert.Equal("Tenant default (Standard)", Html.Element(before, "id=\"reminder-policy\""));
        Assert.Contains("<option value=\"\">Tenant default (Standard)</option>", form, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{keyAccounts}\">Key accounts</option>", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(keyAccounts, await PolicyOfAsync(company.TenantId, customer));
        Assert.Equal("Key accounts", Html.Element(await client.GetPageAsync($"/Customers/Details/{customer}"), "id=\"reminder-policy\""));
        Assert.Contains($"<option value=\"{keyAccounts}\" selected=\"selected\">Key accounts</option>", await client.GetPageAsync($"/Customers/Edit/{customer}"), StringComparison.Ordinal);

        using var back = await client.SubmitAsync($"/Customers/Edit/{customer}", Fields("Chosen Ltd", ""));
        Assert.Null(await PolicyOfAsync(company.TenantId, customer));
    }

    [Fact]
    public async Task Another_companys_policy_on_the_form_is_a_field_error_and_nothing_is_saved()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Form Co");
        var other = await TenantSeed.CreateCompanyAsync(app, "Policy Form Other");
        await AddSecondPolicyAsync(company.TenantId, "Ours");
        var theirs = await AddSecondPolicyAsync(other.TenantId, "Theirs");
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Unchanged Ltd");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var edit = await client.SubmitAsync($"/Customers/Edit/{customer}", Fields("Renamed Ltd", theirs.ToString()));
        using var create = await client.SubmitAsync("/Customers/Edit", Fields("Brand New Ltd", theirs.ToString()));

        foreach (var response in new[] { edit, create })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Equal("Choose a reminder policy of your company, or the default.", Html.FieldError(page, "Input.ReminderPolicyId"));
            Assert.DoesNotContain("Theirs", page, StringComparison.Ordinal);
        }

        var names = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.Select(c => new { c.Name, c.ReminderPolicyId }).ToListAsync());
        Assert.Equal([("Unchanged Ltd", (Guid?)null)], names.Select(c => (c.Name, c.ReminderPolicyId)));
    }

    [Fact]
    public async Task The_api_accepts_and_returns_an_own_policy_and_refuses_another_companys()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Api Co");
        var other = await TenantSeed.CreateCompanyAsync(app, "Policy Api Other");
        var ours = await AddSecondPolicyAsync(company.TenantId, "Ours");
        var theirs = await AddSecondPolicyAsync(other.TenantId, "Theirs");
        var key = await ApiSeed.CreateKeyAsync(app, company.TenantId);
        using var api = ApiSeed.Client(app, key.Secret);

        using var accepted = await api.PostAsJsonAsync("/api/v1/customers", new { name = "Api Chosen", currency = "EUR", reminderPolicyId = ours }, ApiSeed.Json);
        using var refused = await api.PostAsJsonAsync("/api/v1/customers", new { name = "Api Intruder", currency = "EUR", reminderPolicyId = theirs }, ApiSeed.Json);

        var created = await ApiSeed.ReadAsync(accepted);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(ours, created.GetProperty("reminderPolicyId").GetGuid());
        using var fetched = await api.GetAsync($"/api/v1/customers/{created.GetProperty("id").GetGuid()}");
        Assert.Equal(ours, (await ApiSeed.ReadAsync(fetched)).GetProperty("reminderPolicyId").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await ApiSeed.ReadAsync(refused)).GetProperty("errors");
        Assert.Contains("No reminder policy with this id in your company", errors.GetProperty("reminderPolicyId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["Api Chosen"], await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.Select(c => c.Name).ToListAsync()));
    }
}
