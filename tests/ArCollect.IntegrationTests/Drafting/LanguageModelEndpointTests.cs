using ArCollect.Infrastructure.Drafting;
using Microsoft.Extensions.Options;

namespace ArCollect.IntegrationTests.Drafting;

/// <summary>The model endpoint is guarded like any outbound URL, checked when saved and again when connecting.</summary>
public sealed class LanguageModelEndpointTests
{
    [Theory]
    [InlineData("ftp://models.example/v1", "The endpoint must be an http:// or https:// address.")]
    [InlineData("file:///etc/passwd", "The endpoint must be an http:// or https:// address.")]
    [InlineData("api.openai.com/v1", "The endpoint must be an http:// or https:// address.")]
    [InlineData("https://user:secret@models.example/v1", "Put the key in the API key field, not in the address.")]
    [InlineData(" ", "Enter the endpoint's address, e.g. https://api.openai.com/v1.")]
    public void Only_plain_http_and_https_addresses_are_accepted(string url, string problem) =>
        Assert.Equal(problem, LanguageModelEndpoint.Problem(url));

    [Fact]
    public void A_public_https_address_is_accepted() => Assert.Null(LanguageModelEndpoint.Problem("https://api.openai.com/v1"));

    [Theory]
    [InlineData("http://127.0.0.1:11434/v1", "127.0.0.1 is a loopback address")]
    [InlineData("http://[::1]/v1", "[::1] is a loopback address")]
    [InlineData("http://10.1.2.3/v1", "10.1.2.3 is a private address")]
    [InlineData("http://169.254.169.254/latest", "169.254.169.254 is a link-local address")]
    public async Task Internal_addresses_are_refused_when_saved(string url, string problem)
    {
        using var endpoint = new LanguageModelEndpoint(Options.Create(new DraftingOptions()));

        Assert.StartsWith(problem, await endpoint.AddressProblemAsync(url, CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_address_that_points_inside_is_refused_again_when_connecting_and_nothing_is_sent()
    {
        await using var server = await ChatCompletionsTestServer.StartAsync();
        using var endpoint = new LanguageModelEndpoint(Options.Create(new DraftingOptions()));
        var port = new Uri(server.BaseUrl).Port;

        // "localhost" is a name: it passes the form check and resolves to loopback only when connecting.
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => endpoint.Http.PostAsync($"http://localhost:{port}/v1/chat/completions", new StringContent("{}")));

        Assert.IsType<EndpointRefusedException>(error.InnerException);
        Assert.Contains("loopback", error.InnerException!.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
