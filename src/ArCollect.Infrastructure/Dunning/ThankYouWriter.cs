using System.Security.Cryptography;
using System.Text;
using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Common;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Portal;
using ArCollect.Infrastructure.Sms;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>
/// The thank-you step of the reminder run: finds the invoices <see cref="ThankYouRule"/> thanks for, writes one
/// thank-you per customer (email and, where the policy's thank-you step has SMS, a text after the quiet hours) through
/// the outbox, a timeline entry, and the thank-you log, in one transaction under the run's per-tenant lock.
/// </summary>
public sealed class ThankYouWriter(
    ArCollectDbContext db, ReminderTemplateEngine templates, DunningOptions options, Tenant tenant, DunningSetup setup, DateOnly runDate, DateTimeOffset now)
{
    public async Task<int> WriteAsync(CancellationToken ct)
    {
        if (!setup.Policies.Values.Any(p => ThankYouRule.Channels(p.ThankYouActions) != StepActions.None))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"reminder-run:" + tenant.Id}, 0))", ct);
        var settled = (await SettledAsync(ct)).Where(i => ThankYouRule.Thanks(i, runDate)).ToList();
        if (settled.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return 0;
        }

        var customerIds = settled.Select(i => i.CustomerId).Distinct().Order().ToList();
        var batch = await DunningBatchLoader.LoadAsync(db, tenant.Id, customerIds, runDate, ct);
        var links = new PortalLinks(db, options, TimeProvider.System);
        var messages = new List<OutboxMessage>();
        var written = new List<(CustomerRow Row, List<SettledInvoice> Invoices, OutboxMessage? Email, SmsDecision? Sms, string? NoEmailReason, IssuedPortalLink Link)>();
        foreach (var row in batch.Customers)
        {
            var channels = ThankYouRule.Channels(setup.PolicyFor(row.PolicyId).ThankYouActions);
            if (channels == StepActions.None)
            {
                continue;
            }

            var invoices = settled.Where(i => i.CustomerId == row.Customer.Id).OrderBy(i => i.SettledOn).ThenBy(i => i.Number, StringComparer.Ordinal).ToList();
            var key = KeyFor(row.Customer.Id, invoices);
            var link = await links.IssueAsync(row.Customer.Id, "Thank-you", null, ct, now);
            var recipients = ReminderPlanner.Recipients(row.Customer);
            var first = recipients.Count > 0 ? recipients[0] : null;
            var model = new ReminderModel(tenant.Name, row.Customer.Name, row.Customer.Segment, first?.Name, first?.Email, Listed(invoices), runDate, null, link.Url, ReminderTone.ThankYou)
            {
                Person = first is null ? null : batch.People.GetValueOrDefault(first.Id),
            };
            OutboxMessage? email = null;
            string? noEmail = null;
            if (channels.HasFlag(StepActions.Email))
            {
                noEmail = row.Customer.DoNotContact ? "Customer is marked do-not-contact."
                    : recipients.Count == 0 ? "No deliverable contact: every contact address has bounced or none is on file."
                    : null;
                if (noEmail is null)
                {
                    email = await EmailAsync(key, row, recipients, model);
                    messages.Add(email);
                }
            }

            SmsDecision? sms = null;
            if (channels.HasFlag(StepActions.Sms))
            {
                sms = await SmsAsync(key, row, batch.Phones[row.Customer.Id].ToList(), model);
                if (sms.Message is not null)
                {
                    messages.Add(sms.Message);
                }
            }

            written.Add((row, invoices, email, sms, noEmail, link));
        }

        var inserted = await OutboxBatchWriter.EnqueueAsync(db, messages, ct);
        var thanked = 0;
        foreach (var (row, invoices, email, sms, noEmail, link) in written)
        {
            // Both messages of a customer are written together or not at all; a message already there means this
            // decision was taken before and committed, which the thank-you log rules out under the lock.
            if ((email is not null && !inserted.Contains(email.IdempotencyKey)) || (sms?.Message is { } m && !inserted.Contains(m.IdempotencyKey)))
            {
                db.PortalLinks.Remove(link.Link);
                continue;
            }

            thanked += invoices.Count;
            db.ThankYouLog.AddRange(invoices.Select(i => new ThankYouEntry
            {
                Id = Guid.CreateVersion7(),
                CustomerId = row.Customer.Id,
                InvoiceId = i.Id,
                OutboxMessageId = email?.Id,
                RunDate = runDate,
                CreatedAt = now,
            }));
            db.Activities.Add(Timeline(row.Customer.Id, invoices, email, sms, noEmail));
            if (sms is not null)
            {
                db.Activities.Add(SmsReminders.Timeline(row.Customer.Id, sms, now, ZoneOf(row.TimeZone)));
            }

            if (email is null && sms?.Message is null)
            {
                db.PortalLinks.Remove(link.Link);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return thanked;
    }

    /// <summary>The same customer and invoices always give the same key, so a decision taken twice yields one message.</summary>
    public static string KeyFor(Guid customerId, IEnumerable<SettledInvoice> invoices)
    {
        var ids = string.Join(',', invoices.Select(i => i.Id.ToString("N")).Order(StringComparer.Ordinal));
        return $"thanks:{customerId:N}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids)))[..32]}";
    }

    private Task<List<SettledInvoice>> SettledAsync(CancellationToken ct)
    {
        var from = runDate.AddDays(-ThankYouRule.LookbackDays);
        return db.Database.SqlQuery<SettledInvoice>($"""
            SELECT i.id, i.customer_id, i.number, i.currency, i.amount_paid, i.amount_written_off, i.balance, i.settled_on,
                   EXISTS (SELECT 1 FROM reminder_log r WHERE r.tenant_id = i.tenant_id AND r.invoice_id = i.id) AS was_reminded,
                   i.incentive_rule_id IS NOT NULL AS had_incentive,
                   EXISTS (SELECT 1 FROM payment_plan_invoices p WHERE p.tenant_id = i.tenant_id AND p.invoice_id = i.id) AS was_on_plan
            FROM invoices i
            WHERE i.tenant_id = {tenant.Id} AND i.settled_on >= {from} AND i.settled_on <= {runDate}
              AND i.balance = 0 AND i.amount_paid > 0 AND i.amount_written_off = 0
              AND NOT EXISTS (SELECT 1 FROM thank_you_log t WHERE t.tenant_id = i.tenant_id AND t.invoice_id = i.id)
            """).ToListAsync(ct);
    }

    /// <summary>The settled invoices in the reminder model's shape: the amount shown is the amount paid.</summary>
    private static List<InvoiceReminder> Listed(List<SettledInvoice> invoices)
    {
        var step = new ReminderStep { Tone = ReminderTone.ThankYou };
        return invoices.Select(i => new InvoiceReminder(new DunningInvoice(i.Id, i.Number, i.SettledOn!.Value, i.AmountPaid, i.Currency, false), step, 0)).ToList();
    }

    private async Task<OutboxMessage> EmailAsync(string key, CustomerRow row, IReadOnlyList<DunningContact> recipients, ReminderModel model)
    {
        var (rendered, failure) = await templates.RenderAsync(setup.TemplateFor(ReminderTone.ThankYou, row.Language), model);
        return new OutboxMessage
        {
            IdempotencyKey = key,
            Kind = MessageKind.ThankYou,
            CustomerId = row.Customer.Id,
            ToAddresses = string.Join(", ", recipients.Select(c => new MailboxAddress(c.Name, c.Email).ToString(true))),
            FromAddress = setup.Mail?.FromAddress,
            ReplyTo = ReminderBatchWriter.PlusAddress(setup.Mail?.ReplyToAddress, row.Customer.Id),
            Subject = rendered?.Subject ?? $"(not sent) thank-you for {row.Customer.Name}",
            TextBody = rendered?.Text ?? "",
            HtmlBody = rendered?.Html,
            MessageId = MessageComposer.NewMessageId(options.MessageIdDomain),
            Status = failure is null ? OutboxStatus.Pending : OutboxStatus.Parked,
            LastError = failure,
            NotBefore = now,
            CreatedAt = now,
        };
    }

    private async Task<SmsDecision> SmsAsync(string key, CustomerRow row, IReadOnlyList<SmsContact> contacts, ReminderModel model)
    {
        var choice = SmsRecipients.Choose(contacts, row.Customer.DoNotContact, IsValidMobile);
        if (choice.Contact is not { } contact)
        {
            return new SmsDecision(null, choice.SkipReason);
        }

        var template = DefaultSmsTemplates.Choose(setup.SmsTemplates, ReminderTone.ThankYou, row.Language, setup.DefaultLanguage);
        var (rendered, failure) = await templates.RenderAsync(template.AsMessageTemplate(), model with { ContactName = contact.Name });
        var quiet = setup.Sms?.QuietHours ?? QuietHours.Default;
        return new SmsDecision(new OutboxMessage
        {
            IdempotencyKey = "sms:" + key,
            Kind = MessageKind.ThankYou,
            Channel = MessageChannel.Sms,
            CustomerId = row.Customer.Id,
            ToAddresses = contact.Mobile!,
            FromAddress = setup.Sms?.FromNumber,
            Subject = ColumnText.Fit($"SMS thank-you to {contact.Name}", 500),
            TextBody = rendered?.Text.Trim() ?? "",
            MessageId = MessageComposer.NewMessageId(options.MessageIdDomain),
            Status = failure is null ? OutboxStatus.Pending : OutboxStatus.Parked,
            LastError = failure,
            NotBefore = quiet.NextAllowed(now, ZoneOf(row.TimeZone)),
            CreatedAt = now,
        }, null);
    }

    private Activity Timeline(Guid customerId, List<SettledInvoice> invoices, OutboxMessage? email, SmsDecision? sms, string? noEmail)
    {
        var numbers = string.Join(", ", invoices.Select(i => i.Number));
        var summary = email switch
        {
            { Status: OutboxStatus.Parked } => $"Thank-you parked: {email.LastError}",
            not null => $"Thank-you for payment scheduled for {invoices.Count} invoice(s): {numbers}",
            null when noEmail is not null => $"Thank-you for payment of {numbers}, no email: {noEmail}",
            null => $"Thank-you for payment of {numbers} by SMS only" + (sms?.Message is null ? $": {sms?.SkipReason}" : ""),
        };
        return new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            InvoiceId = invoices.Count == 1 ? invoices[0].Id : null,
            Type = ActivityType.Email,
            At = now,
            Summary = ColumnText.Fit(summary, 500),
            Body = email is null ? null : $"{email.TextBody}\nOpen: /Outbox/Message?id={email.Id}",
        };
    }

    private static TimeZoneInfo ZoneOf(string timeZone) => TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private static bool IsValidMobile(string mobile) => ArCollect.Infrastructure.Sms.PhoneNumbers.TryNormalizeMobile(mobile, null, out var e164, out _) && e164 == mobile;
}
