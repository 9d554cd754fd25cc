using System.Net;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Customers;

public sealed class CustomerEditTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Invalid_fields_are_named_beside_each_field_and_nothing_is_saved()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Invalid Customer Co");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await client.SubmitAsync("/Customers/Edit",
        [
            new("Input.Name", "  "), new("Input.Currency", "EURO"), new("Input.PaymentTermsDays", "400"),
            new("Input.CreditLimit", "-5"), new("Input.TimeZone", "Mars/Olympus"), new("Input.Country", "Germany"),
            new("Input.ContactName", "Pat Payables"), new("Input.ContactEmail", "not-an-email"),
        ]);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enter the customer's name.", Html.FieldError(page, "Input.Name"));
        Assert.Contains("ISO 4217", Html.FieldError(page, "Input.Currency"), StringComparison.Ordinal);
        Assert.Equal("Payment terms must be between 0 and 365 days.", Html.FieldError(page, "Input.PaymentTermsDays"));
        Assert.Contains("cannot be negative", Html.FieldError(page, "Input.CreditLimit"), StringComparison.Ordinal);
        Assert.Contains("IANA", Html.FieldError(page, "Input.TimeZone"), StringComparison.Ordinal);
        Assert.Contains("two-letter", Html.FieldError(page, "Input.Country"), StringComparison.Ordinal);
        Assert.Contains("valid email", Html.FieldError(page, "Input.ContactEmail"), StringComparison.Ordinal);
        Assert.Contains("value=\"Pat Payables\"", page, StringComparison.Ordinal);
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task A_valid_customer_is_created_with_its_contact_and_appears_in_the_list()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "New Customer Co");
        var clerk = await TenantSeed.UserIdAsync(app, company.ClerkEmail);
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        Assert.Contains("value=\"EUR\"", await client.GetPageAsync("/Customers/Edit"), StringComparison.Ordinal);

        using var response = await client.SubmitAsync("/Customers/Edit",
        [
            new("Input.Name", "Harbor Freight Ltd"), new("Input.ExternalId", "HF-001"), new("Input.Currency", "gbp"),
            new("Input.PaymentTermsDays", "45"), new("Input.CreditLimit", "20000"), new("Input.CollectorId", clerk.ToString()),
            new("Input.Segment", "Wholesale"), new("Input.Region", "North"), new("Input.Country", "gb"),
            new("Input.TimeZone", "Europe/London"), new("Input.IsKeyAccount", "true"),
            new("Input.ContactName", "Hana Harbor"), new("Input.ContactEmail", "ap@harbor.example"), new("Input.ContactPhone", "+44 20 7946 0000"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        var text = Html.Text(details);
        Assert.Contains("Customer Harbor Freight Ltd created.", text, StringComparison.Ordinal);
        Assert.Contains("Key account", text, StringComparison.Ordinal);
        Assert.Contains("Net 45 days", text, StringComparison.Ordinal);
        Assert.Contains("Collector: Cleo Clerk", text, StringComparison.Ordinal);
        Assert.Contains("Hana Harbor, ap@harbor.example", text, StringComparison.Ordinal);
        Assert.Equal($"GBP {20000m:N2} (0% used)", Html.Element(details, "id=\"credit-limit\""));
        var list = await client.GetPageAsync("/Customers");
        var row = Html.Row(list, "customers", "customer", "Harbor Freight Ltd")!;
        Assert.Equal(["Harbor Freight Ltd", "HF-001", "Wholesale", "North", "Cleo Clerk", "GBP"], row[..6]);
    }

    [Fact]
    public async Task A_customer_number_used_by_another_customer_is_a_field_error()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Duplicate Number Co");
        var other = await TenantSeed.CreateCompanyAsync(app, "Other Number Co");
        await LedgerSeed.AddCustomerAsync(app, company.TenantId, "First Holder", externalId: "C-1");
        await LedgerSeed.AddCustomerAsync(app, other.TenantId, "Other Company Holder", externalId: "C-2");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var taken = await client.SubmitAsync("/Customers/Edit",
            [new("Input.Name", "Second Holder"), new("Input.ExternalId", "C-1"), new("Input.Currency", "EUR"), new("Input.PaymentTermsDays", "30"), new("Input.TimeZone", "Etc/UTC")]);
        using var freeHere = await client.SubmitAsync("/Customers/Edit",
            [new("Input.Name", "Third Holder"), new("Input.ExternalId", "C-2"), new("Input.Currency", "EUR"), new("Input.PaymentTermsDays", "30"), new("Input.TimeZone", "Etc/UTC")]);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal("Customer number C-1 is already used by another customer.", Html.FieldError(await taken.Content.ReadAsStringAsync(), "Input.ExternalId"));
        Assert.Equal(HttpStatusCode.Redirect, freeHere.StatusCode);
        var names = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync());
        Assert.Equal(["First Holder", "Third Holder"], names);
    }

    [Fact]
    public async Task Clerks_saving_the_same_customer_number_at_once_get_one_customer_and_field_errors_never_a_server_error()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Race Customer Co");
        var clients = new List<Infrastructure.WebClient>();
        for (var n = 0; n < 4; n++)
        {
            var client = app.NewClient();
            await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
            clients.Add(client);
        }

        var responses = await Task.WhenAll(clients.Select((c, n) => c.SubmitAsync("/Customers/Edit",
            [new("Input.Name", $"Racer {n}"), new("Input.ExternalId", "RACE-7"), new("Input.Currency", "EUR"), new("Input.PaymentTermsDays", "30"), new("Input.TimeZone", "Etc/UTC")])));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal("Customer number RACE-7 is already used by another customer.", Html.FieldError(await refused.Content.ReadAsStringAsync(), "Input.ExternalId"));
        }

        Assert.Equal(1, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.CountAsync()));
        foreach (var item in responses.Cast<IDisposable>().Concat(clients))
        {
            item.Dispose();
        }
    }

    [Fact]
    public async Task Editing_changes_the_customer_and_its_primary_contact()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Edit Customer Co");
        var id = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Old Name GmbH", externalId: "E-1", contactEmail: "old@example.com");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var form = await client.GetPageAsync($"/Customers/Edit/{id}");
        Assert.Contains("value=\"Old Name GmbH\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"old@example.com\"", form, StringComparison.Ordinal);

        using var response = await client.SubmitAsync($"/Customers/Edit/{id}",
        [
            new("Input.Name", "New Name GmbH"), new("Input.ExternalId", "E-1"), new("Input.Currency", "EUR"), new("Input.PaymentTermsDays", "14"),
            new("Input.TimeZone", "Europe/Berlin"), new("Input.DoNotContact", "true"),
            new("Input.ContactName", "Nora New"), new("Input.ContactEmail", "new@example.com"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var text = Html.Text(await client.GetPageAsync($"/Customers/Details/{id}"));
        Assert.Contains("New Name GmbH", text, StringComparison.Ordinal);
        Assert.Contains("Do not contact", text, StringComparison.Ordinal);
        Assert.Contains("Net 14 days", text, StringComparison.Ordinal);
        Assert.Contains("Nora New, new@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("old@example.com", text, StringComparison.Ordinal);
        Assert.Equal(1, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Contacts.CountAsync(c => c.CustomerId == id)));
    }
}
