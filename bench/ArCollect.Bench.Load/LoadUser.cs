using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ArCollect.Bench.Load;

/// <summary>One signed-in browser-like user: its own cookies, antiforgery tokens from the form pages, no redirects followed.</summary>
internal sealed partial class LoadUser : IDisposable
{
    private readonly HttpClient http;

    public LoadUser(Uri baseAddress)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task SignInAsync(string email, string password)
    {
        using var response = await PostFormAsync("/Account/Login", "/Account/Login", [new("Input.Email", email), new("Input.Password", password)]);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>GETs a page and returns its status and time.</summary>
    public async Task<(int Status, TimeSpan Elapsed)> GetAsync(string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode, clock.Elapsed);
    }

    /// <summary>Loads the form page for its antiforgery token (not timed), then times the POST alone.</summary>
    public async Task<(int Status, TimeSpan Elapsed)> SubmitAsync(string formPage, string path, List<KeyValuePair<string, string>> fields)
    {
        var token = await TokenAsync(formPage);
        fields.Add(new("__RequestVerificationToken", token));
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync(path, new FormUrlEncodedContent(fields));
        await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode, clock.Elapsed);
    }

    private async Task<HttpResponseMessage> PostFormAsync(string formPage, string path, List<KeyValuePair<string, string>> fields)
    {
        fields.Add(new("__RequestVerificationToken", await TokenAsync(formPage)));
        return await http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private async Task<string> TokenAsync(string formPage)
    {
        var page = await http.GetStringAsync(formPage);
        var match = TokenPattern().Match(page);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"No antiforgery token on {formPage}."));
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
