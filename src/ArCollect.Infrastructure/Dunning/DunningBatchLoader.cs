using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.PaymentPlans;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>
/// Loads a batch of customers for the reminder run in a dozen queries whatever the batch size: customers with
/// contacts, open invoices, open promises, payments against them, reminder log, history, weekdays, contact history,
/// replies waiting for acknowledgement,
/// existing task keys, active payment plans. Raw SQL where aggregates are clearer in SQL (columns snake_case, as the naming convention maps them); row-level security applies to it as to EF.
/// </summary>
public static class DunningBatchLoader
{
    /// <summary>The next customers (by id) having an open invoice due on or before the horizon, or an active payment plan to settle.</summary>
    public static Task<List<Guid>> NextCustomerIdsAsync(ArCollectDbContext db, Guid tenantId, DateOnly horizon, Guid after, int size, CancellationToken ct) =>
        db.Database.SqlQuery<Guid>($"""
            SELECT customer_id AS "Value" FROM invoices
            WHERE tenant_id = {tenantId} AND balance > 0 AND due_date <= {horizon} AND customer_id > {after}
            UNION
            SELECT customer_id FROM payment_plans WHERE tenant_id = {tenantId} AND status = 'Active' AND customer_id > {after}
            ORDER BY 1 LIMIT {size}
            """).ToListAsync(ct);

    public static async Task<DunningBatch> LoadAsync(ArCollectDbContext db, Guid tenantId, List<Guid> ids, DateOnly runDate, CancellationToken ct)
    {
        var idArray = ids.ToArray();
        var customers = await db.Customers.AsNoTracking().Include(c => c.Contacts)
            .Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(ct);
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => ids.Contains(i.CustomerId) && i.Balance > 0)
            .Select(i => new
            {
                i.CustomerId,
                Item = new DunningInvoice(i.Id, i.Number, i.DueDate, i.Balance, i.Currency, i.IsDisputed, false, i.DisputedAmount),
                i.Terms,
                i.IssueDate,
                i.Total,
                Untouched = i.AmountPaid == 0 && i.AmountCredited == 0 && i.AmountWrittenOff == 0,
            })
            .ToListAsync(ct);
        // Early-payment discounts still on offer on the run date, so reminders can say what paying now saves.
        var discounts = new Dictionary<Guid, (decimal, DateOnly)>();
        foreach (var i in invoices.Where(i => i.Untouched && !i.Item.IsDisputed))
        {
            if (Domain.Invoices.PaymentTerms.TryParse(i.Terms, out var terms) && terms.DiscountDeadline(i.IssueDate) is { } deadline && deadline >= runDate)
            {
                discounts[i.Item.Id] = (terms.DiscountOn(i.Total, i.Item.Currency), deadline);
            }
        }

