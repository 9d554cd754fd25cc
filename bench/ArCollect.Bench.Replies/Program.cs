using System.Diagnostics;
using System.Globalization;
using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Replies;

// Reply classifier: training time on the shipped corpus, classification latency after load, held-out quality.
// Usage: dotnet run -c Release --project bench/ArCollect.Bench.Replies [trainings=3]
//        dotnet run -c Release --project bench/ArCollect.Bench.Replies -- cv [repeats=2] [candidates=all, e.g. 2,5,6]   (model selection on train.csv only)
var train = ReplyCsvReader.ReadShipped("train.csv").Rows;
if (args.Length > 0 && args[0] == "cv")
{
    CrossValidation.Run(train, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2,
        args.Length > 2 ? [.. args[2].Split(',').Select(i => int.Parse(i, CultureInfo.InvariantCulture))] : []);
    return;
}

var trainings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var test = ReplyCsvReader.ReadShipped("test.csv").Rows;
var holdout = ReplyCsvReader.ReadShipped("holdout-4.csv").Rows;
Console.WriteLine($"corpus: {train.Count} training messages, {test.Count} held-out (test.csv), {holdout.Count} untouched held-out (holdout-4.csv); model: {ReplyModelOptions.Default}");

ReplyModel? model = null;
var times = new List<double>();
for (var i = 0; i < trainings; i++)
{
    var watch = Stopwatch.StartNew();
    model = ReplyModel.Train(train);
    times.Add(watch.Elapsed.TotalSeconds);
    Console.WriteLine($"training {i + 1}: {watch.Elapsed.TotalSeconds:0.00} s");
}

// Latency: strip + both classifiers + extraction, per held-out message, after a warm-up pass.
var today = new DateOnly(2026, 12, 2);
foreach (var row in test.Take(50))
{
    model!.Predict(row.Text);
}

var latencies = new List<double>(test.Count * 3);
for (var pass = 0; pass < 3; pass++)
{
    foreach (var row in test)
    {
        var watch = Stopwatch.StartNew();
        var stripped = ReplyText.Strip(row.Text);
        model!.PredictStripped(stripped);
        ReplyExtractor.Extract(stripped, today);
        latencies.Add(watch.Elapsed.TotalMilliseconds);
    }
}

latencies.Sort();
double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
Console.WriteLine($"classification (strip + intent + tone + extraction), {latencies.Count} calls: mean {latencies.Average():0.000} ms, p50 {Percentile(0.50):0.000} ms, p99 {Percentile(0.99):0.000} ms, max {latencies[^1]:0.000} ms");
Console.WriteLine($"training: median {times.Order().ElementAt(times.Count / 2):0.00} s of {times.Count}");

Console.WriteLine("== test.csv (used to choose an earlier default; no longer used for any choice)");
Console.WriteLine(ReplyReportTable.Format(ReplyEvaluator.Evaluate(model!, test)));
Console.WriteLine("== holdout-4.csv (untouched: committed before any model was scored on it)");
Console.WriteLine(ReplyReportTable.Format(ReplyEvaluator.Evaluate(model!, holdout)));
