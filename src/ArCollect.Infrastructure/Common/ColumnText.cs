namespace ArCollect.Infrastructure.Common;

/// <summary>Fits text that comes from outside (names, addresses, server replies) into its column, so a long value never fails a save.</summary>
public static class ColumnText
{
    public static string Fit(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 3), "...");

    public static string? FitOrNull(string? text, int maxLength) => text is null ? null : Fit(text, maxLength);
}
