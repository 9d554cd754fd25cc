using System.Text.RegularExpressions;

namespace ArCollect.Domain.Dunning;

public sealed record TemplateIssue(int Line, int Column, string Message)
{
    public override string ToString() => $"Line {Line}, column {Column}: {Message}";
}

/// <summary>What a template refers to: problems found, and the top-level placeholders it prints or tests.</summary>
/// <summary>A range in a template: where it starts and, when both ends are numbers, how many items it holds.</summary>
public sealed record TemplateRange(int Line, int Column, long? Items);

public sealed record TemplateScan(IReadOnlyList<TemplateIssue> Issues, IReadOnlySet<string> Printed, IReadOnlySet<string> Tested);

/// <summary>
/// Checks every placeholder of a Liquid template against <see cref="TemplateVocabulary"/> and reports the line and
/// column of unknown ones. Liquid itself renders unknown names as empty text, which would send customers blanks.
/// </summary>
public static partial class TemplateScanner
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "contains", "true", "false", "nil", "null", "empty", "blank", "in", "reversed", "limit", "offset", "with", "by",
    };

    private static readonly HashSet<string> Blocked = new(StringComparer.Ordinal) { "include", "render", "layout", "section" };

    public static TemplateScan Scan(string source, IReadOnlySet<string> knownFilters)
    {
        var issues = new List<TemplateIssue>();
        var printed = new HashSet<string>(StringComparer.Ordinal);
        var tested = new HashSet<string>(StringComparer.Ordinal);
        var scopes = new List<(string Name, IReadOnlyList<string>? Fields)>();
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        var masked = StringLiteral().Replace(source, m => new string(' ', m.Length));
        string? skipUntil = null;

        foreach (Match tag in Tag().Matches(masked))
        {
            var isOutput = tag.Groups["out"].Success;
            var body = isOutput ? tag.Groups["out"] : tag.Groups["tag"];
            var words = body.Value.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            var name = isOutput ? "" : words.FirstOrDefault() ?? "";
            if (skipUntil is not null)
            {
                skipUntil = name == skipUntil ? null : skipUntil;
                continue;
            }

            void Check(string expression, int offset, bool isTest)
            {
                foreach (var issue in CheckExpression(source, expression, offset, knownFilters, scopes, assigned, isTest ? tested : printed))
                {
                    issues.Add(issue);
                }
            }

            var restOffset = body.Index + body.Value.IndexOf(name, StringComparison.Ordinal) + name.Length;
            var rest = isOutput ? body.Value : masked[restOffset..(body.Index + body.Length)];
            switch (name)
            {
                case "":
                    Check(rest, body.Index, false);
                    break;
                case "comment" or "raw":
                    skipUntil = "end" + name;
                    break;
                case "if" or "elsif" or "unless" or "case" or "when":
                    Check(rest, restOffset, true);
                    break;
                case "for" or "tablerow":
                    var loop = ForTag().Match(rest);
                    if (!loop.Success)
                    {
                        break;
                    }

                    var source2 = loop.Groups["src"].Value;
                    Check(rest[loop.Groups["src"].Index..], restOffset + loop.Groups["src"].Index, false);
                    scopes.Add((loop.Groups["var"].Value, TemplateVocabulary.Lists.GetValueOrDefault(source2.Split('.')[0])));
                    break;
                case "endfor" or "endtablerow":
                    if (scopes.Count > 0)
                    {
                        scopes.RemoveAt(scopes.Count - 1);
                    }

                    break;
                case "assign" or "capture":
                    var target = rest.Trim().Split([' ', '='], 2, StringSplitOptions.RemoveEmptyEntries);
                    if (target.Length > 0)
                    {
                        assigned.Add(target[0]);
                    }

                    if (name == "assign" && rest.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0)
                    {
                        Check(rest[(eq + 1)..], restOffset + eq + 1, false);
                    }

                    break;
                default:
                    if (Blocked.Contains(name))
                    {
                        var (line, column) = Position(source, body.Index + body.Value.IndexOf(name, StringComparison.Ordinal));
                        issues.Add(new TemplateIssue(line, column, $"'{name}' is not available in reminder templates."));
                    }

                    break;
            }
        }

        foreach (var range in Ranges(source).Where(r => r.Items > TemplateLimits.MaxLoopItems))
        {
            issues.Add(new TemplateIssue(range.Line, range.Column,
                $"The range holds {range.Items} items; a loop may run at most {TemplateLimits.MaxLoopItems} times."));
        }

        return new TemplateScan(issues, printed, tested);
    }

    /// <summary>
    /// Every range such as <c>(1..5)</c> inside a tag, in source order, with its item count when both ends are
    /// numbers. The renderer numbers ranges in the same order to say where a range built at render time was too long.
    /// </summary>
    public static IReadOnlyList<TemplateRange> Ranges(string source)
    {
        var masked = StringLiteral().Replace(source, m => new string(' ', m.Length));
        var ranges = new List<TemplateRange>();
        foreach (Match tag in Tag().Matches(masked))
        {
            foreach (Match range in RangeLiteral().Matches(tag.Value))
            {
                var (line, column) = Position(source, tag.Index + range.Index);
                long? items = long.TryParse(range.Groups["from"].Value.Trim(), out var from) && long.TryParse(range.Groups["to"].Value.Trim(), out var to)
                    ? Math.Max(0, to - from + 1) : null;
                ranges.Add(new TemplateRange(line, column, items));
            }
        }

        return ranges;
    }

    /// <summary>Where the first <c>assign</c> or <c>capture</c> of a variable is, to point at a value that grew too long.</summary>
    public static (int Line, int Column)? AssignmentOf(string source, string variable)
    {
        foreach (Match tag in Tag().Matches(source))
        {
            var words = tag.Groups["tag"].Value.Trim().Split([' ', '='], 3, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && words[0] is "assign" or "capture" && words[1] == variable)
            {
                return Position(source, tag.Index);
            }
        }

        return null;
    }

    /// <summary>Where the first loop is, to point at a template that ran too many steps.</summary>
    public static (int Line, int Column)? FirstLoop(string source)
    {
        foreach (Match tag in Tag().Matches(source))
        {
            if (tag.Groups["tag"].Value.Trim().Split(' ', 2)[0] is "for" or "tablerow")
            {
                return Position(source, tag.Index);
            }
        }

        return null;
    }

    private static IEnumerable<TemplateIssue> CheckExpression(
        string source, string expression, int offset, IReadOnlySet<string> knownFilters,
        List<(string Name, IReadOnlyList<string>? Fields)> scopes, HashSet<string> assigned, HashSet<string> used)
    {
        var parts = expression.Split('|');
        var position = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var partStart = offset + position;
            position += part.Length + 1;
            var tokens = Identifier().Matches(part).ToList();
            for (var t = 0; t < tokens.Count; t++)
            {
                var token = tokens[t];
                var (line, column) = Position(source, partStart + token.Index);
                var followedByColon = part.Length > token.Index + token.Length && part[(token.Index + token.Length)..].TrimStart().StartsWith(':');
                if (i > 0 && t == 0)
                {
                    if (!knownFilters.Contains(token.Value))
                    {
                        yield return new TemplateIssue(line, column, $"Unknown filter '{token.Value}'.");
                    }

                    continue;
                }

                if (Keywords.Contains(token.Value) || (followedByColon && i > 0))
                {
                    continue;
                }

                var error = Resolve(token.Value, scopes, assigned, used);
                if (error is not null)
                {
                    yield return new TemplateIssue(line, column, error);
                }
            }
        }
    }

    private static string? Resolve(string path, List<(string Name, IReadOnlyList<string>? Fields)> scopes, HashSet<string> assigned, HashSet<string> used)
    {
        var segments = path.Split('.');
        var root = segments[0];
        var field = segments.Length > 1 ? segments[1] : null;
        var loop = scopes.LastOrDefault(s => s.Name == root);
        if (loop.Name is not null)
        {
            return field is null || loop.Fields is null || loop.Fields.Contains(field) || field == "size" ? null
                : $"Unknown placeholder '{path}': items have {string.Join(", ", loop.Fields.Select(f => $"{root}.{f}"))}.";
        }

        if ((root == "forloop" && scopes.Count > 0) || assigned.Contains(root))
        {
            return null;
        }

        if (TemplateVocabulary.Objects.TryGetValue(root, out var fields))
        {
            if (field is not null && !fields.Contains(field))
            {
                return $"Unknown placeholder '{path}'; known: {string.Join(", ", fields.Select(f => $"{root}.{f}"))}.";
            }

            used.Add(field is null ? root : $"{root}.{field}");
            return null;
        }

        if (TemplateVocabulary.Lists.ContainsKey(root) || TemplateVocabulary.Scalars.Contains(root))
        {
            used.Add(root);
            return field is null or "size" or "first" or "last" ? null : $"Unknown placeholder '{path}'.";
        }

        return $"Unknown placeholder '{path}'; known: {string.Join(", ", TemplateVocabulary.All)}.";
    }

    private static (int Line, int Column) Position(string source, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{\{-?(?<out>.*?)-?\}\}|\{%-?(?<tag>.*?)-?%\}", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^\s*(?<var>[A-Za-z_][A-Za-z0-9_]*)\s+in\s+(?<src>[A-Za-z_][A-Za-z0-9_.]*|\([^()]*\))")]
    private static partial Regex ForTag();

    [GeneratedRegex(@"\((?<from>[^().]*(?:\.[^().]+)*?)\.\.(?<to>[^()]*)\)")]
    private static partial Regex RangeLiteral();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")]
    private static partial Regex Identifier();
}
