using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Exports;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Disputes;

/// <summary>One group of disputes: how many, how much disputed and credited (per currency: amounts are never added across currencies).</summary>
public sealed record DisputeGroup(string Key, string Currency, int Count, decimal Disputed, decimal Credited);

public sealed record ParetoRow(string Reason, int Count, double Share, double Cumulative);

public sealed record RecurringCause(string Customer, string Reason, int Count, DateOnly Last);

public sealed record DisputeAnalyticsReport(
    DateOnly From,
    DateOnly To,
    int Opened,
    int Resolved,
    double? MedianDaysToResolve,
    double? P90DaysToResolve,
    double? ShareWithinSla,
    IReadOnlyList<DisputeGroup> ByReason,
    IReadOnlyList<DisputeGroup> ByCustomer,
    IReadOnlyList<DisputeGroup> ByProduct,
    IReadOnlyList<DisputeGroup> ByCollector,
    IReadOnlyList<DisputeGroup> ByMonth,
    IReadOnlyList<ParetoRow> Pareto,
    IReadOnlyList<RecurringCause> Recurring);

/// <summary>Disputes opened in a period grouped by reason, customer, product (line text), collector and month.</summary>
public sealed class DisputeAnalytics(ArCollectDbContext db)
{
    public const int TopRows = 15;

    public async Task<DisputeAnalyticsReport> LoadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var codes = await DisputeSetup.ReasonCodesAsync(db, cancellationToken);
        var tenantId = db.CurrentTenantId!.Value;
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT d.id, d.reason_code, c.name AS customer, coalesce(nullif(u.display_name, ''), u.email, '(unassigned)') AS collector,
                   coalesce(nullif(d.currency, ''), inv.currency) AS currency, d.amount, coalesce(cn.amount, 0) AS credited, d.outcome,
                   d.opened_on, d.resolved_on, d.due_at, d.resolved_at,
                   dispute_line_texts(d.id, d.invoice_id) AS products
            FROM disputes d
            JOIN customers c ON c.id = d.customer_id
            JOIN invoices inv ON inv.id = d.invoice_id
            LEFT JOIN credit_notes cn ON cn.id = d.credit_note_id AND d.outcome = 'CreditNote'
            LEFT JOIN "AspNetUsers" u ON u.id = d.owner_user_id AND u.tenant_id = {tenantId}
            WHERE d.opened_on BETWEEN {from} AND {to}
            """).ToListAsync(cancellationToken);

        string Label(string code) => codes.TryGetValue(code, out var c) ? c.Label : code;
        var resolved = rows.Where(r => r.ResolvedOn is not null && r.Outcome is not null).ToList();
        var days = resolved.Select(r => (double)(r.ResolvedOn!.Value.DayNumber - r.OpenedOn.DayNumber)).Order().ToList();
        var withSla = resolved.Where(r => r.DueAt is not null && r.ResolvedAt is not null).ToList();
        var pareto = new List<ParetoRow>();
        var cumulative = 0;
        foreach (var g in rows.GroupBy(r => Label(r.ReasonCode)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            cumulative += g.Count();
            pareto.Add(new ParetoRow(g.Key, g.Count(), (double)g.Count() / rows.Count, (double)cumulative / rows.Count));
        }

        return new DisputeAnalyticsReport(
            from, to, rows.Count, resolved.Count,
            Percentile(days, 0.5), Percentile(days, 0.9),
            withSla.Count == 0 ? null : (double)withSla.Count(r => r.ResolvedAt <= r.DueAt) / withSla.Count,
            Group(rows, r => [Label(r.ReasonCode)], int.MaxValue),
            Group(rows, r => [r.Customer], TopRows),
            Group(rows, r => r.Products, TopRows),
            Group(rows, r => [r.Collector], TopRows),
            Group(rows, r => [r.OpenedOn.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)], int.MaxValue, byKey: true),
            pareto,
            rows.GroupBy(r => (r.Customer, Reason: Label(r.ReasonCode))).Where(g => g.Count() >= 2)
                .Select(g => new RecurringCause(g.Key.Customer, g.Key.Reason, g.Count(), g.Max(r => r.OpenedOn)))
                .OrderByDescending(r => r.Count).ThenByDescending(r => r.Last).Take(TopRows * 2).ToList());
    }

    public static ExportTable Export(DisputeAnalyticsReport report)
    {
        var rows = new List<IReadOnlyList<object?>>();
        void Add(string view, IEnumerable<DisputeGroup> groups) =>
            rows.AddRange(groups.Select(g => (IReadOnlyList<object?>)[view, g.Key, g.Currency, g.Count, g.Disputed, g.Credited]));
        Add("reason", report.ByReason);
        Add("customer", report.ByCustomer);
        Add("product", report.ByProduct);
        Add("collector", report.ByCollector);
        Add("month", report.ByMonth);
        return new ExportTable($"Disputes {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}",
            ["view", "group", "currency", "disputes", "disputed", "credited"], rows);
    }

    private static List<DisputeGroup> Group(List<Row> rows, Func<Row, IEnumerable<string>> keys, int top, bool byKey = false)
    {
        var groups = rows.SelectMany(r => keys(r).Select(k => (Key: k, Row: r)))
            .GroupBy(x => (x.Key, x.Row.Currency))
            .Select(g => new DisputeGroup(g.Key.Key, g.Key.Currency, g.Count(), g.Sum(x => x.Row.Amount), g.Sum(x => x.Row.Credited)));
        return (byKey ? groups.OrderBy(g => g.Key, StringComparer.Ordinal).ThenBy(g => g.Currency, StringComparer.Ordinal)
                : groups.OrderByDescending(g => g.Count).ThenByDescending(g => g.Disputed).ThenBy(g => g.Key, StringComparer.Ordinal))
            .Take(top).ToList();
    }

    private static double? Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        // Nearest-rank percentile: the smallest value with at least p of the values at or below it.
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private sealed record Row(
        Guid Id, string ReasonCode, string Customer, string Collector, string Currency, decimal Amount, decimal Credited, string? Outcome,
        DateOnly OpenedOn, DateOnly? ResolvedOn, DateTimeOffset? DueAt, DateTimeOffset? ResolvedAt, string[] Products);
}
