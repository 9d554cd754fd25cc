using System.Net;
using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Portal;

/// <summary>The customer reads the messages the team shared on a dispute and answers them in the portal; internal notes stay inside.</summary>
public sealed class PortalDisputeMessagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_customer_sees_shared_messages_not_internal_notes_and_the_answer_lands_on_the_dispute_and_timeline()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Dispute Seller");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Arguing Buyer", contactEmail: "ap@arguing.test");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "ARG-1", 300m, today.AddDays(-30), today.AddDays(-2));
        var neighbour = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Quiet Buyer");
        var link = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        var neighbourLink = await PortalSeed.LinkAsync(app, company.TenantId, neighbour);
        using var client = app.NewClient();
        var invoiceId = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.Invoices.Where(i => i.Number == "ARG-1").Select(i => i.Id).SingleAsync());
        using (var raised = await client.UploadAsync(link + "/dispute",
            [new("Input.Lines[0].InvoiceId", invoiceId.ToString()), new("Input.Lines[0].Amount", "100.00"), new("Input.Reason", "PricingError"), new("Input.Message", "Price should be 200.")],
            "Files", "note.pdf", [.. "%PDF-1.4\n"u8, .. new byte[32]]))
        {
            Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        }

        var disputeId = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.Disputes.Select(d => d.Id).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(company.TenantId);
            var disputes = scope.ServiceProvider.GetRequiredService<DisputeService>();
            Assert.True((await disputes.CommentAsync(disputeId, new DisputeCommentInput { Body = "Check the price list of March." }, CancellationToken.None)).Succeeded);
            Assert.True((await disputes.CommentAsync(disputeId, new DisputeCommentInput { Body = "Could you send the order confirmation?", ToCustomer = true }, CancellationToken.None)).Succeeded);
        }

        var home = await client.GetPageAsync(link);
        Assert.Contains($"{link}/disputes/{disputeId}", home, StringComparison.Ordinal);
        var view = await client.GetPageAsync($"{link}/disputes/{disputeId}");
        var messages = Html.Element(view, "id=\"dispute-messages\"");
        Assert.Contains("Could you send the order confirmation?", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("price list of March", view, StringComparison.Ordinal);

        using var empty = await client.SubmitAsync($"{link}/disputes/{disputeId}", [new("Answer", "  ")]);
        Assert.Equal("Write the note or message.", Html.FieldError(await empty.Content.ReadAsStringAsync(), "Answer"));
        using var answered = await client.SubmitAsync($"{link}/disputes/{disputeId}", [new("Answer", "Attached to my first message; order 4711.")]);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);

        var fromCustomer = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.DisputeComments.AsNoTracking().Where(c => c.Kind == DisputeCommentKind.FromCustomer).ToListAsync());
        Assert.Equal("Attached to my first message; order 4711.", Assert.Single(fromCustomer).Body);
        var entry = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.Activities.AsNoTracking().SingleAsync(a => a.Summary == "Customer answered in the portal about the dispute"));
        Assert.Equal((customer, ActivityType.Dispute), (entry.CustomerId, entry.Type));
        Assert.Contains("Attached to my first message; order 4711.", Html.Element(await client.GetPageAsync($"{link}/disputes/{disputeId}"), "id=\"dispute-messages\""), StringComparison.Ordinal);

        // Another customer's link cannot read or answer this dispute.
        using var neighbourClient = app.NewClient();
        using var foreignView = await neighbourClient.GetAsync($"{neighbourLink}/disputes/{disputeId}");
        Assert.Equal(HttpStatusCode.NotFound, foreignView.StatusCode);
    }
}
