using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using ArCollect.Domain.Common;
using ArCollect.Domain.Dunning;
using Fluid;
using Fluid.Values;

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

    private readonly TemplateOptions options = new()
    {
        MaxSteps = TemplateLimits.MaxSteps,
        MaxRecursion = 20,
        StrictFilters = true,
        Assigned = (name, value, context) => Bounded(name, value, context),
        Captured = (name, value, context) => Bounded(name, value, context),
    };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Subject, string Html, string Text), Task<Prepared>> cache = new();

    private IReadOnlySet<string> FilterNames { get; }

    public ReminderTemplateEngine()
    {
        FilterNames = options.Filters.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, filter) in options.Filters.ToList())
        {
            options.Filters.AddFilter(name, BoundedFilter(name, filter));
        }
    }

    /// <summary>Every problem of the three parts; empty when the template can be saved.</summary>
    public async Task<IReadOnlyList<TemplateCheck>> CheckAsync(string subject, string html, string text)
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

        return checks.Count > 0 ? checks : await TrialRenderAsync(subject, html, text);
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

        var prepared = await cache.GetOrAdd((template.Subject, template.HtmlBody, template.TextBody), key => PrepareAsync(key.Subject, key.Html, key.Text));
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
            var context = new BoundedContext(model.ToLiquid(template.Language), options);
            var subject = await RenderPartAsync(prepared.Subject!, context, NullEncoder.Default);
            var html = await RenderPartAsync(prepared.Html!, context, HtmlEncoder.Default);
            var text = await RenderPartAsync(prepared.Text!, context, NullEncoder.Default);
            return (new RenderedReminder(subject.ReplaceLineEndings(" ").Trim(), html, text), null);
        }
        catch (TemplateLimitException ex)
        {
            return (null, $"Template {template.Tone} was stopped: {ex.Message}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or FluidException or ArgumentException or FormatException)
        {
            return (null, $"Template {template.Tone} failed to render: {ex.Message}");
        }
    }

    private static async Task<string> RenderPartAsync(IFluidTemplate template, BoundedContext context, TextEncoder encoder)
    {
        using var writer = new BoundedWriter(context);
        await template.RenderAsync(writer, encoder, context);
        return writer.ToString();
    }

    /// <summary>
    /// Renders the parts against a sample customer with many invoices, so a template whose loops or values only grow
    /// at render time is refused at save, pointing at the range, variable or first loop that broke a bound.
    /// </summary>
    private async Task<List<TemplateCheck>> TrialRenderAsync(string subject, string html, string text)
    {
        var model = ReminderModel.Sample(TemplateLimits.MaxLoopItems / 20).ToLiquid(Languages.English);
        var checks = new List<TemplateCheck>();
        foreach (var (part, source) in new[] { ("Subject", subject), ("HtmlBody", html), ("TextBody", text) })
        {
            try
            {
                var context = new BoundedContext(model, options);
                var fluid = Bounded(source);
                await RenderPartAsync(fluid, context, HtmlEncoder.Default);
            }
            catch (TemplateLimitException ex)
            {
                var ranges = TemplateScanner.Ranges(source);
                var at = ex.RangeIndex is { } r && r < ranges.Count ? (ranges[r].Line, ranges[r].Column)
                    : ex.Variable is not null ? TemplateScanner.AssignmentOf(source, ex.Variable)
                    : TemplateScanner.FirstLoop(source);
                checks.Add(new TemplateCheck(part, new TemplateIssue(at?.Line ?? 1, at?.Column ?? 1, ex.Message)));
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains("maximum number", StringComparison.OrdinalIgnoreCase))
            {
                var at = TemplateScanner.FirstLoop(source);
                checks.Add(new TemplateCheck(part, new TemplateIssue(at?.Line ?? 1, at?.Column ?? 1,
                    $"The template runs more than {TemplateLimits.MaxSteps} steps.")));
            }
            catch (Exception ex) when (ex is InvalidOperationException or FluidException or ArgumentException or FormatException)
            {
                // Other render failures depend on the customer's data and are reported by the preview and the run.
            }
        }

        return checks;
    }

    private static ValueTask<FluidValue> Bounded(string name, FluidValue value, TemplateContext context)
    {
        BoundedContext.CheckValue(value, context, name);
        return ValueTask.FromResult(value);
    }

    // Checks what goes in as well as what comes out: replace multiplies its input, so a bound on the result alone
    // would come after the memory was spent.
    private static FilterDelegate BoundedFilter(string name, FilterDelegate filter) => async (input, arguments, context) =>
    {
        if (name.StartsWith("replace", StringComparison.Ordinal) && arguments.Count >= 2)
        {
            var source = input.ToStringValue();
            var find = arguments.At(0).ToStringValue();
            var by = arguments.At(1).ToStringValue();
            var occurrences = find.Length == 0 ? source.Length + 1 : (source.Length / find.Length);
            if (source.Length + ((long)occurrences * by.Length) > TemplateLimits.MaxValueChars)
            {
                BoundedContext.CheckValue(new StringValue(new string(' ', TemplateLimits.MaxValueChars + 1)), context);
            }
        }

        var result = await filter(input, arguments, context);
        BoundedContext.CheckValue(result, context);
        return result;
    };

    private async Task<Prepared> PrepareAsync(string subject, string html, string text)
    {
        var problems = await CheckAsync(subject, html, text);
        if (problems.Count > 0)
        {
            return new Prepared(null, null, null, [], problems[0].ToString());
        }

        var unguarded = new[] { subject, html, text }
            .Select(s => TemplateScanner.Scan(s, FilterNames))
            .SelectMany(scan => scan.Printed.Except(scan.Tested))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new Prepared(Bounded(subject), Bounded(html), Bounded(text), unguarded, null);
    }

    private static IFluidTemplate Bounded(string source) => new RangeBounder().VisitTemplate(Parser.Parse(source));

    private sealed record Prepared(IFluidTemplate? Subject, IFluidTemplate? Html, IFluidTemplate? Text, IReadOnlyList<string> PrintedUnguarded, string? Problem);

    private static int Number(string digits) => int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex ErrorPosition();
}
