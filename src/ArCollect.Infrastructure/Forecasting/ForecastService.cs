using ArCollect.Domain.Dunning;
using ArCollect.Domain.Forecasting;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ArCollect.Infrastructure.Forecasting;

/// <summary>
/// A forecast computed now from the ledger: receipts, the 13 weeks, where the open receivables are expected to go,
/// the spread of past errors that widened the band (null until enough weeks finished) and the currencies left out.
/// </summary>
public sealed record ForecastView(
    DateOnly AsOf, string BaseCurrency, IReadOnlyList<ExpectedReceipt> Receipts, IReadOnlyList<ForecastWeek> Weeks, IReadOnlyList<string> MissingRates)
{
    public ForecastOutlook Outlook => CashForecast.Outlook(Receipts, AsOf);

    public ForecastErrors? Errors { get; init; }

    /// <summary>Past errors per week ahead from the track record (null before it has enough weeks).</summary>
    public IReadOnlyList<ForecastErrors?>? ErrorsByWeek { get; init; }

    /// <summary>The finished weeks with a snapshot among the last <see cref="ForecastService.ErrorWeeks"/>, oldest first.</summary>
    public IReadOnlyList<WeekActual> Past { get; init; } = [];

    /// <summary>The stored track record the band per week ahead came from (null before its first run).</summary>
    public ForecastTrackRecordReport? TrackRecord { get; init; }
}

/// <summary>A finished week: what was forecast before it began, and what arrived.</summary>
public sealed record WeekActual(DateOnly WeekStart, decimal Forecast, decimal Low, decimal High, decimal Actual, decimal? VariancePercent, DateOnly? ShortfallAlertedOn);

/// <summary>
/// Builds the forecast from current invoices, payments, plans, promises and predictions; keeps per-week snapshots (the
/// last forecast made before each week began) to compare with actual receipts.
/// </summary>
/// <remarks>
/// A page view reads the tenant's ledger version (<c>ledger_versions</c>, raised by triggers in every writer's own
/// transaction) and reuses the forecast computed at that version today, so a view costs one small query until the
/// ledger changes, and is never stale: the version is read before the inputs, so a cached forecast is at least as
/// new as the version it is stored under. Each process keeps its own copy; nothing depends on it for correctness.
/// </remarks>
public sealed class ForecastService(ArCollectDbContext db, IReceiptPredictor predictor, ForecastTrackRecord trackRecord, IMemoryCache cache, TimeProvider time)
{
    /// <summary>How many finished weeks of forecast vs actual the band learns its spread from.</summary>
    public const int ErrorWeeks = 26;

    /// <summary>How long a tenant's cached forecast is kept after its last view.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(20);

    /// <summary>
    /// How long the page reuses the finished weeks' actual receipts (<see cref="PastWeeksAsync"/>) across ledger
    /// versions. They cover weeks before the current one, which today's payments do not touch; a payment entered with
    /// a date in a finished week shows in "forecast vs actual" (and in the band's spread) within this time.
    /// </summary>
    public static readonly TimeSpan PastWeeksLifetime = TimeSpan.FromMinutes(15);

    private sealed record CachedView(DateOnly AsOf, LedgerStamp Stamp, ForecastView View);

    private sealed record PromiseRow(Guid InvoiceId, DateOnly PromisedDate, DateTimeOffset CreatedAt);

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Today's forecast for the page: computed once per ledger version and day, then served from memory.</summary>
    public async Task<ForecastView> BaselineAsync(CancellationToken cancellationToken)
    {
        var asOf = Today;
        var stamp = await LedgerStamp.ReadAsync(db, cancellationToken);
        var key = (nameof(ForecastService), db.RequiredTenantId);
        if (cache.TryGetValue(key, out CachedView? cached) && cached is not null && cached.AsOf == asOf && cached.Stamp == stamp)
        {
            return cached.View;
        }

        var view = await ComputeAsync(cancellationToken, reusePastWeeks: true);
        cache.Set(key, new CachedView(asOf, stamp, view), new MemoryCacheEntryOptions { SlidingExpiration = CacheLifetime });
        return view;
    }