        var invoiceIds = invoices.Select(i => i.Item.Id).ToArray();
        var promises = await db.Promises.Where(p => ids.Contains(p.CustomerId) && p.Status == PromiseStatus.Open).ToListAsync(ct);
        // A promise is kept only by money applied to its invoice (or, for an account promise, to the customer's
        // invoices in its currency) on or after the day it was made: money left unapplied on the account or paid to
        // another invoice does not keep it. Money applied later from the account counts on the day it was applied.
        var paid = await db.Database.SqlQuery<PromisePaid>($"""
            SELECT p.id AS promise_id, coalesce(sum(a.amount), 0) AS paid
            FROM promises p
            LEFT JOIN invoices i ON i.tenant_id = p.tenant_id AND i.customer_id = p.customer_id AND i.currency = p.currency
                AND (p.invoice_id IS NULL OR i.id = p.invoice_id)
            LEFT JOIN payment_allocations a ON a.tenant_id = i.tenant_id AND a.invoice_id = i.id
            LEFT JOIN payments pay ON pay.tenant_id = a.tenant_id AND pay.id = a.payment_id
            WHERE p.tenant_id = {tenantId} AND p.status = 'Open' AND p.customer_id = ANY({idArray})
                AND (a.id IS NULL OR coalesce(a.applied_on, pay.received_on) >= (p.created_at AT TIME ZONE 'UTC')::date)
            GROUP BY p.id
            """).ToListAsync(ct);
        var credits = await db.Database.SqlQuery<CreditRow>($"""
            SELECT customer_id, currency, sum(unapplied_amount) AS amount FROM payments
            WHERE tenant_id = {tenantId} AND customer_id = ANY({idArray}) AND unapplied_amount > 0
            GROUP BY customer_id, currency
            """).ToListAsync(ct);
        var plans = await PlanStandings.ActiveAsync(db, ids, ct);
        var graceDays = await db.PortalSettings.AsNoTracking().Select(s => (int?)s.PlanGraceDays).FirstOrDefaultAsync(ct)
            ?? Domain.Portal.PortalSettings.DefaultPlanGraceDays;
        var countsFrom = PlanStandings.StepsCountFrom(plans, graceDays);
        // Steps reached before a plan took effect (or before the current instalment's turn) do not count for its
        // invoices: reminders start again from the instalment dates.
        var logged = await db.ReminderLog.AsNoTracking()
            .Where(r => invoiceIds.Contains(r.InvoiceId))
            .Select(r => new { r.Id, r.CustomerId, r.InvoiceId, r.StepId, r.RunDate })
            .ToListAsync(ct);
        var reached = logged.Where(r => !countsFrom.TryGetValue(r.InvoiceId, out var from) || r.RunDate >= from).ToList();
        var history = await db.Database.SqlQuery<HistoryRow>($"""
            SELECT customer_id, count(*)::int AS settled,
                   (count(*) FILTER (WHERE settled_on <= due_date))::int AS on_time,
                   coalesce(avg(settled_on - due_date) FILTER (WHERE settled_on > due_date), 0)::numeric(18,2) AS average_days_late
            FROM invoices
            WHERE tenant_id = {tenantId} AND customer_id = ANY({idArray}) AND settled_on IS NOT NULL AND amount_written_off = 0
            GROUP BY customer_id
            """).ToListAsync(ct);
        var since = runDate.AddDays(-365);
        var sinceInstant = new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var weekdays = await db.Database.SqlQuery<WeekdayRow>($"""
            SELECT customer_id, dow AS day, count(*)::int AS count FROM (
                SELECT customer_id, extract(dow FROM received_on)::int AS dow FROM payments
                WHERE tenant_id = {tenantId} AND customer_id = ANY({idArray}) AND received_on >= {since}
                UNION ALL
                SELECT customer_id, extract(dow FROM received_at)::int FROM inbound_messages
                WHERE tenant_id = {tenantId} AND customer_id = ANY({idArray}) AND NOT is_auto_reply AND received_at >= {sinceInstant}
            ) e GROUP BY customer_id, dow
            """).ToListAsync(ct);
        var contacts = await db.Database.SqlQuery<ContactHistoryRow>($"""
            SELECT c.id AS customer_id, r.last_response AS last_response_at,
                   (SELECT count(*)::int FROM outbox_messages o WHERE o.tenant_id = {tenantId} AND o.customer_id = c.id
                        AND o.kind = 'Reminder' AND o.status <> 'Parked' AND o.created_at > coalesce(r.last_response, '-infinity')) AS reminders_since_response,
                   (SELECT max(o.not_before) FROM outbox_messages o WHERE o.tenant_id = {tenantId} AND o.customer_id = c.id
                        AND o.kind = 'Reminder' AND o.status <> 'Parked') AS last_reminder_at
            FROM unnest({idArray}) AS c(id)
            LEFT JOIN LATERAL (SELECT max(received_at) AS last_response FROM inbound_messages i
                 WHERE i.tenant_id = {tenantId} AND i.customer_id = c.id AND NOT i.is_auto_reply) r ON true
            """).ToListAsync(ct);
        // The payment-delay model's band, for steps that only apply to some bands.
        var bands = await db.CustomerScores.AsNoTracking().Where(s => ids.Contains(s.CustomerId))
            .Select(s => new { s.CustomerId, s.Band }).ToDictionaryAsync(s => s.CustomerId, s => s.Band.ToString(), ct);
        var holds = (await db.ReplyClassifications.AsNoTracking()
            .Where(r => r.CustomerId != null && ids.Contains(r.CustomerId.Value) && r.NeedsAcknowledgement && r.AcknowledgedAt == null)
            .Join(db.InboundMessages, r => r.InboundMessageId, m => m.Id, (r, m) => new { r.CustomerId, r.Tone, m.ReceivedAt, r.NeedsAcknowledgement, r.AcknowledgedAt })
            .ToListAsync(ct))
            .GroupBy(r => r.CustomerId!.Value)
            .ToDictionary(g => g.Key, g => ArCollect.Domain.Replies.ToneHold.Reason(g.Select(r => new ArCollect.Domain.Replies.ToneHold.PendingReply(r.Tone, r.ReceivedAt, r.NeedsAcknowledgement, r.AcknowledgedAt))));
        var taskKeys = await db.CollectionTasks.AsNoTracking().Where(t => ids.Contains(t.CustomerId)).Select(t => t.SourceKey).ToListAsync(ct);

