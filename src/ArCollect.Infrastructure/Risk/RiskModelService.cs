using System.Diagnostics;
using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Risk;

/// <summary>What one training and scoring pass did, for logs, the demo start-up line and tests.</summary>
public sealed record RiskRunSummary(RiskModelRun Run, RiskRunReport Report, bool NewModelActive, int ScoredInvoices, TimeSpan TrainingTime, TimeSpan ScoringTime);

/// <summary>Trains, keeps or rejects, stores and scores for the tenant of the scope it runs in.</summary>
public sealed class RiskModelService(ArCollectDbContext db, TimeProvider time, ILogger<RiskModelService> logger)
{
    public async Task<RiskRunSummary> TrainAndScoreAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Risk models are trained inside a tenant's scope.");
        var settings = await SettingsAsync(db, tenantId, cancellationToken);
        var clock = Stopwatch.StartNew();
        var histories = await RiskHistoryReader.ReadAsync(db, cancellationToken);
        var examples = RiskDataset.Examples(histories, settings.GraceDays);
        var result = RiskTrainer.Train(examples, settings.GraceDays);
        var run = await StoreAsync(tenantId, examples.Count, result, cancellationToken);
        var trainingTime = clock.Elapsed;

        clock.Restart();
        var scored = await ScoreAsync(histories, settings, cancellationToken);
        logger.LogInformation(
            "Risk run {Version} for {TenantId}: {Outcome} Scored {InvoiceCount} open invoices", run.Version, tenantId, result.Report.Outcome, scored);
        return new RiskRunSummary(run, result.Report, run.IsActive && run.Predictor == RiskPredictor.Model, scored, trainingTime, clock.Elapsed);
    }

    public static async Task<RiskSettings> SettingsAsync(ArCollectDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        await db.RiskSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? RiskSettings.Defaults(tenantId);

    /// <summary>
    /// Records the run. A model with at least one head that beat the heuristic becomes active (with the heuristic
    /// answering for a head that did not); otherwise the last good model stays active,
    /// and only a tenant without one falls back to this run's heuristic.
    /// </summary>
    private Task<RiskModelRun> StoreAsync(Guid tenantId, int rows, RiskTrainingResult result, CancellationToken cancellationToken) =>
        // Two runs of one tenant at once (nightly and "Retrain now") conflict on the version number and the active flag.
        SerializationRetry.RunAsync(db, ct => StoreOnceAsync(tenantId, rows, result, ct), cancellationToken);

    private async Task<RiskModelRun> StoreOnceAsync(Guid tenantId, int rows, RiskTrainingResult result, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var active = await db.RiskModels.FirstOrDefaultAsync(r => r.IsActive, cancellationToken);
        var version = (await db.RiskModels.MaxAsync(r => (int?)r.Version, cancellationToken) ?? 0) + 1;
        var kept = result.Report.ModelBeatsHeuristic;
        var run = new RiskModelRun
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Version = version,
            TrainedAt = time.GetUtcNow(),
            Predictor = kept ? RiskPredictor.Model : RiskPredictor.Heuristic,
            RowsUsed = rows,
            Outcome = result.Report.Outcome + (kept || active?.Predictor != RiskPredictor.Model ? "" : $" Version {active.Version} stays active."),
            MetricsJson = RiskJson.Write(result.Report),
            ClassifierBytes = result.Report.ClassifierKept ? result.Classifier : null,
            RegressorBytes = result.Report.RegressorKept ? result.Regressor : null,
        };
        var activate = kept || active is null || active.Predictor == RiskPredictor.Heuristic;
        if (activate && active is not null)
        {
            active.IsActive = false;
            await db.SaveChangesAsync(cancellationToken);
        }

        run.IsActive = activate;
        db.RiskModels.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run;
    }

    /// <summary>Scores every open invoice with the active run and replaces the tenant's scores.</summary>
    public async Task<int> ScoreAsync(IReadOnlyList<CustomerHistory> histories, RiskSettings settings, CancellationToken cancellationToken)
    {
        var active = await db.RiskModels.AsNoTracking().FirstOrDefaultAsync(r => r.IsActive, cancellationToken)
            ?? throw new InvalidOperationException("No active risk model: train before scoring.");
        var report = RiskJson.Read(active.MetricsJson);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var open = histories
            .SelectMany(h => h.Invoices.Where(i => i.SettledOn is null).Select(i => (Invoice: i, Features: RiskFeatureBuilder.Build(i, h, today, settings.GraceDays))))
            .ToList();
        var features = open.Select(o => o.Features).ToList();
        var models = active.Predictor == RiskPredictor.Model ? new RiskModelSet(active.ClassifierBytes, active.RegressorBytes, report) : null;
        var predictions = models is not null ? models.Predict(features) : features.Select(report.Baseline.Predict).ToList();
        var heuristicNote = models is { Outdated: true }
            ? "estimated by the simple payment-history rule until the model is retrained on the current features"
            : HeuristicNote(active);

        var scores = new InvoiceScore[open.Count];
        for (var k = 0; k < scores.Length; k++)
        {
            var (invoice, vector) = open[k];
            var prediction = predictions[k];
            var reasons = RiskReasons.Explain(vector, report.FeatureStats);
            if (heuristicNote is not null)
            {
                reasons = [.. reasons.Take(2), heuristicNote];
            }

            var payDate = invoice.DueDate.AddDays((int)Math.Round(prediction.ExpectedDaysLate, MidpointRounding.AwayFromZero));
            scores[k] = new InvoiceScore
            {
                InvoiceId = invoice.InvoiceId,
                TenantId = active.TenantId,
                CustomerId = invoice.CustomerId,
                ProbabilityLate = prediction.ProbabilityLate,
                ExpectedDaysLate = prediction.ExpectedDaysLate,

                // An overdue invoice cannot be paid in the past: the earliest it can still arrive is today.
                PredictedPayDate = payDate < today ? today : payDate,
                Band = settings.BandFor(prediction.ProbabilityLate),
                Reasons = string.Join('\n', reasons),
                Predictor = active.Predictor,
                ModelVersion = active.Version,
                ScoredAt = now,
            };
        }

        await RiskScoreWriter.WriteAsync(db, scores, settings, cancellationToken);
        return scores.Length;
    }

    /// <summary>The last reason line when the heuristic answers for one head or both, so nobody mistakes it for the model.</summary>
    private static string? HeuristicNote(RiskModelRun active) => (active.Predictor, active.ClassifierBytes is not null, active.RegressorBytes is not null) switch
    {
        (RiskPredictor.Heuristic, _, _) or (_, false, false) => "estimated by the simple payment-history rule, not a trained model",
        (_, false, true) => "probability from the simple payment-history rule; payment date from the trained model",
        (_, true, false) => "probability from the trained model; payment date from the simple payment-history rule",
        _ => null,
    };
}
