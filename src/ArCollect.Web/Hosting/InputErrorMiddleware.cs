using System.Text.Encodings.Web;
using Npgsql;

namespace ArCollect.Web.Hosting;

/// <summary>
/// The last line of defence behind the validators: a value PostgreSQL cannot store (a NUL character, a number too
/// large for its column) or arithmetic that overflows is the caller's input, so it answers 400 with a clear message
/// instead of 500. A form post is read before any handler runs: ASP.NET Core's form reader refuses a NUL character, and
/// the answer names the fields that held one; the browser's back button returns to the form as it was typed.
/// </summary>
public sealed class InputErrorMiddleware(RequestDelegate next, ILogger<InputErrorMiddleware> logger)
{
    private const string NulMessage = "The request contains a character that cannot be stored, such as a NUL (0x00) character.";

    public async Task InvokeAsync(HttpContext http)
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType && !http.Request.Path.StartsWithSegments("/api"))
        {
            var urlEncoded = http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
            if (urlEncoded)
            {
                http.Request.EnableBuffering();
            }

            try
            {
                await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (InvalidDataException ex) when (ex.InnerException is InvalidOperationException)
            {
                // ASP.NET Core's form reader refuses a NUL in any value; read the fields again to say which.
                var fields = urlEncoded ? await NulFieldsAsync(http.Request) : [];
                logger.LogWarning("Refused input on {Path}: NUL character in {Fields}", http.Request.Path.Value, fields.Count > 0 ? string.Join(", ", fields) : "a form field");
                var names = string.Join(", ", fields.Select(FieldName));
                await RefuseAsync(http, fields.Count switch
                {
                    0 => "A field of the form contains a NUL character (0x00), which cannot be stored.",
                    1 => $"The field {names} contains a NUL character (0x00), which cannot be stored.",
                    _ => $"The fields {names} contain a NUL character (0x00), which cannot be stored.",
                });
                return;
            }
        }

        try
        {
            await next(http);
        }
        catch (Exception ex) when (Describe(ex) is { } message && !http.Response.HasStarted)
        {
            logger.LogWarning("Refused input on {Path}: {Reason}", http.Request.Path.Value, message);
            http.Response.Clear();
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: message).ExecuteAsync(http);
            }
            else
            {
                await RefuseAsync(http, message);
            }
        }
    }

    /// <summary>The names of the url-encoded fields whose decoded value holds a NUL character.</summary>
    private static async Task<List<string>> NulFieldsAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(parts => parts.Length == 2 && Decode(parts[1]).Contains('\0', StringComparison.Ordinal))
            .Select(parts => Decode(parts[0]))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }

    /// <summary>"Input.Segment" reads as "Segment"; "Lines[2].Description" as "Lines[2].Description".</summary>
    private static string FieldName(string key) => key.StartsWith("Input.", StringComparison.Ordinal) ? key["Input.".Length..] : key;

    /// <summary>A plain page (no layout, which might itself fail) that says what was wrong and that nothing was saved.</summary>
    private static Task RefuseAsync(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/html; charset=utf-8";
        var text = HtmlEncoder.Default.Encode(message);
        return http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Not saved - ArCollect</title>
            <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2933}</style></head>
            <body><h1>Nothing was saved</h1>
            <p role="alert">{{text}}</p>
            <p>Go back to the form with your browser's back button, remove the character and send it again.</p>
            <p><a href="/">Home</a></p></body></html>
            """);
    }

    private static string? Describe(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }:
                    return NulMessage;
                case PostgresException { SqlState: PostgresErrorCodes.NumericValueOutOfRange }:
                case OverflowException:
                    return "The request contains a number too large to store or calculate with.";
            }
        }

        return null;
    }
}
