using ArCollect.Domain.Activities;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Hosting;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

/// <summary>A clerk of the demo tenant works the worklist on a 390 px phone.</summary>
public sealed class WorklistPhoneBrowserTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task A_clerk_logs_a_call_from_the_worklist_on_a_phone_and_sees_it_confirmed_next_to_the_row()
    {
        var clerk = DemoBootstrap.Logins.Single(l => l.Role == Roles.Clerk);
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress, new ViewportSize { Width = 390, Height = 844 });
        await browser.SignInAsync(clerk.Email, DemoBootstrap.Password);

        await browser.Page.GotoAsync("/Worklist");
        var row = browser.Page.Locator("#accounts tbody tr").First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        var customerId = Guid.Parse((await row.GetAttributeAsync("data-customer"))!);
        // Nothing is wider than the phone: the page does not scroll sideways.
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));

        await row.GetByText("Actions").ClickAsync();
        await row.GetByLabel("What was said").FillAsync("Spoke to accounts payable, payment run on Friday");
        await row.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();

        var confirmed = browser.Page.Locator($"#accounts tr[data-customer='{customerId}'] #done");
        await Assertions.Expect(confirmed).ToHaveTextAsync("Call logged.");
        Assert.DoesNotContain("handler=", browser.Page.Url, StringComparison.Ordinal); // redirected: a refresh does not post again
        await browser.ScreenshotAsync("worklist-phone-call-logged");
        await browser.Page.ReloadAsync();
        await Assertions.Expect(browser.Page.Locator("#done")).ToHaveCountAsync(0);

        Guid tenantId;
        await using (var platform = app.Services.CreateAsyncScope())
        {
            tenantId = await platform.ServiceProvider.GetRequiredService<ArCollectDbContext>().Tenants
                .Where(t => t.Name == DemoBootstrap.TenantName).Select(t => t.Id).SingleAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var calls = await scope.ServiceProvider.GetRequiredService<ArCollectDbContext>().Activities.CountAsync(a => a.CustomerId == customerId && a.Type == ActivityType.Call && a.Body == "Spoke to accounts payable, payment run on Friday");
        Assert.Equal(1, calls);
    }
}