        var historyById = history.ToDictionary(h => h.CustomerId, h => new PaymentHistory(h.Settled, h.OnTime, h.AverageDaysLate));
        return new DunningBatch
        {
            Customers = customers.Select(c => new CustomerRow(
                new DunningCustomer(c.Id, c.Name, c.Segment, bands.GetValueOrDefault(c.Id), c.DoNotContact, c.IsKeyAccount,
                    c.Contacts.OrderByDescending(x => x.IsPrimary).ThenBy(x => x.Email, StringComparer.Ordinal)
                        .Select(x => new DunningContact(x.Id, x.Name, x.Email, x.IsPrimary, x.Bounced)).ToList(),
                    historyById.GetValueOrDefault(c.Id) ?? PaymentHistory.None, holds.GetValueOrDefault(c.Id)),
                c.ReminderPolicyId, c.CollectorId, c.TimeZone, c.Language)).ToList(),
            Invoices = invoices.ToLookup(i => i.CustomerId, i => i.Item),
            OpenPromises = promises.ToLookup(p => p.CustomerId),
            PaidSincePromise = paid.ToDictionary(p => p.PromiseId, p => p.Paid),
            Credits = credits.ToLookup(c => c.CustomerId, c => (c.Currency.Trim(), c.Amount)),
            Reached = reached.ToLookup(r => r.CustomerId, r => new ReachedStep(r.InvoiceId, r.StepId)),
            LoggedSteps = logged.ToDictionary(r => (r.InvoiceId, r.StepId), r => r.Id),
            History = historyById,
            ResponseDays = weekdays.ToLookup(w => w.CustomerId, w => ((DayOfWeek)w.Day, w.Count)),
            Contacts = contacts.ToDictionary(c => c.CustomerId, c => new ContactHistory(c.LastResponseAt, c.RemindersSinceResponse, c.LastReminderAt)),
            ExistingTaskKeys = taskKeys.ToHashSet(StringComparer.Ordinal),
            Plans = plans.ToLookup(p => p.Plan.CustomerId),
            Discounts = discounts,
            People = customers.SelectMany(c => c.Contacts).ToDictionary(c => c.Id, c => new ContactPerson(c.Salutation, c.FirstName, c.LastName)),
            Phones = customers.SelectMany(c => c.Contacts).ToLookup(c => c.CustomerId, c => new ArCollect.Domain.Messaging.SmsContact(
                c.Id, c.Name, c.IsPrimary, c.Mobile, c.Phone, c.SmsConsentAt, c.SmsOptedOutAt, c.WrongNumberAt)),
        };
    }

    private sealed record PromisePaid(Guid PromiseId, decimal Paid);

    private sealed record CreditRow(Guid CustomerId, string Currency, decimal Amount);

    private sealed record HistoryRow(Guid CustomerId, int Settled, int OnTime, decimal AverageDaysLate);

    private sealed record WeekdayRow(Guid CustomerId, int Day, int Count);

    private sealed record ContactHistoryRow(Guid CustomerId, DateTimeOffset? LastResponseAt, int RemindersSinceResponse, DateTimeOffset? LastReminderAt);
}
