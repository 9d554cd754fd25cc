using Npgsql;

namespace ArCollect.Web.Hosting;

/// <summary>
/// The last line of defence behind the validators: a value PostgreSQL cannot store (a NUL character, a number too
/// large for its column) or arithmetic that overflows is the caller's input, so it answers 400 with a clear message
/// instead of 500.
/// </summary>
public sealed class InputErrorMiddleware(RequestDelegate next, ILogger<InputErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (Describe(ex) is { } message && !http.Response.HasStarted)
        {
            logger.LogWarning("Refused input on {Path}: {Reason}", http.Request.Path.Value, message);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: message).ExecuteAsync(http);
            }
        }
    }

    private static string? Describe(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }:
                    return "The request contains a character that cannot be stored, such as a NUL (0x00) character.";
                case PostgresException { SqlState: PostgresErrorCodes.NumericValueOutOfRange }:
                case OverflowException:
                    return "The request contains a number too large to store or calculate with.";
            }
        }

        return null;
    }
}
