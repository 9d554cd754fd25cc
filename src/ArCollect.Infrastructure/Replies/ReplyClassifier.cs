using System.Diagnostics;
using ArCollect.Domain.Replies;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Replies;

/// <summary>
/// The process's reply classifier: trained from the shipped corpus (data/replies/train.csv, embedded) on first use and
/// cached for the life of the process. Training takes seconds and is deterministic, so every web and worker process
/// ends with the same model without storing one. The held-out evaluation is computed once, on first request.
/// </summary>
public sealed class ReplyClassifier
{
    private readonly Lazy<Task<ReplyModel>> model;
    private readonly Lazy<Task<ReplyEvaluation>> heldOut;

    public ReplyClassifier(ILogger<ReplyClassifier> logger)
    {
        model = new(() => Task.Run(() => TrainShipped(logger)));
        heldOut = new(async () =>
        {
            var trained = await model.Value;
            return ReplyEvaluator.Evaluate(trained, ReplyCsvReader.ReadShipped("test.csv").Rows);
        });
    }

    /// <summary>How long training the shipped model took in this process (null before it was trained).</summary>
    public TimeSpan? TrainingTime { get; private set; }

    public Task<ReplyModel> ModelAsync() => model.Value;

    public async Task<ReplyPrediction> ClassifyAsync(string strippedText) => (await model.Value).PredictStripped(strippedText);

    /// <summary>Model and keyword baseline on the held-out data/replies/test.csv.</summary>
    public Task<ReplyEvaluation> HeldOutAsync() => heldOut.Value;

    private ReplyModel TrainShipped(ILogger logger)
    {
        var watch = Stopwatch.StartNew();
        var rows = ReplyCsvReader.ReadShipped("train.csv").Rows;
        var trained = ReplyModel.Train(rows);
        TrainingTime = watch.Elapsed;
        logger.LogInformation("Trained the reply classifier on {Examples} messages in {Milliseconds} ms", rows.Count, watch.ElapsedMilliseconds);
        return trained;
    }
}
