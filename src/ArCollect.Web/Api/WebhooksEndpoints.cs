using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Api;

public sealed record WebhookEndpointDto(
    Guid Id, string Url, string? Description, IReadOnlyList<string> Events, bool Enabled, int ConsecutiveFailures,
    DateTimeOffset? DisabledAt, string? DisabledReason, DateTimeOffset CreatedAt);

/// <summary>The answer to creating an endpoint: its signing secret appears here only.</summary>
public sealed record CreatedWebhookEndpointDto(WebhookEndpointDto Endpoint, string Secret);


public sealed record CreateWebhookEndpointRequest(string? Url, string? Description, IReadOnlyList<string>? Events);

public static class WebhooksEndpoints
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhook-endpoints").WithTags("Webhooks");
        group.MapGet("/", ListAsync).WithSummary("The endpoints that receive events, with their state.");
        group.MapPost("/", CreateAsync).Accepts<CreateWebhookEndpointRequest>("application/json")
            .WithSummary("Registers an endpoint for events (invoice.issued, invoice.overdue, payment.received, promise.broken, dispute.opened, dispute.resolved).")
            .WithDescription("The answer carries the signing secret once. URLs must be http(s) and resolve to public addresses.")
            .Produces<CreatedWebhookEndpointDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapDelete("/{id:guid}", DeleteAsync);
        group.MapPost("/{id:guid}/enable", EnableAsync).WithSummary("Re-enables an endpoint disabled after repeated failures.");
        group.MapPost("/{id:guid}/test", TestAsync).WithSummary("Sends a signed webhook.test event now and answers with the receiver's response.");
        group.MapGet("/{id:guid}/attempts", AttemptsAsync).WithSummary("The latest 100 delivery attempts, newest first.");
        return api;
    }

    private static async Task<IResult> ListAsync(ArCollectDbContext db, CancellationToken ct) =>
        Results.Ok(await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt)
            .Select(e => new WebhookEndpointDto(e.Id, e.Url, e.Description, e.Events, e.Enabled, e.ConsecutiveFailures, e.DisabledAt, e.DisabledReason, e.CreatedAt))
            .ToListAsync(ct));

    private static async Task<IResult> CreateAsync(HttpContext http, WebhookAdmin admin)
    {
        var (body, problem) = await ApiSupport.ReadAsync<CreateWebhookEndpointRequest>(http);
        if (body is null)
        {
            return problem!;
        }

        var (created, errors) = await admin.CreateAsync(new WebhookEndpointInput(body.Url, body.Description, body.Events), http.RequestAborted);
        if (created is null)
        {
            return ApiSupport.Invalid(errors.Select(e => (e.Key, e.Value)));
        }

        var e = created.Endpoint;
        return Results.Created($"/api/v1/webhook-endpoints/{e.Id}", new CreatedWebhookEndpointDto(
            new WebhookEndpointDto(e.Id, e.Url, e.Description, e.Events, e.Enabled, e.ConsecutiveFailures, e.DisabledAt, e.DisabledReason, e.CreatedAt), created.Secret));
    }

    private static async Task<IResult> DeleteAsync(Guid id, WebhookAdmin admin, CancellationToken ct) =>
        await admin.DeleteAsync(id, ct) ? Results.NoContent() : NotFound();

    private static async Task<IResult> EnableAsync(Guid id, WebhookAdmin admin, CancellationToken ct) =>
        await admin.EnableAsync(id, ct) ? Results.NoContent() : NotFound();

    private static async Task<IResult> TestAsync(Guid id, WebhookAdmin admin, CancellationToken ct) =>
        await admin.SendTestAsync(id, ct) is { } response ? Results.Ok(response) : NotFound();

    private static async Task<IResult> AttemptsAsync(Guid id, ArCollectDbContext db, CancellationToken ct)
    {
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id, ct))
        {
            return NotFound();
        }

        return Results.Ok(await WebhookLog.LatestAsync(db, id, 100, ct));
    }

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such webhook endpoint.");
}
