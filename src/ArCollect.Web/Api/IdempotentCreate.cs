using System.Text.Json;
using ArCollect.Infrastructure.Common;
using ArCollect.Infrastructure.Data;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Api;

/// <summary>
/// The Idempotency-Key handling of the API's create endpoints (payments, disputes), in one place: the header is
/// checked, the body read and validated, and with a key the creation runs in a transaction that claims the key, so a
/// retry with the same body gets the first response again (Idempotent-Replayed: true), the same key with another body
/// is a 422 naming the header, and a refused creation keeps nothing under the key.
/// </summary>
internal static class IdempotentCreate
{
    /// <summary>What the creation returned: the response, and when something was created its DTO and address.</summary>
    public sealed record Outcome(IResult Result, object? Created = null, string? Location = null);

    /// <param name="nothingDone">How the 422 says nothing happened ("nothing was recorded").</param>
    /// <param name="thing">What a new key would create ("payment").</param>
    public static async Task<IResult> RunAsync<TInput>(
        HttpContext http, ArCollectDbContext db, IdempotentRequests idempotency, IValidator<TInput> validator,
        string nothingDone, string thing, Func<TInput, CancellationToken, Task<Outcome>> create)
        where TInput : class
    {
        var ct = http.RequestAborted;
        var key = http.Request.Headers[IdempotentRequests.Header].ToString();
        if (http.Request.Headers.ContainsKey(IdempotentRequests.Header) && (key.Trim().Length == 0 || key.Length > IdempotentRequests.MaxKeyLength))
        {
            return ApiSupport.Invalid([(IdempotentRequests.Header, $"The {IdempotentRequests.Header} header must be 1 to {IdempotentRequests.MaxKeyLength} characters, e.g. a UUID.")]);
        }

        if (key.Length > 0)
        {
            http.Request.EnableBuffering();
        }

        var (input, problem) = await ApiSupport.ReadAsync<TInput>(http);
        if (input is null)
        {
            return problem!;
        }

        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return ApiSupport.Invalid(validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        }

        if (key.Length == 0)
        {
            return (await create(input, ct)).Result;
        }

        http.Request.Body.Position = 0;
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, ct);
        var hash = IdempotentRequests.Hash(http.Request.Method, http.Request.Path, body.ToArray());
        // The key is claimed in this transaction and the creation joins it, so a refused creation keeps nothing under the key.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await idempotency.ClaimAsync(key, hash, ct) is { } earlier)
        {
            if (earlier.RequestHash != hash)
            {
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: $"The {IdempotentRequests.Header} \"{key}\" was already used with a different request; {nothingDone}. "
                        + $"Send a new key for a new {thing}, or the same body to get the first response again.",
                    extensions: new Dictionary<string, object?> { ["field"] = IdempotentRequests.Header });
            }

            http.Response.Headers["Idempotent-Replayed"] = "true";
            if (earlier.Location is not null)
            {
                http.Response.Headers.Location = earlier.Location;
            }

            return Results.Text(earlier.ResponseBody, "application/json", System.Text.Encoding.UTF8, earlier.StatusCode);
        }

        var outcome = await create(input, ct);
        if (outcome.Created is null)
        {
            // Refused: the transaction rolls back with the claim.
            return outcome.Result;
        }

        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        await idempotency.CompleteAsync(key, StatusCodes.Status201Created, outcome.Location, JsonSerializer.Serialize(outcome.Created, outcome.Created.GetType(), options), ct);
        await transaction.CommitAsync(ct);
        return outcome.Result;
    }
}
