using System.Diagnostics;
using System.Text;
using ArCollect.Domain.Dunning;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>A render stopped at one of <see cref="TemplateLimits"/>; says which and, where it can, which range or variable.</summary>
public sealed class TemplateLimitException(string message, int? rangeIndex = null, string? variable = null) : Exception(message)
{
    /// <summary>The range, numbered in source order as <see cref="TemplateScanner.Ranges"/> lists them.</summary>
    public int? RangeIndex { get; } = rangeIndex;

    public string? Variable { get; } = variable;
}

/// <summary>A template context that carries the render's deadline, checked by every bound below.</summary>
internal sealed class BoundedContext(object model, TemplateOptions options) : TemplateContext(model, options)
{
    // Elapsed real time on purpose, not the injected clock: the bound protects the process, and a test clock stands still.
    private readonly long started = Stopwatch.GetTimestamp();

    public void CheckTime()
    {
        if (Stopwatch.GetElapsedTime(started) > TemplateLimits.MaxRenderTime)
        {
            throw new TemplateLimitException($"The template took longer than {TemplateLimits.MaxRenderTime.TotalSeconds:0} seconds to render.");
        }
    }

    public static void CheckValue(FluidValue value, TemplateContext context, string? variable = null)
    {
        (context as BoundedContext)?.CheckTime();
        var tooLong = value switch
        {
            StringValue s => s.ToStringValue().Length > TemplateLimits.MaxValueChars,
            ArrayValue a => a.Values.Count > TemplateLimits.MaxValueChars,
            _ => false,
        };
        if (tooLong)
        {
            throw new TemplateLimitException(
                $"A value grew past {TemplateLimits.MaxValueChars} characters{(variable is null ? "" : $" in '{variable}'")}.", variable: variable);
        }
    }
}

/// <summary>Collects output and stops the render once it passes the size or time bound, instead of growing without end.</summary>
internal sealed class BoundedWriter(BoundedContext context) : StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture)
{
    public override void Write(char value)
    {
        base.Write(value);
        Check(1);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Check(count);
        base.Write(buffer, index, count);
    }

    public override void Write(string? value)
    {
        Check(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Check(buffer.Length);
        base.Write(buffer);
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    private void Check(int adding)
    {
        if (GetStringBuilder().Length + adding > TemplateLimits.MaxOutputChars)
        {
            throw new TemplateLimitException($"The template renders more than {TemplateLimits.MaxOutputChars} characters.");
        }

        context.CheckTime();
    }
}

/// <summary>Replaces every range with one that refuses to build more than <see cref="TemplateLimits.MaxLoopItems"/> items.</summary>
internal sealed class RangeBounder : AstRewriter
{
    private int next;

    protected override Expression VisitRangeExpression(RangeExpression rangeExpression) =>
        new BoundedRange(rangeExpression, next++);

    private sealed class BoundedRange(RangeExpression inner, int index) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var from = (await inner.From.EvaluateAsync(context)).ToNumberValue();
            var to = (await inner.To.EvaluateAsync(context)).ToNumberValue();
            if (to - from + 1 > TemplateLimits.MaxLoopItems)
            {
                throw new TemplateLimitException(
                    $"A range holds {to - from + 1} items; a loop may run at most {TemplateLimits.MaxLoopItems} times.", rangeIndex: index);
            }

            return await inner.EvaluateAsync(context);
        }
    }
}
