using System.Net;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Replies;
using ArCollect.Web.Tests.Infrastructure;
using ArCollect.Web.Tests.Portal;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Replies;

public sealed class PortalMessageClassificationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n% test\n"u8, .. new byte[64]];

    [Fact]
    public async Task An_angry_dispute_message_from_the_portal_shows_in_replies_and_holds_reminders_until_acknowledged()
    {
        // Training the shipped model on first use takes long on a busy machine; done before the portal request.
        await app.Services.GetRequiredService<ReplyClassifier>().ModelAsync();
        var company = await TenantSeed.CreateCompanyAsync(app, "Portal Tone Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Cross Buyer Ltd");
        var invoice = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "CROSS-1", 400m, today.AddDays(-40), today.AddDays(-10));
        var link = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        using var portal = app.NewClient();
        const string words = "Half of the delivery arrived damaged. This is completely unacceptable. Stop harassing us with these emails!";

        using var posted = await portal.UploadAsync(link + "/dispute",
            [new("Input.Lines[0].InvoiceId", invoice.ToString()), new("Input.Lines[0].Amount", "150.00"), new("Input.Reason", "DamagedGoods"), new("Input.Message", words)],
            "Files", "photos.pdf", Pdf);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var reply = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.ReplyClassifications.AsNoTracking().SingleAsync());
        var message = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.InboundMessages.AsNoTracking().SingleAsync());
        Assert.Equal((customer, "customer portal", words), (message.CustomerId, message.FromAddress, message.TextBody));
        Assert.Equal((customer, ReplyLabels.Dispute, ReplyLabels.Angry, true), (reply.CustomerId, reply.Intent, reply.Tone, reply.NeedsAcknowledgement));
        // The portal already opened the dispute, so the suggestion is recorded as taken, not offered a second time.
        Assert.Equal((ReplyAction.OpenDispute, ReplySuggestionStatus.Accepted), (reply.SuggestedAction, reply.Status));
        Assert.Equal(1, await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.Disputes.CountAsync()));
        var task = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.CollectionTasks.AsNoTracking().SingleAsync());
        Assert.Equal(TaskAssignee.Manager, task.Assignee);

        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var waiting = Html.Element(await clerk.GetPageAsync("/Replies?view=attention"), "id=\"replies\"");
        Assert.Contains("Cross Buyer Ltd", waiting, StringComparison.Ordinal);
        Assert.Contains("customer portal", waiting, StringComparison.Ordinal);
        Assert.Contains("reminders paused", waiting, StringComparison.Ordinal);
        Assert.Contains("Stop harassing us", await clerk.GetPageAsync($"/Replies/Details/{reply.Id}"), StringComparison.Ordinal);
    }
}
