using System.ClientModel;
using System.ClientModel.Primitives;
using ArCollect.Domain.Drafting;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace ArCollect.Infrastructure.Drafting;

/// <summary>A draft for the page: who wrote it, the facts it used, and why the model's version is missing if it is.</summary>
public sealed record DraftResult(FollowUpDraft Draft, FollowUpRecipient Recipient, bool ByLanguageModel, string? ModelProblem);

/// <summary>
/// Drafts a follow-up for one customer: always from templates, and, when the Admin turned the language model on, by
/// the model from the same facts. The request is recorded on the settings before it leaves, so the Admin sees exactly
/// what was sent. A model that fails or is too slow leaves the template draft in place, with the reason.
/// </summary>
public sealed class FollowUpDrafter(
    ArCollectDbContext db,
    FollowUpFactsQuery factsQuery,
    LanguageModelEndpoint endpoint,
    MailSecrets secrets,
    TimeProvider time,
    ILogger<FollowUpDrafter> logger)
{
    public const string NoKey = "no-key";

    public async Task<DraftResult?> DraftAsync(Guid customerId, CancellationToken ct)
    {
        var loaded = await factsQuery.LoadAsync(customerId, ct);
        if (loaded is not { } found)
        {
            return null;
        }

        var template = FollowUpComposer.Compose(found.Facts);
        var settings = await db.DraftingSettings.FirstOrDefaultAsync(ct);
        if (settings is not { UseLanguageModel: true, Endpoint: { } url, Model: { } model })
        {
            return new DraftResult(template, found.Recipient, false, null);
        }

        var prompt = FollowUpPrompt.For(found.Facts, template);
        settings.LastInstructions = prompt.Instructions;
        settings.LastFacts = prompt.Facts;
        settings.LastSentAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        try
        {
            var answer = await AskAsync(url, model, secrets.Unprotect(settings.ApiKeyProtected), prompt, ct);
            var (subject, body) = FollowUpPrompt.Parse(answer, template.Subject);
            if (body.Length == 0)
            {
                return new DraftResult(template, found.Recipient, false, "The language model answered with an empty text.");
            }

            return new DraftResult(template with { Subject = Trim(subject, DraftingLimits.SubjectLength), Body = Trim(body, DraftingLimits.BodyLength) }, found.Recipient, true, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or ClientResultException or EndpointRefusedException
            || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Language model at {Endpoint} did not draft for customer {CustomerId}", url, customerId);
            var reason = ex switch
            {
                OperationCanceledException => $"no answer within {endpoint.Timeout.TotalSeconds:0} seconds",
                ClientResultException c => $"the endpoint answered HTTP {c.Status}",
                _ => (ex.InnerException as EndpointRefusedException ?? ex).Message,
            };
            return new DraftResult(template, found.Recipient, false, $"The language model did not write this draft ({reason}); it was composed from templates.");
        }
    }

    /// <summary>One chat completion through the OpenAI client over the guarded HTTP client, without retries (a person is waiting).</summary>
    public async Task<string> AskAsync(string url, string model, string? apiKey, FollowUpPrompt prompt, CancellationToken ct)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(url),
            Transport = new HttpClientPipelineTransport(endpoint.Http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = endpoint.Timeout,
        };
        using var chat = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? NoKey : apiKey), options)
            .GetChatClient(model).AsIChatClient();
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, prompt.Instructions), new ChatMessage(ChatRole.User, prompt.Facts)],
            new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 1000 },
            ct);
        return response.Text;
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}
