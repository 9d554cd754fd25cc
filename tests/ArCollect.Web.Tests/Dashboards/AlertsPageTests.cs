using System.Net;
using ArCollect.Domain.Messaging;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Dashboards;

public sealed class AlertsPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<Guid> FireAsync(Guid tenantId, string subject) =>
        await LedgerSeed.WithDbAsync(app, tenantId, async db =>
        {
            var message = new OutboxMessage
            {
                Id = Guid.CreateVersion7(),
                IdempotencyKey = "alert:test:" + Guid.NewGuid().ToString("N"),
                Kind = MessageKind.ManagerAlert,
                ToAddresses = "manager@example.test",
                Subject = subject,
                TextBody = subject,
                MessageId = $"<{Guid.NewGuid():N}@arcollect.test>",
                CreatedAt = DateTimeOffset.UtcNow,
                NotBefore = DateTimeOffset.UtcNow,
                NextAttemptAt = DateTimeOffset.UtcNow,
            };
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

    [Fact]
    public async Task A_manager_sees_what_fired_and_acknowledges_it_once_with_name_and_time()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Alerting Co");
        var other = await TenantSeed.CreateCompanyAsync(app, "Quiet Co");
        var alert = await FireAsync(company.TenantId, "Key account Keen is 40 days past due");
        await FireAsync(other.TenantId, "Another company's alert");
        using var client = app.NewClient();
        await client.SignInAsync(company.ManagerEmail, TenantSeed.Password);

        var before = await client.GetPageAsync("/Dashboards/Alerts");
        using var response = await client.SubmitAsync("/Dashboards/Alerts?handler=Acknowledge", [new("alertId", alert.ToString())], formPage: "/Dashboards/Alerts");
        var after = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        var open = await client.GetPageAsync("/Dashboards/Alerts?open=true");

        Assert.Contains("Key account Keen is 40 days past due", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Another company", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Alert acknowledged.", after, StringComparison.Ordinal);
        Assert.Matches(@"by [^,<]+, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", after);
        Assert.DoesNotContain("Key account Keen", open, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_cannot_open_the_alerts()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Clerk Alerts Co");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await client.GetAsync("/Dashboards/Alerts");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
