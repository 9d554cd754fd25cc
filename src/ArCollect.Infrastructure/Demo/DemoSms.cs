using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Calls;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using PhoneNumbers;

namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// SMS and calls on the demo tenant: some primary contacts get a mobile number with consent (two of them later replied
/// STOP), the Standard policy texts at +7 days and puts a call task on the worklist at +14, and after the replayed
/// runs most texts are delivered, a few failed, and some calls have their outcome recorded.
/// </summary>
public static class DemoSms
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Before the reminder history: numbers, consent and the policy's SMS and call steps.</summary>
    public static async Task<int> PrepareAsync(ArCollectDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var steps = await db.ReminderSteps.Where(s => db.ReminderPolicies.Any(p => p.Id == s.PolicyId && p.IsDefault)).ToListAsync(ct);
        foreach (var step in steps)
        {
            // At +14 the collector's task becomes a call task with a script: one task, not two.
            step.Actions = step.OffsetDays switch
            {
                7 => step.Actions | StepActions.Sms,
                14 => (step.Actions & ~StepActions.CollectorTask) | StepActions.CallTask,
                _ => step.Actions,
            };
        }

        var contacts = await db.Contacts.Where(c => c.IsPrimary)
            .Join(db.Customers, c => c.CustomerId, k => k.Id, (c, k) => new { Contact = c, k.Country })
            .OrderBy(x => x.Contact.Id).ToListAsync(ct);
        var given = 0;
        foreach (var (row, n) in contacts.Select((r, n) => (r, n)).Where(x => x.n % 3 == 0))
        {
            if (MobileFor(row.Country, n) is not { } mobile)
            {
                continue;
            }

            row.Contact.Mobile = mobile;
            row.Contact.SmsConsentAt = now.AddDays(-90 + (n % 30));
            row.Contact.SmsConsentSource = $"customer form by clerk@demo.arcollect.test for {mobile}";
            given++;
            if (given % 25 == 5)
            {
                row.Contact.SmsOptedOutAt = now.AddDays(-20 + (n % 10));
                db.Activities.Add(new Activity
                {
                    Id = Guid.CreateVersion7(),
                    CustomerId = row.Contact.CustomerId,
                    Type = ActivityType.Sms,
                    At = row.Contact.SmsOptedOutAt.Value,
                    Summary = $"SMS reply from {mobile}: STOP. {row.Contact.Name} no longer receives SMS reminders.",
                });
            }
        }

        await db.SaveChangesAsync(ct);
        return given;
    }

    /// <summary>After the reminder history: Twilio's answers on the texts marked sent, and outcomes of some call tasks.</summary>
    public static async Task<(int Sms, int Calls)> FinishAsync(ArCollectDbContext db, CallOutcomes outcomes, DateOnly today, CancellationToken ct)
    {
        var sms = await db.OutboxMessages.Where(m => m.Channel == MessageChannel.Sms && m.Status == OutboxStatus.Sent)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        foreach (var (message, n) in sms.Select((m, n) => (m, n)))
        {
            message.ProviderMessageId = "SM" + message.Id.ToString("N");
            message.ProviderStatus = "delivered";
            if (n % 12 == 7)
            {
                // Twilio reported the handset unreachable: the row fails as a real status callback would fail it.
                message.ProviderStatus = "undelivered";
                message.Status = OutboxStatus.DeadLetter;
                message.LastError = "Twilio reported undelivered, error 30003: Unreachable destination handset.";
            }
        }

        await db.SaveChangesAsync(ct);
        var calls = await db.CollectionTasks.AsNoTracking()
            .Where(t => t.CallScript != null && t.Status == CollectionTaskStatus.Open && db.Invoices.Any(i => i.CustomerId == t.CustomerId && i.Balance > 0))
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
        CallOutcome[] cycle = [CallOutcome.Reached, CallOutcome.Voicemail, CallOutcome.Promise, CallOutcome.Voicemail, CallOutcome.WrongNumber];
        var recorded = 0;

        // The older half of the calls were made; the newer ones wait on the worklist.
        foreach (var (taskId, n) in calls.Take(calls.Count / 2).Select((t, n) => (t, n)))
        {
            var outcome = cycle[n % cycle.Length];
            var result = await outcomes.RecordAsync(
                new CallOutcomeInput(taskId, outcome, outcome == CallOutcome.Promise ? today.AddDays(5 + (n % 10)) : null, Note: NoteFor(outcome)), today, ct);
            recorded += result.Succeeded ? 1 : 0;
        }

        return (sms.Count, recorded);
    }

    private static string? NoteFor(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Reached => "Spoke to accounts payable; the invoice is in their approval run.",
        CallOutcome.Promise => "Confirmed on the phone; payment goes out with their next run.",
        CallOutcome.WrongNumber => "The number belongs to a private person.",
        _ => null,
    };

    /// <summary>A valid mobile number of the customer's country: libphonenumber's example with the last digits varied.</summary>
    private static string? MobileFor(string? country, int n)
    {
        var region = country is { Length: 2 } ? country.ToUpperInvariant() : "DE";
        var example = Util.GetExampleNumberForType(region, PhoneNumberType.MOBILE);
        if (example is null)
        {
            return null;
        }

        var national = example.NationalNumber;
        var varied = Util.Parse($"+{example.CountryCode}{national - (national % 1000) + (ulong)(n % 1000)}", "ZZ");
        var number = Util.IsValidNumber(varied) && Util.GetNumberType(varied) is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE ? varied : example;
        return Util.Format(number, PhoneNumberFormat.E164);
    }
}
