using ArCollect.Domain.Activities;
using ArCollect.Domain.Common;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Web.Pages.Invoices;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Customers;

/// <summary>Everything the customer page shows, read in a handful of queries scoped to one customer.</summary>
public sealed class CustomerOverview
{
    public const int RecentPaidCount = 10;
    public const int TimelineLength = 50;

    public sealed record Header(
        Guid Id, string Name, string? ExternalId, string Currency, int PaymentTermsDays, string? Segment, string? Region,
        string? Country, Guid? CollectorId, decimal? CreditLimit, string TimeZone, bool DoNotContact, bool IsKeyAccount);

    public sealed record ContactRow(string Name, string Email, string? Phone, bool IsPrimary, bool Bounced, string? Mobile = null, string? SmsStatus = null);

    public sealed record InvoiceRow(
        Guid Id, string Number, DateOnly IssueDate, DateOnly DueDate, string Currency, decimal Total, decimal Balance,
        DateOnly? SettledOn, InvoiceStatus Status);

    public sealed record TimelineEntry(DateTimeOffset At, ActivityType Type, string Summary, string? Body, Guid? UserId, Guid? InvoiceId);

    public sealed record CurrencyTotal(string Currency, decimal Open, decimal Overdue, int OpenCount);

    public sealed record AgingRow(string Currency, IReadOnlyDictionary<AgingBucket, decimal> Buckets);

    public required Header Customer { get; init; }
    public required IReadOnlyList<ContactRow> Contacts { get; init; }
    public required IReadOnlyList<InvoiceRow> OpenInvoices { get; init; }
    public required IReadOnlyList<InvoiceRow> RecentlyPaid { get; init; }
    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }
    public required DateOnly Today { get; init; }

    /// <summary>Money on account per currency (unapplied parts of payments), to be applied later.</summary>
    public IReadOnlyList<CurrencyAmount> OnAccount { get; init; } = [];

    public sealed record CurrencyAmount(string Currency, decimal Amount);

    public IReadOnlyList<CurrencyTotal> Totals =>
        OpenInvoices.GroupBy(i => i.Currency)
            .OrderBy(g => g.Key != Customer.Currency).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyTotal(g.Key, g.Sum(i => i.Balance), g.Where(i => i.DueDate < Today).Sum(i => i.Balance), g.Count()))
            .ToList();

    public IReadOnlyList<AgingRow> AgingByCurrency =>
        OpenInvoices.GroupBy(i => i.Currency)
            .OrderBy(g => g.Key != Customer.Currency).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgingRow(g.Key, Enum.GetValues<AgingBucket>().ToDictionary(
                b => b,
                b => g.Where(i => Aging.BucketFor(Aging.DaysPastDue(i.DueDate, Today)) == b).Sum(i => i.Balance))))
            .ToList();

    /// <summary>Open balance in the customer's currency as a share of the credit limit, or null without a limit.</summary>
    public decimal? CreditUsedPercent =>
        Customer.CreditLimit is > 0m and var limit
            ? Math.Round(OpenInvoices.Where(i => i.Currency == Customer.Currency).Sum(i => i.Balance) / limit * 100m, 0)
            : null;

    public static async Task<CustomerOverview?> LoadAsync(ArCollectDbContext db, Guid customerId, DateOnly today, CancellationToken cancellationToken)
    {
        var header = await db.Customers.AsNoTracking()
            .Where(c => c.Id == customerId)
            .Select(c => new Header(c.Id, c.Name, c.ExternalId, c.Currency, c.PaymentTermsDays, c.Segment, c.Region, c.Country,
                c.CollectorId, c.CreditLimit, c.TimeZone, c.DoNotContact, c.IsKeyAccount))
            .FirstOrDefaultAsync(cancellationToken);
        if (header is null)
        {
            return null;
        }

        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Name)
            .Select(c => new { c.Name, c.Email, c.Phone, c.IsPrimary, c.Bounced, c.Mobile, c.SmsConsentAt, c.SmsConsentSource, c.SmsOptedOutAt, c.WrongNumberAt })
            .ToListAsync(cancellationToken);
        var contactRows = contacts.Select(c => new ContactRow(c.Name, c.Email, c.Phone, c.IsPrimary, c.Bounced, c.Mobile,
            c.Mobile is null ? null : ArCollect.Infrastructure.Sms.ContactSms.Describe(c.Mobile, c.SmsConsentAt, c.SmsConsentSource, c.SmsOptedOutAt, c.WrongNumberAt))).ToList();

        var invoices = db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId);
        var open = await invoices
            .Where(i => i.Balance > 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .SelectWithStatus(today, (i, status) => new InvoiceRow(i.Id, i.Number, i.IssueDate, i.DueDate, i.Currency, i.Total, i.Balance, i.SettledOn, status))
            .ToListAsync(cancellationToken);

        var paid = await invoices
            .Where(InvoiceStatusRules.Is(InvoiceStatus.Paid, today))
            .OrderBy(i => i.SettledOn == null).ThenByDescending(i => i.SettledOn).ThenByDescending(i => i.Number)
            .Take(RecentPaidCount)
            .SelectWithStatus(today, (i, status) => new InvoiceRow(i.Id, i.Number, i.IssueDate, i.DueDate, i.Currency, i.Total, i.Balance, i.SettledOn, status))
            .ToListAsync(cancellationToken);

        var timeline = await db.Activities.AsNoTracking()
            .Where(a => a.CustomerId == customerId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(TimelineLength)
            .Select(a => new TimelineEntry(a.At, a.Type, a.Summary, a.Body, a.UserId, a.InvoiceId))
            .ToListAsync(cancellationToken);

        var onAccount = await db.Payments.AsNoTracking()
            .Where(p => p.CustomerId == customerId && p.UnappliedAmount > 0m)
            .GroupBy(p => p.Currency)
            .Select(g => new CurrencyAmount(g.Key, g.Sum(p => p.UnappliedAmount)))
            .ToListAsync(cancellationToken);

        return new CustomerOverview
        {
            OnAccount = onAccount.OrderBy(c => c.Currency, StringComparer.Ordinal).ToList(),
            Customer = header,
            Contacts = contactRows,
            OpenInvoices = open,
            RecentlyPaid = paid,
            Timeline = timeline,
            Today = today,
        };
    }
}
