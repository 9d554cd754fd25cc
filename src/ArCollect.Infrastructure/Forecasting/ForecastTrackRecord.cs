using System.Text.Json;
using System.Text.Json.Serialization;
using ArCollect.Domain.Forecasting;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Forecasting;

/// <summary>The track record as stored and shown: accuracy per method and horizon over the replayed origins.</summary>
public sealed record ForecastTrackRecordReport(
    DateOnly ComputedOn, string BaseCurrency, int Origins, DateOnly? FirstOrigin, DateOnly? LastOrigin, int Weeks, IReadOnlyList<AccuracySummary> Summaries,
    IReadOnlyList<ForecastErrors?> ErrorsByHorizon)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}

/// <summary>
/// Replays the forecast as it would have been made on past Sunday nights (rolling origin: one origin per week) and
/// compares each of its 13 weeks that has finished with the receipts that arrived on the invoices open at the origin,
/// beside two baselines (everything paid on its due date; due date plus the customer's mean delay). As-of forecasts
/// see only what was known then: open amounts rewound to the origin, history settled by it, and a band widened only
/// by the errors of weeks that had finished by then, per week ahead. The spread of errors per week ahead over the
/// whole record is what today's forecast widens its band with. Also fills the week snapshots that "forecast vs actual" reads for
/// weeks that have none (the demo's history), never replacing a snapshot the daily job made.
/// </summary>
public sealed class ForecastTrackRecord(ArCollectDbContext db, HistoryReceiptPredictor history, TimeProvider time)
{
    /// <summary>Origins replayed: a year of Sundays.</summary>
    public const int DefaultOrigins = 52;

    private static readonly ForecastMethod[] Methods = [ForecastMethod.Forecast, ForecastMethod.DueDate, ForecastMethod.MeanDelay];

    private sealed record Receipt(Guid InvoiceId, DateOnly ReceivedOn, string Currency, decimal Amount);

    public async Task<ForecastTrackRecordReport> RunAsync(int origins, bool fillSnapshots, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("The forecast track record needs a tenant.");
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var currentWeek = CashForecast.WeekStart(today);
        var converter = await db.ConverterAsync(cancellationToken);
        var firstIssue = await db.Invoices.MinAsync(i => (DateOnly?)i.IssueDate, cancellationToken);
        var mondays = Enumerable.Range(1, origins).Select(k => currentWeek.AddDays(-7 * k))
            .Where(m => firstIssue is { } first && m.AddDays(-1) >= first).Order().ToList();

        var receipts = mondays.Count == 0 ? [] : await ReceiptsSinceAsync(mondays[0], currentWeek, cancellationToken);
        var weeks = Methods.ToDictionary(m => m, _ => new List<BacktestWeek>());
        foreach (var monday in mondays)
        {
            var asOf = monday.AddDays(-1);
            var prediction = await history.PredictAsync(asOf, converter, cancellationToken);
            var open = prediction.Receipts.Select(r => r.InvoiceId).ToHashSet();
            var actual = receipts.Where(r => r.ReceivedOn >= monday && open.Contains(r.InvoiceId))
                .GroupBy(r => CashForecast.WeekStart(r.ReceivedOn))
                .ToDictionary(g => g.Key, g => g.Sum(r => converter.ToBase(r.Amount, r.Currency, r.ReceivedOn) ?? 0m));
            var errors = ForecastAccuracy.ErrorsByHorizon(weeks[ForecastMethod.Forecast].Where(w => w.WeekStart.AddDays(6) <= asOf), ForecastService.ErrorWeeks);
            foreach (var method in Methods)
            {
                var forecast = CashForecast.Weekly(ForecastAccuracy.Baseline(prediction.Receipts, method), monday, CashForecast.Weeks,
                    errorsByWeek: method == ForecastMethod.Forecast ? errors : null);
                weeks[method].AddRange(ForecastAccuracy.FinishedWeeks(asOf, forecast, actual, today, method == ForecastMethod.Forecast));
                if (method != ForecastMethod.Forecast)
                {
                    continue;
                }

                var first = forecast[0];
                if (fillSnapshots)
                {
                    await db.Database.ExecuteSqlAsync($"""
                        INSERT INTO forecast_snapshots (id, tenant_id, week_start, expected, low, high, made_on)
                        VALUES ({Guid.CreateVersion7()}, {tenantId}, {monday}, {Math.Round(first.Expected, 2)}, {Math.Round(first.Low, 2)},
                                {Math.Round(first.High, 2)}, {asOf})
                        ON CONFLICT (tenant_id, week_start) DO NOTHING
                        """, cancellationToken);
                }
            }
        }

        var summaries = Methods.SelectMany(m => ForecastAccuracy.Summarise(m, weeks[m], hasBand: m == ForecastMethod.Forecast)).ToList();
        var report = new ForecastTrackRecordReport(
            today, converter.BaseCurrency, mondays.Count, mondays.Count > 0 ? mondays[0].AddDays(-1) : null,
            mondays.Count > 0 ? mondays[^1].AddDays(-1) : null, weeks[ForecastMethod.Forecast].Count, summaries,
            ForecastAccuracy.ErrorsByHorizon(weeks[ForecastMethod.Forecast], ForecastService.ErrorWeeks));
        await SaveAsync(tenantId, report, cancellationToken);
        return report;
    }

    /// <summary>The stored track record, or null before the first run.</summary>
    public async Task<ForecastTrackRecordReport?> LatestAsync(CancellationToken cancellationToken)
    {
        var row = await db.ForecastAccuracyReports.AsNoTracking().Select(r => r.Report).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : JsonSerializer.Deserialize<ForecastTrackRecordReport>(row, ForecastTrackRecordReport.Json);
    }

    /// <summary>True when the stored record predates the current week (a new week has finished since).</summary>
    public async Task<bool> IsDueAsync(CancellationToken cancellationToken)
    {
        var weekStart = CashForecast.WeekStart(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return !await db.ForecastAccuracyReports.AnyAsync(r => r.ComputedOn >= weekStart, cancellationToken);
    }

    private async Task SaveAsync(Guid tenantId, ForecastTrackRecordReport report, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(report, ForecastTrackRecordReport.Json);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO forecast_accuracy_reports (id, tenant_id, computed_on, report)
            VALUES ({Guid.CreateVersion7()}, {tenantId}, {report.ComputedOn}, {json}::jsonb)
            ON CONFLICT (tenant_id) DO UPDATE SET computed_on = excluded.computed_on, report = excluded.report
            """, cancellationToken);
    }

    /// <summary>Money applied to invoices from payments received in [from, to), in the payment's currency.</summary>
    private Task<List<Receipt>> ReceiptsSinceAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        db.PaymentAllocations.AsNoTracking()
            .Join(db.Payments.Where(p => p.ReceivedOn >= from && p.ReceivedOn < to), a => a.PaymentId, p => p.Id,
                (a, p) => new Receipt(a.InvoiceId, p.ReceivedOn, p.Currency.Trim(), a.Amount))
            .ToListAsync(cancellationToken);
}
