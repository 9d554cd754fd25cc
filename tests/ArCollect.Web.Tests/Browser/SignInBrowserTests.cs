using ArCollect.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

public sealed class SignInBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_clerk_signs_in_in_the_browser_and_sees_the_overview_without_admin_links()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Browser Co");
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);

        await browser.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Receivables overview" })).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.GetByText("Cleo Clerk")).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("overview-clerk");
    }

    [Fact]
    public async Task Signed_in_pages_load_without_a_console_error_not_even_for_the_tab_icon()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Browser Icon Co");
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        var errors = new List<string>();
        browser.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Text} @ {browser.Page.Url}");
            }
        };

        await browser.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        foreach (var path in new[] { "/Customers", "/Invoices", "/Replies" })
        {
            await browser.Page.GotoAsync(path);
            await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_reason_on_the_form()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Browser Wrong");
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);

        await browser.Page.GotoAsync("/Account/Login");
        await browser.Page.GetByLabel("Email").FillAsync(company.ClerkEmail);
        await browser.Page.GetByLabel("Password").FillAsync("not-the-password");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByText("Email or password is wrong.")).ToBeVisibleAsync();
        Assert.Contains("/Account/Login", browser.Page.Url, StringComparison.Ordinal);
    }
}
