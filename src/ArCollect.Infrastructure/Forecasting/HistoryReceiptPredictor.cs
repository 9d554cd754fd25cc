using ArCollect.Domain.Common;
using ArCollect.Domain.Forecasting;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using NpgsqlTypes;

namespace ArCollect.Infrastructure.Forecasting;

/// <summary>
/// Predicts from history before a model exists: due date plus the customer's mean days late over invoices settled in
/// the last two years. The probability of being paid within the horizon comes from the tenant's collection curve at
/// the invoice's lateness (<see cref="CollectionCurve"/>: old debts mostly do not arrive), scaled by how the customer's
/// share paid (rather than written off) compares with the tenant's. Customers without history take the tenant's figures.
/// For a day before today the open amounts are rewound as the aging does, so a forecast as of a past day sees the
/// invoices as they were then (the forecast track record replays such forecasts).
/// </summary>
/// <remarks>
/// The history statistics (customer profiles and the collection curve) read every invoice settled in two years,
/// most of the forecast's cost on a large ledger; they are kept per tenant for today's forecast for
/// <see cref="HistoryLifetime"/>. They are a prior over two years, which one more payment barely moves; the open
/// invoices, the forecast's subject, are read on every call.
/// </remarks>
public sealed class HistoryReceiptPredictor(ArCollectDbContext db, IMemoryCache cache, TimeProvider time) : IReceiptPredictor
{
    public static readonly TimeSpan HistoryLifetime = TimeSpan.FromMinutes(5);

    private sealed record HistoryRow(Guid? CustomerId, int Paid, int WrittenOff, decimal? MeanDaysLate);

    private sealed record OpenRow(Guid Id, Guid CustomerId, string Currency, DateOnly DueDate, decimal OpenAmount);

    private sealed record History(PaymentProfile Prior, Dictionary<Guid, PaymentProfile> Profiles, CollectionCurve Curve);

    public async Task<Prediction> PredictAsync(DateOnly asOf, CurrencyConverter converter, CancellationToken cancellationToken)
    {
        var (prior, profiles, curve) = await HistoryAsync(asOf, cancellationToken);
        var horizonDays = CashForecast.HorizonEnd(asOf).DayNumber - asOf.DayNumber + 1;
        var open = await OpenAsync(asOf, cancellationToken);
        var receipts = new List<ExpectedReceipt>(open.Count);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var invoice in open)
        {
            var currency = invoice.Currency.Trim();
            if (converter.ToBase(invoice.OpenAmount, currency, asOf) is not { } amount)
            {
                missing.Add(currency);
                continue;
            }

            var profile = profiles.GetValueOrDefault(invoice.CustomerId, prior);
            var daysLate = asOf.DayNumber - invoice.DueDate.DayNumber;
            var factor = profile.PaymentProbability / prior.PaymentProbability;
            var within = Math.Min(1m, curve.PaidWithin(daysLate, horizonDays) * factor);
            var ever = Math.Min(1m, curve.PaidEver(daysLate) * factor);
            receipts.Add(new ExpectedReceipt(invoice.Id, invoice.CustomerId, amount, invoice.DueDate, PredictDate(profile, curve, invoice.DueDate, asOf, horizonDays), within, ever)
            {
                MeanDelayDate = profile.PredictDate(invoice.DueDate, asOf),
            });
        }

