using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace ArCollect.Infrastructure.Identity;

/// <summary>
/// Refuses passwords found on the list of common passwords shipped with the app, and passwords made of one or two
/// characters repeated (ASVS 6.2.4): long but guessable passwords pass a length rule alone.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const string ErrorCode = "PasswordTooCommon";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static bool IsCommon(string password)
    {
        var normalised = password.Trim().ToLowerInvariant();
        return List.Value.Contains(normalised) || normalised.Distinct().Count() <= 2;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This password is one of the most common ones and easy to guess. Choose a less predictable one, such as a few unrelated words.",
            })
            : IdentityResult.Success);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("ArCollect.Infrastructure.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
