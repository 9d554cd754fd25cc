using System.Net;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Customers;

public sealed class CustomerTenancyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Another_companys_customer_pages_answer_not_found()
    {
        var mine = await TenantSeed.CreateCompanyAsync(app, "Mine Co");
        var theirs = await TenantSeed.CreateCompanyAsync(app, "Theirs Co");
        var theirCustomer = await LedgerSeed.AddCustomerAsync(app, theirs.TenantId, "Their Secret Customer");
        using var client = app.NewClient();
        await client.SignInAsync(mine.ClerkEmail, TenantSeed.Password);

        foreach (var path in new[] { $"/Customers/Details/{theirCustomer}", $"/Customers/Edit/{theirCustomer}", $"/Customers/Details/{Guid.NewGuid()}" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }

        using var edit = await client.SubmitAsync($"/Customers/Edit/{theirCustomer}",
            [new("Input.Name", "Hijacked"), new("Input.Currency", "EUR"), new("Input.PaymentTermsDays", "30"), new("Input.TimeZone", "Etc/UTC")],
            formPage: "/Customers/Edit");
        using var note = await client.SubmitAsync($"/Customers/Details/{theirCustomer}?handler=Note", [new("Note.Type", "Note"), new("Note.Text", "Hello")], formPage: "/Customers/Edit");
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, note.StatusCode);
        using var owner = app.NewClient();
        await owner.SignInAsync(theirs.ClerkEmail, TenantSeed.Password);
        var ownerView = await owner.GetPageAsync($"/Customers/Details/{theirCustomer}");
        Assert.Contains("Their Secret Customer", ownerView, StringComparison.Ordinal);
        Assert.Contains("Nothing yet.", Html.Element(ownerView, "id=\"timeline\""), StringComparison.Ordinal);
        Assert.DoesNotContain("Their Secret Customer", await client.GetPageAsync("/Customers"), StringComparison.Ordinal);
    }
}