        return new Prediction(receipts, missing.ToList());
    }

    /// <summary>
    /// Due date + the customer's mean delay; an invoice already past that day is placed at the curve's median day to
    /// pay for its lateness (old debts that do arrive arrive slowly), rather than all on <paramref name="asOf"/>.
    /// </summary>
    public static DateOnly PredictDate(PaymentProfile profile, CollectionCurve curve, DateOnly dueDate, DateOnly asOf, int horizonDays)
    {
        var predicted = profile.PredictDate(dueDate, asOf);
        if (predicted > asOf || curve.MedianDayToPay(asOf.DayNumber - dueDate.DayNumber, horizonDays) is not { } day)
        {
            return predicted;
        }

        return asOf.AddDays(day - 1);
    }

    /// <summary>The invoices open at the end of <paramref name="asOf"/> with their open amount then.</summary>
    private Task<List<OpenRow>> OpenAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var rewind = asOf < DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var sql = $"""
            {AgingQuery.OpenItemsCte(rewind)}
            SELECT o.id AS id, o.customer_id AS customer_id, o.currency AS currency, o.due_date AS due_date, o.open_amount AS open_amount
            FROM open_items o WHERE o.open_amount > 0
            """;
        return db.Database.SqlQueryRaw<OpenRow>(
            sql,
            new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = asOf },
            new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = db.RequiredTenantId }).ToListAsync(cancellationToken);
    }

    private async Task<History> HistoryAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        // Only today's forecast is asked for again and again (page views); a replayed past day is read once, so
        // caching it would only hold a year of origins' profiles in memory.
        if (asOf != DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            return await ReadHistoryAsync(asOf, cancellationToken);
        }

        var key = (nameof(HistoryReceiptPredictor), db.CurrentTenantId, asOf);
        if (cache.TryGetValue(key, out History? cached) && cached is not null)
        {
            return cached;
        }

        var history = await ReadHistoryAsync(asOf, cancellationToken);
        cache.Set(key, history, HistoryLifetime);
        return history;
    }

    private async Task<History> ReadHistoryAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var since = asOf.AddYears(-2);
        var history = await db.Database.SqlQuery<HistoryRow>($"""
            SELECT customer_id AS customer_id,
                   (count(*) FILTER (WHERE amount_written_off = 0))::int AS paid,
                   (count(*) FILTER (WHERE amount_written_off > 0))::int AS written_off,
                   (avg(settled_on - due_date) FILTER (WHERE amount_written_off = 0))::numeric(12,4) AS mean_days_late
            FROM invoices
            WHERE tenant_id = {db.RequiredTenantId} AND settled_on IS NOT NULL AND settled_on >= {since} AND settled_on <= {asOf}
            GROUP BY ROLLUP (customer_id)
            """).ToListAsync(cancellationToken);
        var tenantRow = history.SingleOrDefault(h => h.CustomerId is null);
        var prior = tenantRow is null
            ? PaymentProfile.NoHistory
            : PaymentProfile.FromCounts(tenantRow.Paid, tenantRow.WrittenOff, tenantRow.MeanDaysLate, PaymentProfile.NoHistory);
        var profiles = history.Where(h => h.CustomerId is not null)
            .ToDictionary(h => h.CustomerId!.Value, h => PaymentProfile.FromCounts(h.Paid, h.WrittenOff, h.MeanDaysLate, prior));

        var curve = CollectionCurve.From(await LatenessAsync(asOf, since, cancellationToken));
        return new History(prior, profiles, curve);
    }

    /// <summary>
    /// Issued invoices open on <paramref name="asOf"/> or settled since <paramref name="since"/>, counted per
    /// lateness at which they were paid, written off, or (still open) observed so far.
    /// </summary>
    private async Task<List<LatenessOutcome>> LatenessAsync(DateOnly asOf, DateOnly since, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<LatenessOutcome>($"""
            SELECT least(greatest(CASE WHEN settled THEN settled_on - due_date ELSE {asOf} - due_date END, {CollectionCurve.MinDays}),
                         {CollectionCurve.MaxDays}) AS days_late,
                   (count(*) FILTER (WHERE settled AND amount_written_off = 0))::int AS paid,
                   (count(*) FILTER (WHERE settled AND amount_written_off > 0))::int AS written_off,
                   (count(*) FILTER (WHERE NOT settled))::int AS still_open
            FROM (SELECT due_date, settled_on, amount_written_off, coalesce(settled_on <= {asOf}, false) AS settled
                  FROM invoices
                  WHERE tenant_id = {db.RequiredTenantId} AND state = 'Issued' AND issue_date <= {asOf} AND (settled_on IS NULL OR settled_on >= {since})) i
            GROUP BY 1
            """).ToListAsync(cancellationToken);
}
