using ArCollect.Infrastructure.Payments.Stripe;
using Microsoft.AspNetCore.Mvc;

namespace ArCollect.Web.Api;

/// <summary>Stripe's webhook, one address per tenant; the tenant in the address only says whose signing secret to check.</summary>
public static class StripeWebhookEndpoints
{
    /// <summary>Stripe's events are a few kilobytes; anything near this is not one.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapStripeWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/stripe/{tenantId:guid}", async (Guid tenantId, HttpRequest request, StripeWebhookHandler handler, CancellationToken ct) =>
        {
            if (request.ContentLength is > MaxBodyBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync(ct);
            var outcome = await handler.HandleAsync(tenantId, json, request.Headers["Stripe-Signature"].ToString(), ct);
            return outcome switch
            {
                StripeWebhookOutcome.Rejected => Results.BadRequest(),
                StripeWebhookOutcome.RetryLater => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
                _ => Results.Ok(),
            };
        })
        .AllowAnonymous()
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
        .ExcludeFromDescription();
        return app;
    }
}
