using ArCollect.Web.Hosting;

namespace ArCollect.Web.Api;

/// <summary>The REST API under /api/v1: authenticated by API key only, answering errors as ProblemDetails.</summary>
public static class ApiEndpoints
{
    public const string Policy = "ApiKey";

    public static WebApplication MapArCollectApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policy);
        api.MapCustomersApi().MapInvoicesApi().MapPaymentsApi().MapAdjustmentsApi().MapImportsApi().MapCashApplicationApi();
        api.MapUnappliedCashApi();
        api.MapWebhooksApi();
        api.MapDisputesApi();
        // Unknown API paths answer as the API does, not with the HTML error page.
        app.MapFallback("/api/{**path}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such API endpoint; see /openapi/v1.json."))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static IServiceCollection AddArCollectApi(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.ConfigureHttpJsonOptions(options =>
        {
            // Refusing unknown fields turns a client's typo into an error instead of a silently ignored value.
            options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ArCollect API";
            document.Info.Description = "Send an API key (Settings > API keys) in the X-Api-Key header. Lists page with the nextCursor they return.";
            return Task.CompletedTask;
        }));
        return services;
    }
}
