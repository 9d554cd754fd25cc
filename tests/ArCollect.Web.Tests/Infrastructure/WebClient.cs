using System.Net;
using System.Text.RegularExpressions;

namespace ArCollect.Web.Tests.Infrastructure;

/// <summary>An HTTP client that behaves like a browser for forms: cookies, antiforgery tokens, manual redirects.</summary>
public sealed partial class WebClient : IDisposable
{
    private readonly HttpClient http;
    private readonly CookieContainer cookies = new();
    private readonly Uri baseAddress;

    public WebClient(Uri baseAddress)
    {
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true };
        http = new HttpClient(handler) { BaseAddress = baseAddress };
        this.baseAddress = baseAddress;
    }

    /// <summary>The value of the named cookie the app has set, or null.</summary>
    public string? Cookie(string name) => cookies.GetCookies(baseAddress)[name]?.Value;

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path);

    /// <summary>Sends this Accept-Language header with every request from now on, as a browser set to that language does.</summary>
    public void AcceptLanguage(string value) => http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(value);

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        return body;
    }

    /// <summary>Loads the form page, then posts the fields with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var page = await GetPageAsync(formPage ?? path);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {formPage ?? path}");
        var all = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await http.PostAsync(path, new FormUrlEncodedContent(all));
    }

    /// <summary>Like <see cref="SubmitAsync"/> but as multipart/form-data with one file, as an upload form posts.</summary>
    public async Task<HttpResponseMessage> UploadAsync(
        string path, IEnumerable<KeyValuePair<string, string>> fields, string fileField, string fileName, byte[] content, string? formPage = null)
    {
        var page = await GetPageAsync(formPage ?? path);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {formPage ?? path}");
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))))
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new ByteArrayContent(content), fileField, fileName);
        return await http.PostAsync(path, form);
    }

    public async Task SignInAsync(string email, string password)
    {
        using var response = await SubmitAsync("/Account/Login", [new("Input.Email", email), new("Input.Password", password)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {email} failed: {(int)response.StatusCode}");
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
