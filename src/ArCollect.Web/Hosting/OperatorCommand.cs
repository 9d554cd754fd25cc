using ArCollect.Infrastructure.Identity;

namespace ArCollect.Web.Hosting;

/// <summary><c>operator grant EMAIL</c> / <c>operator revoke EMAIL</c>: the only way besides configuration to make a platform operator.</summary>
public static class OperatorCommand
{
    public const string Usage = "Use 'operator grant EMAIL' or 'operator revoke EMAIL'.";

    public static async Task<int> RunAsync(IServiceProvider services, string action, string email, TextWriter output, TextWriter errors)
    {
        await using var scope = services.CreateAsyncScope();
        var operators = scope.ServiceProvider.GetRequiredService<PlatformOperators>();
        var found = action == "grant" ? await operators.GrantAsync(email) : await operators.RevokeAsync(email);
        if (!found)
        {
            await errors.WriteLineAsync($"arcollect: no user with the email '{email}'. The user must exist (sign up or be invited) first.");
            return 1;
        }

        await output.WriteLineAsync(action == "grant"
            ? $"{email} is now a platform operator (job dashboard at /hangfire)."
            : $"{email} is no longer a platform operator.");
        return 0;
    }
}
