using System.Reflection;
using FluentValidation;

namespace ArCollect.Domain.Common;

/// <summary>
/// Rules every input shares, wherever it enters (forms, API, imports): text without control characters (PostgreSQL
/// refuses NUL; CR/LF in a name or address could inject mail headers), amounts the database can store, and emails
/// that are one plain address.
/// </summary>
public static class InputRules
{
    /// <summary>Largest amount accepted: leaves room in numeric(18,2) for totals of many such amounts.</summary>
    public const decimal MaxAmount = 999_999_999_999.99m;

    /// <summary>Largest quantity on an invoice line.</summary>
    public const decimal MaxQuantity = 1_000_000_000m;

    public static bool IsSafeText(string? value) => value is null || !value.Any(char.IsControl);

    public static bool IsSafeMultilineText(string? value) => value is null || !value.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'));

    /// <summary>One address such as name@example.com: no display name, list, spaces or control characters.</summary>
    public static bool IsSingleEmail(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && value.Length <= 254
            && !value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>' or '"' or '(' or ')' or '[' or ']' or '\\')
            && value[(at + 1)..].Contains('.', StringComparison.Ordinal);
    }

    public static IRuleBuilderOptions<T, decimal> MoneyAmount<T>(this IRuleBuilder<T, decimal> rule) =>
        rule.InclusiveBetween(-MaxAmount, MaxAmount).WithMessage("{PropertyName} must be at most 999,999,999,999.99.");

    public static IRuleBuilderOptions<T, decimal?> MoneyAmount<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.Must(v => v is null || Math.Abs(v.Value) <= MaxAmount).WithMessage("{PropertyName} must be at most 999,999,999,999.99.");

    public static IRuleBuilderOptions<T, string?> SingleEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsSingleEmail).WithMessage("{PropertyName} must be one email address, like name@example.com.");
}

/// <summary>
/// Refuses control characters in every text property of an input, naming the property; the properties listed as
/// multi-line may hold line breaks and tabs. Included by each validator, so a new text field is covered too.
/// </summary>
public sealed class SafeTextRules<T> : AbstractValidator<T>
{
    public SafeTextRules(params string[] multiline)
    {
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string)))
        {
            var allowsLines = multiline.Contains(property.Name);
            RuleFor(x => (string?)property.GetValue(x))
                .Must(v => allowsLines ? InputRules.IsSafeMultilineText(v) : InputRules.IsSafeText(v))
                .WithMessage(allowsLines ? "{PropertyName} cannot contain control characters." : "{PropertyName} cannot contain line breaks or control characters.")
                .OverridePropertyName(property.Name);
        }
    }
}
