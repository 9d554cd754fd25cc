using ArCollect.Domain.Replies;
using CsvHelper;

namespace ArCollect.Infrastructure.Replies;

/// <summary>
/// One labelled reply: the raw text as received, its intent and tone, and its language when given. Templates (optional
/// column <c>templates</c>, only in the shipped train.csv) names the phrase-pool sentences the message was built from,
/// so cross-validation can keep a fold's sentences out of its training half.
/// </summary>
public sealed record LabelledReply(string Text, string Intent, string Tone, string Language, string Templates = "");

/// <summary>A labelled CSV read for training or evaluation, and what was wrong with the rows left out.</summary>
public sealed record ReplyCsv(IReadOnlyList<LabelledReply> Rows, int BadRows, IReadOnlyList<string> Problems);

/// <summary>
/// Reads a CSV with the columns <c>text, intent, tone</c> and optionally <c>language</c> (ISO 639-1; "unknown" when
/// absent). Header names are case-insensitive and unknown columns ignored; a row with an unknown label is counted and
/// described, never fatal. Only a missing required column stops the read.
/// </summary>
public static class ReplyCsvReader
{
    public static readonly IReadOnlyList<string> Required = ["text", "intent", "tone"];
    private const int ProblemsKept = 20;

    public static ReplyCsv Read(TextReader reader)
    {
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { TrackLineNumbers = true }, leaveOpen: true);
        var hasRecord = csv.Read();
        var headers = csv.Headers;
        if (headers.Count == 0)
        {
            throw new InvalidDataException("The CSV is empty: it needs a header row naming its columns.");
        }

        var columns = headers.Select((name, index) => (Name: name.Trim().ToLowerInvariant(), index))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().index);
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The CSV lacks the required column(s) {string.Join(", ", missing)}; it has {string.Join(", ", headers)}.");
        }

        var rows = new List<LabelledReply>();
        var problems = new List<string>();
        var bad = 0;
        for (; hasRecord; hasRecord = csv.Read())
        {
            var line = csv.LineNumber;
            string Field(string name) => columns.TryGetValue(name, out var i) && i < csv.FieldCount ? csv.GetString(i) : "";
            var intent = Field("intent").Trim().ToLowerInvariant();
            var tone = Field("tone").Trim().ToLowerInvariant();
            var language = Field("language").Trim().ToLowerInvariant();
            var error = !ReplyLabels.Intents.Contains(intent) ? $"column intent: '{intent}' is not one of {string.Join(", ", ReplyLabels.Intents)}"
                : !ReplyLabels.Tones.Contains(tone) ? $"column tone: '{tone}' is not one of {string.Join(", ", ReplyLabels.Tones)}"
                : null;
            if (error is not null)
            {
                bad++;
                if (problems.Count < ProblemsKept)
                {
                    problems.Add($"line {line}: {error}");
                }

                continue;
            }

            rows.Add(new LabelledReply(Field("text"), intent, tone, language.Length == 0 ? "unknown" : language, Field("templates").Trim()));
        }

        return new ReplyCsv(rows, bad, problems);
    }

    /// <summary>The corpus shipped in data/replies (train.csv, test.csv, fresh.csv, holdout-2.csv, holdout-3.csv or holdout-4.csv), embedded in this assembly.</summary>
    public static ReplyCsv ReadShipped(string name)
    {
        using var stream = typeof(ReplyCsvReader).Assembly.GetManifestResourceStream($"ArCollect.Infrastructure.Replies.{name}")
            ?? throw new InvalidOperationException($"The reply corpus file {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return Read(reader);
    }
}