    /// <summary>
    /// Today's forecast computed afresh from the ledger (the daily job, which runs once per tenant, uses it directly).
    /// The page passes <paramref name="reusePastWeeks"/>: the finished weeks' actuals, the costliest read at a million
    /// invoices (0.9 s of a 1.4 s recompute), are then reused for <see cref="PastWeeksLifetime"/> within the same week.
    /// </summary>
    public async Task<ForecastView> ComputeAsync(CancellationToken cancellationToken, bool reusePastWeeks = false)
    {
        var asOf = Today;
        var converter = await db.ConverterAsync(cancellationToken);
        var prediction = await predictor.PredictAsync(asOf, converter, cancellationToken);
        // An open promise for one invoice places it on the promised day (the customer's own word beats a prediction);
        // invoices on an active payment plan are expected on their instalment dates, which outrank both: what is still
        // owed on such an invoice is split by the instalments that carry it, each share on its own date.
        var promised = await PromisedDatesAsync(cancellationToken);
        var planned = await PaymentPlans.PlanStandings.OpenSharesAsync(db, cancellationToken);
        if (promised.Count > 0 || planned.Count > 0)
        {
            prediction = prediction with
            {
                Receipts = prediction.Receipts.SelectMany(r => planned.TryGetValue(r.InvoiceId, out var shares)
                    ? OnInstalments(r, shares, asOf)
                    : promised.TryGetValue(r.InvoiceId, out var promise)
                        ? [r with { PredictedDate = promise < asOf ? asOf : promise }]
                        : [r]).ToList(),
            };
        }

        var past = reusePastWeeks ? await CachedPastWeeksAsync(converter.BaseCurrency, cancellationToken) : await PastWeeksAsync(ErrorWeeks, cancellationToken);
        var errors = ForecastErrors.From(past.Select(w => (w.Forecast, w.Actual)));
        var record = await trackRecord.LatestAsync(cancellationToken);
        var errorsByWeek = record?.ErrorsByHorizon;
        var weeks = CashForecast.Weekly(prediction.Receipts, asOf, CashForecast.Weeks, errors, errorsByWeek);
        return new ForecastView(asOf, converter.BaseCurrency, prediction.Receipts, weeks, prediction.MissingRates)
        {
            Errors = errors,
            ErrorsByWeek = errorsByWeek,
            Past = past,
            TrackRecord = record,
        };
    }

    /// <summary>
    /// A planned invoice's expected receipt split by the instalments still carrying it, in proportion to each share (the
    /// receipt is in the base currency, the shares in the plan's); past instalment dates are expected today. When the
    /// plan's shares are all paid but a balance remains, the receipt stays as predicted.
    /// </summary>
    private static IEnumerable<ExpectedReceipt> OnInstalments(ExpectedReceipt receipt, IReadOnlyList<(DateOnly DueDate, decimal Amount)> shares, DateOnly asOf)
    {
        var total = shares.Sum(s => s.Amount);
        if (total <= 0m)
        {
            return [receipt];
        }

        var parts = new List<ExpectedReceipt>(shares.Count);
        var left = receipt.Amount;
        for (var k = 0; k < shares.Count; k++)
        {
            var (due, share) = shares[k];
            var amount = k == shares.Count - 1 ? left : Math.Round(receipt.Amount * share / total, 2);
            left -= amount;
            parts.Add(receipt with { Amount = amount, DueDate = due, PredictedDate = due < asOf ? asOf : due });
        }

        return parts;
    }

