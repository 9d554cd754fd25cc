using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.IntegrationTests.Drafting;

/// <summary>One request as the endpoint received it.</summary>
internal sealed record ChatRequest(string Path, string? Authorization, JsonObject Body)
{
    public string Model => Body["model"]!.GetValue<string>();

    public string Message(string role) =>
        Body["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == role)!["content"]!.GetValue<string>();
}

/// <summary>
/// A loopback HTTP server that answers <c>POST {base}/chat/completions</c> the way an OpenAI-compatible endpoint does
/// (the chat.completion object), or with an error status, or too slowly; it records every request.
/// </summary>
internal sealed class ChatCompletionsTestServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ChatRequest> requests = new();

    private ChatCompletionsTestServer(WebApplication app) => this.app = app;

    public string Answer { get; set; } = "";
    public int Status { get; set; } = StatusCodes.Status200OK;
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;
    public string BaseUrl { get; private set; } = "";
    public IReadOnlyList<ChatRequest> Requests => requests.ToList();

    public static async Task<ChatCompletionsTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ChatCompletionsTestServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = $"{address}/v1";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        requests.Enqueue(new ChatRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        context.Response.StatusCode = Status;
        context.Response.ContentType = "application/json";
        if (Status != StatusCodes.Status200OK)
        {
            await context.Response.WriteAsync("""{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}""");
            return;
        }

        var answer = new JsonObject
        {
            ["id"] = "chatcmpl-test-1",
            ["object"] = "chat.completion",
            ["created"] = 1764633600,
            ["model"] = body["model"]!.GetValue<string>(),
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Answer, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 120, ["completion_tokens"] = 80, ["total_tokens"] = 200 },
        };
        await context.Response.WriteAsync(answer.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }
}
