using ArCollect.Domain.Disputes;
using ArCollect.Domain.Drafting;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Drafting;

/// <summary>The customer a follow-up goes to: who receives it, and whether the customer may be contacted at all.</summary>
public sealed record FollowUpRecipient(Guid CustomerId, string CustomerName, string? Email, bool DoNotContact);

/// <summary>Reads the facts of one customer's conversation so far, in a handful of small queries scoped to that customer.</summary>
public sealed class FollowUpFactsQuery(ArCollectDbContext db, TenantContext tenant, TimeProvider time)
{
    public const int ExcerptLength = 200;
    public const int PromiseDays = 90;
    public const int PromisesShown = 3;

    public async Task<(FollowUpFacts Facts, FollowUpRecipient Recipient)?> LoadAsync(Guid customerId, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.Id, c.Name, c.Language, c.DoNotContact }).FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            return null;
        }

        var tenantId = tenant.RequiredTenantId;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var company = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.Name, t.DefaultLanguage }).FirstAsync(ct);
        var contact = await db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId && !c.Bounced && c.Email != "")
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Email).Select(c => new { c.Name, c.Email }).FirstOrDefaultAsync(ct);

        var open = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId && i.Balance > 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .Select(i => new OpenItem(i.Number, i.DueDate, i.Currency, i.Balance, i.DisputedAmount)).ToListAsync(ct);

        var reply = await db.InboundMessages.AsNoTracking().Where(m => m.CustomerId == customerId && !m.IsAutoReply)
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Select(m => new
            {
                m.ReceivedAt,
                m.TextBody,
                Classification = db.ReplyClassifications.Where(r => r.InboundMessageId == m.Id).Select(r => new { r.Intent, r.Tone, r.StrippedText }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);

        var promiseFrom = today.AddDays(-PromiseDays);
        var promises = await db.Promises.AsNoTracking()
            .Where(p => p.CustomerId == customerId && (p.Status == PromiseStatus.Open || p.PromisedDate >= promiseFrom))
            .OrderByDescending(p => p.CreatedAt).Take(PromisesShown)
            .Select(p => new
            {
                p.CreatedAt,
                p.PromisedDate,
                p.Currency,
                p.Amount,
                p.Status,
                Number = db.Invoices.Where(i => i.Id == p.InvoiceId).Select(i => i.Number).FirstOrDefault(),
            })
            .ToListAsync(ct);

        DisputeStatus[] live = [DisputeStatus.Open, DisputeStatus.InReview, DisputeStatus.WaitingOnCustomer];
        var disputes = await db.Disputes.AsNoTracking().Where(d => d.CustomerId == customerId && live.Contains(d.Status))
            .OrderBy(d => d.OpenedOn)
            .Select(d => new
            {
                Number = db.Invoices.Where(i => i.Id == d.InvoiceId).Select(i => i.Number).First(),
                d.Reason,
                d.Status,
                d.Currency,
                d.Amount,
                d.OpenedOn,
            })
            .ToListAsync(ct);

        var lastReminder = await db.OutboxMessages.AsNoTracking()
            .Where(o => o.CustomerId == customerId && o.Kind == MessageKind.Reminder && o.Status == OutboxStatus.Sent)
            .MaxAsync(o => (DateTimeOffset?)o.NotBefore, ct);
        var remindedOn = lastReminder is { } r ? DateOnly.FromDateTime(r.UtcDateTime) : (DateOnly?)null;
        var payments = remindedOn is { } since
            ? await db.Payments.AsNoTracking().Where(p => p.CustomerId == customerId && p.ReceivedOn >= since)
                .OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id)
                .Select(p => new PaymentFact(p.ReceivedOn, p.Currency, p.Amount)).ToListAsync(ct)
            : [];

        var history = await db.Database.SqlQuery<HistoryRow>($"""
            SELECT count(*)::int AS settled,
                   (count(*) FILTER (WHERE settled_on <= due_date))::int AS on_time,
                   coalesce(avg(settled_on - due_date) FILTER (WHERE settled_on > due_date), 0)::numeric(18,2) AS average_days_late
            FROM invoices
            WHERE tenant_id = {tenantId} AND customer_id = {customerId} AND settled_on IS NOT NULL AND amount_written_off = 0
            """).SingleAsync(ct);

        var facts = new FollowUpFacts
        {
            CompanyName = company.Name,
            CustomerName = customer.Name,
            ContactName = contact?.Name,
            Language = FollowUpWordings.Resolve(customer.Language, company.DefaultLanguage),
            Today = today,
            Open = open,
            LastReply = reply is null ? null : new LastReply(
                DateOnly.FromDateTime(reply.ReceivedAt.UtcDateTime),
                reply.Classification?.Intent,
                reply.Classification?.Tone,
                Excerpt(reply.Classification?.StrippedText ?? reply.TextBody)),
            Promises = promises.Select(p => new PromiseFact(DateOnly.FromDateTime(p.CreatedAt.UtcDateTime), p.PromisedDate, p.Currency, p.Amount, p.Status, p.Number)).ToList(),
            Disputes = disputes.Select(d => new DisputeFact(d.Number, d.Reason, d.Status, d.Currency, d.Amount, d.OpenedOn)).ToList(),
            LastReminderOn = remindedOn,
            PaymentsSinceReminder = payments,
            History = new PaymentHistory(history.Settled, history.OnTime, history.AverageDaysLate),
        };
        return (facts, new FollowUpRecipient(customer.Id, customer.Name, contact?.Email, customer.DoNotContact));
    }

    /// <summary>The reply's first words on one line, cut at a word boundary.</summary>
    public static string Excerpt(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= ExcerptLength)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', ExcerptLength);
        return string.Concat(flat.AsSpan(0, cut > ExcerptLength / 2 ? cut : ExcerptLength), "...");
    }

    private sealed record HistoryRow(int Settled, int OnTime, decimal AverageDaysLate);
}
