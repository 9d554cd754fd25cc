using ArCollect.Domain.Forecasting;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

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
}

/// <summary>A finished week: what was forecast before it began, and what arrived.</summary>
public sealed record WeekActual(DateOnly WeekStart, decimal Forecast, decimal Low, decimal High, decimal Actual, decimal? VariancePercent, DateOnly? ShortfallAlertedOn);

/// <summary>
/// Builds the forecast from current invoices, payments and predictions on every request, so it is never stale;
/// keeps per-week snapshots (the last forecast made before each week began) to compare with actual receipts.
/// </summary>
public sealed class ForecastService(ArCollectDbContext db, IReceiptPredictor predictor, ForecastTrackRecord trackRecord, TimeProvider time)
{
    /// <summary>How many finished weeks of forecast vs actual the band learns its spread from.</summary>
    public const int ErrorWeeks = 26;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<ForecastView> BaselineAsync(CancellationToken cancellationToken)
    {
        var asOf = Today;
        var converter = await db.ConverterAsync(cancellationToken);
        var prediction = await predictor.PredictAsync(asOf, converter, cancellationToken);
        // Invoices on an active payment plan are expected on their instalment dates, not when their history says.
        var planned = await PaymentPlans.PlanStandings.DueDatesAsync(db, cancellationToken);
        if (planned.Count > 0)
        {
            prediction = prediction with
            {
                Receipts = prediction.Receipts.Select(r => planned.TryGetValue(r.InvoiceId, out var plan)
                    ? r with { DueDate = plan.DueDate, PredictedDate = plan.DueDate < asOf ? asOf : plan.DueDate }
                    : r).ToList(),
            };
        }

        var past = await PastWeeksAsync(ErrorWeeks, cancellationToken);
        var errors = ForecastErrors.From(past.Select(w => (w.Forecast, w.Actual)));
        var errorsByWeek = (await trackRecord.LatestAsync(cancellationToken))?.ErrorsByHorizon;
        var weeks = CashForecast.Weekly(prediction.Receipts, asOf, CashForecast.Weeks, errors, errorsByWeek);
        return new ForecastView(asOf, converter.BaseCurrency, prediction.Receipts, weeks, prediction.MissingRates)
        {
            Errors = errors,
            ErrorsByWeek = errorsByWeek,
            Past = past,
        };
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
