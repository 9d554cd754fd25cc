using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Incentives;

/// <summary>An early-payment discount credited on an invoice issued under a prompt-payer rule.</summary>
public sealed record IncentiveDiscount(Guid RuleId, Guid InvoiceId, DateOnly IssueDate, string Currency, decimal Amount);

/// <summary>The figures that show what the prompt-payer rules cost and earn: invoices paid within the discount window, and the discount given.</summary>
public sealed record IncentiveSummary(int Invoices, int Settled, int PaidEarly, IReadOnlyList<(string Currency, decimal Amount)> DiscountGiven)
{
    /// <summary>Of the incentive invoices settled, the share paid early enough to earn the discount, in percent; null before any settled.</summary>
    public decimal? PaidEarlyPercent => Settled == 0 ? null : Math.Round(100m * PaidEarly / Settled, 1);
}

public static class IncentiveKpis
{
    /// <summary>The reason the payment rules write on an early-payment discount credit note (see PaymentRecorder).</summary>
    public const string DiscountReasonPrefix = "Early-payment discount";

    /// <summary>Discount credit notes on incentive invoices, optionally only those dated in a period.</summary>
    public static Task<List<IncentiveDiscount>> DiscountsAsync(ArCollectDbContext db, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        db.CreditNotes.AsNoTracking()
            .Where(c => c.Reason.StartsWith(DiscountReasonPrefix) && (from == null || c.IssueDate >= from) && (to == null || c.IssueDate <= to))
            .Join(db.Invoices.Where(i => i.IncentiveRuleId != null), c => c.InvoiceId, i => i.Id,
                (c, i) => new IncentiveDiscount(i.IncentiveRuleId!.Value, i.Id, i.IssueDate, c.Currency, c.Amount))
            .ToListAsync(ct);

    /// <summary>Incentive invoices issued in the period, how many are settled and how many of those earned the discount, and the discount given on them.</summary>
    public static async Task<IncentiveSummary> SummaryAsync(ArCollectDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.IncentiveRuleId != null && i.IssueDate >= from && i.IssueDate <= to)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Settled = g.Count(i => i.SettledOn != null) })
            .SingleOrDefaultAsync(ct); // one group or none: First here made EF warn of an unordered First on every KPI request
        var discounts = (await DiscountsAsync(db, null, null, ct)).Where(d => d.IssueDate >= from && d.IssueDate <= to).ToList();
        return new IncentiveSummary(invoices?.Count ?? 0, invoices?.Settled ?? 0, discounts.Select(d => d.InvoiceId).Distinct().Count(),
            discounts.GroupBy(d => d.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(d => d.Amount))).ToList());
    }
}
