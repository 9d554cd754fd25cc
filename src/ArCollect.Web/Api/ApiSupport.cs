using System.Buffers.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Api;

/// <summary>One page of a list and the cursor of the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Reading bodies, paging and ProblemDetails shared by every /api/v1 endpoint.</summary>
public static partial class ApiSupport
{
    public const long MaxBodyBytes = 256 * 1024;
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>
    /// Reads a JSON body with the app's options (unknown fields refused) under a size limit, turning every failure
    /// into a ProblemDetails that names the field, instead of the framework's empty 400.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http)
        where T : class
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        if (!http.Request.HasJsonContentType())
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the body as application/json."));
        }

        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await http.Request.ReadFromJsonAsync<T>(options, http.RequestAborted);
            return value is null ? (null, Invalid([("$", "The body is empty; send a JSON object.")])) : (value, null);
        }
        catch (JsonException ex)
        {
            var unknown = UnknownMember().Match(ex.Message);
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? null : ex.Path.TrimStart('$', '.');
            return unknown.Success
                ? (null, Invalid([(path ?? unknown.Groups[1].Value, $"Unknown field \"{unknown.Groups[1].Value}\": remove it; /openapi/v1.json lists the fields.")]))
                : (null, Invalid([(path ?? "$", "The value has the wrong type or format for this field (dates are yyyy-MM-dd, amounts are numbers): check it against /openapi/v1.json.")]));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
    }

    public static IResult Invalid(IEnumerable<(string Field, string Message)> errors) =>
        Results.ValidationProblem(
            errors.GroupBy(e => JsonName(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "Some fields are not valid.");

    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No {what} with this id in your company.");

    public static IResult Conflict(string field, string message) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: message, extensions: new Dictionary<string, object?> { ["field"] = JsonName(field) });

    /// <summary>"Lines[0].TaxRate" as the API spells it: "lines[0].taxRate".</summary>
    public static string JsonName(string field) =>
        string.Join('.', field.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));

    public static bool TryPage(string? cursor, int? limit, out Guid? after, out int take, out IResult? problem)
    {
        after = null;
        take = limit ?? DefaultLimit;
        problem = null;
        if (take is < 1 or > MaxLimit)
        {
            problem = Invalid([("limit", $"Limit must be between 1 and {MaxLimit}.")]);
            return false;
        }

        if (!string.IsNullOrEmpty(cursor))
        {
            Span<byte> bytes = stackalloc byte[16];
            if (!Base64Url.IsValid(cursor) || Base64Url.DecodeFromChars(cursor, bytes) != 16)
            {
                problem = Invalid([("cursor", "The cursor is not one this API returned; start again without it.")]);
                return false;
            }

            after = new Guid(bytes, bigEndian: true);
        }

        return true;
    }

    /// <summary>Builds a page from up to take+1 rows fetched in id order: the extra row only says there is more.</summary>
    public static Page<TOut> ToPage<TIn, TOut>(IReadOnlyList<TIn> rows, int take, Func<TIn, Guid> id, Func<TIn, TOut> map)
    {
        var items = rows.Take(take).Select(map).ToList();
        var next = rows.Count > take ? Base64Url.EncodeToString(id(rows[take - 1]).ToByteArray(bigEndian: true)) : null;
        return new Page<TOut>(items, next);
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownMember();

    private static IResult TooLarge() => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: $"The body is larger than {MaxBodyBytes / 1024} KB; send fewer items per call, or use the CSV import for bulk data.");
}
