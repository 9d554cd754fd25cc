using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ArCollect.Web.Pages.Shared;

/// <summary>Puts an input's validation messages into ModelState under the form's prefix, so each shows beside its field.</summary>
public static class FormErrors
{
    /// <summary>
    /// Replaces MVC's implicit checks with the validator's messages. A value MVC could not read at all (letters in a
    /// number field) keeps its binding error, because the validator only ever sees the default that replaced it.
    /// What the user typed stays in ModelState so the form shows it again.
    /// </summary>
    public static void ApplyValidation(this ModelStateDictionary modelState, string prefix, ValidationResult result)
    {
        var implicitErrors = modelState
            .Where(e => e.Value is { Errors.Count: > 0 } entry && string.IsNullOrWhiteSpace(entry.AttemptedValue))
            .Select(e => (e.Key, e.Value!.RawValue, e.Value.AttemptedValue))
            .ToList();
        foreach (var (key, rawValue, attemptedValue) in implicitErrors)
        {
            modelState.Remove(key);
            modelState.SetModelValue(key, rawValue, attemptedValue);
        }

        foreach (var error in result.Errors)
        {
            modelState.AddModelError(Key(prefix, error.PropertyName), error.ErrorMessage);
        }
    }

    public static void AddFieldError(this ModelStateDictionary modelState, string prefix, string field, string message) =>
        modelState.AddModelError(Key(prefix, field), message);

    private static string Key(string prefix, string field) => string.IsNullOrEmpty(field) ? prefix : $"{prefix}.{field}";
}
