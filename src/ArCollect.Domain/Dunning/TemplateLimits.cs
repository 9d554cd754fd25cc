namespace ArCollect.Domain.Dunning;

/// <summary>
/// What one render of a reminder template may use. Templates are written by tenant admins, so a loop, a growing
/// string or a long output must stop at a bound instead of exhausting the memory or time of the whole process.
/// </summary>
public static class TemplateLimits
{
    /// <summary>Most items a range such as <c>(1..n)</c> may hold; a real reminder lists far fewer invoices.</summary>
    public const int MaxLoopItems = 1_000;

    /// <summary>Most statements one render may execute, loops included.</summary>
    public const int MaxSteps = 100_000;

    /// <summary>Most characters one part (subject, HTML or text body) may render to.</summary>
    public const int MaxOutputChars = 200_000;

    /// <summary>Most characters a value built by assign, capture or a filter may hold.</summary>
    public const int MaxValueChars = 50_000;

    public static readonly TimeSpan MaxRenderTime = TimeSpan.FromSeconds(2);
}