    /// <summary>The promised day of each invoice with an open promise (the newest promise when there are several).</summary>
    private async Task<Dictionary<Guid, DateOnly>> PromisedDatesAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Promises.AsNoTracking()
            .Where(p => p.Status == PromiseStatus.Open && p.InvoiceId != null)
            .Select(p => new PromiseRow(p.InvoiceId!.Value, p.PromisedDate, p.CreatedAt))
            .ToListAsync(cancellationToken);
        return rows.GroupBy(p => p.InvoiceId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.CreatedAt)!.PromisedDate);
    }

    /// <summary>
    /// Records the forecast of each week that has not begun (replacing an older one) and of the current week if it
    /// has none yet; a week's snapshot is frozen once the week is under way.
    /// </summary>
    public async Task SaveSnapshotsAsync(ForecastView view, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Forecast snapshots need a tenant.");
        foreach (var week in view.Weeks)
        {
            var started = week.WeekStart <= view.AsOf;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO forecast_snapshots (id, tenant_id, week_start, expected, low, high, made_on)
                VALUES ({Guid.CreateVersion7()}, {tenantId}, {week.WeekStart}, {Math.Round(week.Expected, 2)}, {Math.Round(week.Low, 2)},
                        {Math.Round(week.High, 2)}, {view.AsOf})
                ON CONFLICT (tenant_id, week_start) DO UPDATE
                SET expected = excluded.expected, low = excluded.low, high = excluded.high, made_on = excluded.made_on
                WHERE NOT {started}
                """, cancellationToken);
        }
    }

    private sealed record Received(DateOnly ReceivedOn, string Currency, decimal Amount);

    private async Task<IReadOnlyList<WeekActual>> CachedPastWeeksAsync(string baseCurrency, CancellationToken cancellationToken)
    {
        var key = (nameof(PastWeeksAsync), db.RequiredTenantId, CashForecast.WeekStart(Today), baseCurrency);
        if (cache.TryGetValue(key, out IReadOnlyList<WeekActual>? past) && past is not null)
        {
            return past;
        }

        past = await PastWeeksAsync(ErrorWeeks, cancellationToken);
        cache.Set(key, past, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = PastWeeksLifetime });
        return past;
    }

    /// <summary>
    /// The finished weeks with a snapshot among the last <paramref name="weeks"/>, oldest first, with the money
    /// applied in each to invoices issued before it began.
    /// </summary>
    public async Task<IReadOnlyList<WeekActual>> PastWeeksAsync(int weeks, CancellationToken cancellationToken)
    {
        var current = CashForecast.WeekStart(Today);
        var from = current.AddDays(-7 * weeks);
        var snapshots = await db.ForecastSnapshots.AsNoTracking()
            .Where(s => s.WeekStart >= from && s.WeekStart < current)
            .OrderBy(s => s.WeekStart)
            .ToListAsync(cancellationToken);
        // Like with like: the forecast covers invoices already issued when the week began, so the actual is what was
        // applied to those in the week (not payments of invoices issued during it, nor unapplied cash).
        var tenantId = db.CurrentTenantId;
        var received = await db.Database.SqlQuery<Received>($"""
            SELECT p.received_on AS received_on, p.currency AS currency, sum(a.amount) AS amount
            FROM payments p
            JOIN payment_allocations a ON a.payment_id = p.id AND a.tenant_id = p.tenant_id
            JOIN invoices i ON i.id = a.invoice_id AND i.tenant_id = p.tenant_id
            WHERE p.tenant_id = {tenantId} AND p.received_on >= {from} AND p.received_on < {current}
              AND i.issue_date < p.received_on - (extract(isodow FROM p.received_on)::int - 1)
            GROUP BY 1, 2
            """).ToListAsync(cancellationToken);
        var converter = await db.ConverterAsync(cancellationToken);
        return snapshots.Select(s =>
        {
            var actual = received.Where(r => r.ReceivedOn >= s.WeekStart && r.ReceivedOn <= s.WeekStart.AddDays(6))
                .Sum(r => converter.ToBase(r.Amount, r.Currency.Trim(), r.ReceivedOn) ?? 0m);
            return new WeekActual(s.WeekStart, s.Expected, s.Low, s.High, actual, CashForecast.VariancePercent(s.Expected, actual), s.ShortfallAlertedOn);
        }).ToList();
    }
}
