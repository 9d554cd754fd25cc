using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using ArCollect.Domain.Dunning;
using Fluid;

namespace ArCollect.Infrastructure.Dunning;

public sealed record RenderedReminder(string Subject, string Html, string Text);

public sealed record TemplateCheck(string Part, TemplateIssue Issue)
{
    public override string ToString() => $"{Part}: {Issue}";
}

/// <summary>
/// Parses, checks and renders reminder templates with Fluid. Checks reject syntax errors and unknown
/// placeholders with their line and column; rendering fails (to be parked) when a printed value is missing.
/// </summary>
public sealed partial class ReminderTemplateEngine
{
    private static readonly FluidParser Parser = new();

    private readonly TemplateOptions options = new() { MaxSteps = 100_000, StrictFilters = true };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Subject, string Html, string Text), Prepared> cache = new();

    private IReadOnlySet<string> FilterNames { get; }

    public ReminderTemplateEngine() => FilterNames = options.Filters.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every problem of the three parts; empty when the template can be saved.</summary>
    public IReadOnlyList<TemplateCheck> Check(string subject, string html, string text)
    {
        var checks = new List<TemplateCheck>();
        foreach (var (part, source) in new[] { ("Subject", subject), ("HtmlBody", html), ("TextBody", text) })
        {
            if (!Parser.TryParse(source, out _, out var error))
            {
                // Fluid reports "<message> at (line:column)" followed by the offending source line.
                var message = (error ?? "invalid template").Split('\n')[0].Trim();
                var at = ErrorPosition().Match(message);
                var (line, column) = at.Success ? (Number(at.Groups[1].Value), Number(at.Groups[2].Value)) : (1, 1);
                var reason = at.Success ? message[..at.Index].TrimEnd() : message;
                reason = reason.EndsWith(" at", StringComparison.Ordinal) ? reason[..^3] : reason;
                checks.Add(new TemplateCheck(part, new TemplateIssue(line, column, $"Syntax error: {reason}.")));
                continue;
            }

            checks.AddRange(TemplateScanner.Scan(source, FilterNames).Issues.Select(i => new TemplateCheck(part, i)));
        }

        return checks;
    }

    /// <summary>Renders the three parts, or explains why this customer's message cannot be built.</summary>
    public async Task<(RenderedReminder? Message, string? Failure)> RenderAsync(MessageTemplate template, ReminderModel model)
    {
        // A run renders the same few templates thousands of times: parse and check each text once. Previews of
        // edited drafts also land here, so the cache is dropped when it grows past what a few tenants need.
        if (cache.Count > 512)
        {
            cache.Clear();
        }

        var prepared = cache.GetOrAdd((template.Subject, template.HtmlBody, template.TextBody), key => Prepare(key.Subject, key.Html, key.Text));
        if (prepared.Problem is not null)
        {
            return (null, $"Template {template.Tone}: {prepared.Problem}");
        }

        var missing = prepared.PrintedUnguarded.FirstOrDefault(path => string.IsNullOrWhiteSpace(model.ValueOf(path)));
        if (missing is not null)
        {
            return (null, $"Template {template.Tone} prints '{missing}' but {model.CustomerName} has no value for it.");
        }

        try
        {
            var context = new TemplateContext(model.ToLiquid(template.Language), options);
            var subject = await prepared.Subject!.RenderAsync(context, NullEncoder.Default);
            var html = await prepared.Html!.RenderAsync(context, HtmlEncoder.Default);
            var text = await prepared.Text!.RenderAsync(context, NullEncoder.Default);
            return (new RenderedReminder(subject.ReplaceLineEndings(" ").Trim(), html, text), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FluidException or ArgumentException or FormatException)
        {
            return (null, $"Template {template.Tone} failed to render: {ex.Message}");
        }
    }

    private Prepared Prepare(string subject, string html, string text)
    {
        var problems = Check(subject, html, text);
        if (problems.Count > 0)
        {
            return new Prepared(null, null, null, [], problems[0].ToString());
        }

        var unguarded = new[] { subject, html, text }
            .Select(s => TemplateScanner.Scan(s, FilterNames))
            .SelectMany(scan => scan.Printed.Except(scan.Tested))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new Prepared(Parser.Parse(subject), Parser.Parse(html), Parser.Parse(text), unguarded, null);
    }

    private sealed record Prepared(IFluidTemplate? Subject, IFluidTemplate? Html, IFluidTemplate? Text, IReadOnlyList<string> PrintedUnguarded, string? Problem);

    private static int Number(string digits) => int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex ErrorPosition();
}
