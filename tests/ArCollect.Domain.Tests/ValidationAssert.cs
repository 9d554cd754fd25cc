using FluentValidation.Results;

namespace ArCollect.Domain.Tests;

/// <summary>Assertions that show every validation failure when they fail.</summary>
internal static class ValidationAssert
{
    public static void Valid(ValidationResult result) =>
        Assert.True(result.IsValid, "Expected no errors but got: " + Describe(result));

    /// <summary>Exactly one error, on <paramref name="property"/>, whose message contains <paramref name="message"/>.</summary>
    public static void OnlyError(ValidationResult result, string property, string message)
    {
        Assert.True(result.Errors.Count == 1, "Expected exactly one error but got: " + Describe(result));
        var error = result.Errors[0];
        Assert.Equal(property, error.PropertyName);
        Assert.Contains(message, error.ErrorMessage, StringComparison.Ordinal);
    }

    private static string Describe(ValidationResult result) =>
        result.Errors.Count == 0 ? "(none)" : string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}"));
}
