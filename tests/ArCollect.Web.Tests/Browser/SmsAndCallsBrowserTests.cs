using ArCollect.Domain.Dunning;
using ArCollect.IntegrationTests.Sms;
using ArCollect.Web.Tests.Infrastructure;
using ArCollect.Web.Tests.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

/// <summary>An Admin connects Twilio and sends a test SMS; a clerk records a call's outcome from the worklist.</summary>
public sealed class SmsAndCallsBrowserTests(SmsFixture fixture) : IClassFixture<SmsFixture>
{
    [Fact]
    public async Task An_admin_sets_up_twilio_and_a_clerk_records_a_call_outcome_from_the_worklist()
    {
        var company = await TenantSeed.CreateCompanyAsync(fixture.App, "Browser Calls");
        var (_, taskId) = await fixture.AddCallTaskAsync(company.TenantId, "Acme Tools", "INV-42", 2400m);

        await using (var admin = await BrowserSession.StartAsync(fixture.App.BaseAddress))
        {
            await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);
            await admin.Page.GotoAsync("/Settings/Sms");
            await admin.Page.GetByLabel("Send SMS reminders").CheckAsync();
            await admin.Page.GetByLabel("Account SID").FillAsync(TwilioTestServer.AccountSid);
            await admin.Page.GetByLabel("Auth token").FillAsync(TwilioTestServer.AuthToken);
            await admin.Page.GetByLabel("Sender number").FillAsync("+1 415 555 0100");
            await admin.Page.Locator("#save").ClickAsync();
            await Assertions.Expect(admin.Page.Locator("#flash")).ToHaveTextAsync("Saved: reminder steps with SMS send through Twilio.");
            await Assertions.Expect(admin.Page.Locator("#token-hint")).ToHaveTextAsync("A token ending in ••••feed is saved; leave empty to keep it.");
            await Assertions.Expect(admin.Page.GetByLabel("Auth token")).ToHaveValueAsync("");

            await admin.Page.GetByLabel("Test number").FillAsync("+49 151 23456789");
            await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
            await Assertions.Expect(admin.Page.Locator("#test-result")).ToContainTextAsync("Twilio accepted the test SMS to +4915123456789");
            await admin.ScreenshotAsync("sms-settings-saved-and-tested");
        }

        Assert.Contains(fixture.Twilio.Messages, m => m.To == "+4915123456789" && m.From == "+14155550100");

        await using var clerk = await BrowserSession.StartAsync(fixture.App.BaseAddress);
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        await clerk.Page.GotoAsync("/Worklist?all=true");
        var call = clerk.Page.Locator($"[data-call-task='{taskId}']");
        await call.GetByText("Script and outcome").ClickAsync();
        await Assertions.Expect(call.Locator(".call-script")).ToContainTextAsync("Call Pat Payables at Acme Tools on +4915112345678.");
        await call.GetByLabel("Call note").FillAsync("Spoke to Pat; invoice approved, paid with Friday's run");
        await clerk.ScreenshotAsync("worklist-call-task-open");
        await call.GetByRole(AriaRole.Button, new() { Name = "Reached" }).ClickAsync();

        await Assertions.Expect(clerk.Page.Locator("#done")).ToHaveTextAsync("Call with Acme Tools recorded: reached.");
        await Assertions.Expect(clerk.Page.Locator($"[data-call-task='{taskId}']")).ToHaveCountAsync(0);
        await clerk.ScreenshotAsync("worklist-call-outcome-recorded");
        var task = await fixture.WithDbAsync(company.TenantId, db => db.CollectionTasks.AsNoTracking().SingleAsync(t => t.Id == taskId));
        Assert.Equal((CollectionTaskStatus.Done, CallOutcome.Reached), (task.Status, task.CallOutcome));
        Assert.Equal("Spoke to Pat; invoice approved, paid with Friday's run",
            await fixture.WithDbAsync(company.TenantId, db => db.Activities.Where(a => a.CustomerId == task.CustomerId && a.Summary == "Call: reached the customer").Select(a => a.Body).SingleAsync()));
    }
}
