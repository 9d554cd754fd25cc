using ArCollect.Domain.Customers;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Sms;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Sms;

/// <summary>A database whose SMS services talk to a <see cref="TwilioTestServer"/>, with helpers for SMS tenants and customers.</summary>
internal static class SmsTestKit
{
    public static TestDatabase Database(TwilioTestServer twilio, string pickup) => new()
    {
        ConfigureServices = services => services.AddArCollectSms(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sms:ApiBaseUrl"] = twilio.BaseUrl,
            ["Sms:PickupDirectory"] = pickup,
        }).Build(), pickup),
    };

    public const string Sender = "+14155550100";

    /// <summary>Twilio account of the test server, and the default policy's +1 step sending SMS beside the email.</summary>
    public static async Task ConfigureAsync(TestDatabase db, Guid tenant, bool twilio = true, StepActions extra = StepActions.Sms)
    {
        await using var scope = db.ForTenant(tenant);
        await DunningSetup.EnsureDefaultsAsync(scope.Db, tenant, CancellationToken.None);
        var step = await scope.Db.ReminderSteps.SingleAsync(s => s.OffsetDays == 1);
        step.Actions |= extra;
        if (twilio)
        {
            scope.Db.TenantSmsSettings.Add(new TenantSmsSettings
            {
                Id = Guid.CreateVersion7(),
                AccountSid = TwilioTestServer.AccountSid,
                AuthTokenProtected = scope.Services.GetRequiredService<SmsSecrets>().Protect(TwilioTestServer.AuthToken),
                FromNumber = Sender,
            });
        }

        await scope.Db.SaveChangesAsync();
    }

    /// <summary>A customer whose primary contact has a mobile number (and SMS consent unless told otherwise).</summary>
    public static async Task<Customer> CustomerAsync(TestDatabase db, Guid tenant, string name, string mobile, bool consent = true, string timeZone = "UTC")
    {
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, name);
        await using var scope = db.ForTenant(tenant);
        var row = await scope.Db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Id == customer.Id);
        row.TimeZone = timeZone;
        var contact = row.Contacts.Single();
        contact.Name = "Anna Weber";
        contact.Mobile = mobile;
        contact.SmsConsentAt = consent ? db.Time.GetUtcNow().AddDays(-30) : null;
        contact.SmsConsentSource = consent ? "customer form" : null;
        await scope.Db.SaveChangesAsync();
        return row;
    }

    public static async Task<int> SendAsync(TestDatabase db, Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<SmsSender>().SendDueAsync(CancellationToken.None);
    }

    public static async Task<List<OutboxMessage>> SmsRowsAsync(TestDatabase db, Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.OutboxMessages.AsNoTracking().Where(m => m.Channel == MessageChannel.Sms).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    public static async Task<List<string>> TimelineAsync(TestDatabase db, Guid tenant, Guid customerId)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.Activities.AsNoTracking().Where(a => a.CustomerId == customerId).OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => a.Summary).ToListAsync();
    }
}
