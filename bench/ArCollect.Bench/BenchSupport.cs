using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ArCollect.Bench;

public sealed record BenchOptions(int Customers, int Invoices, int Months, int Requests, string DataDirectory, int Port, string? Only)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback) =>
            args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault() ?? fallback;
        return new BenchOptions(
            int.Parse(Value("customers", "50000"), CultureInfo.InvariantCulture),
            int.Parse(Value("invoices", "1000000"), CultureInfo.InvariantCulture),
            int.Parse(Value("months", "24"), CultureInfo.InvariantCulture),
            int.Parse(Value("requests", "50"), CultureInfo.InvariantCulture),
            Path.GetFullPath(Value("data", ".data/bench")),
            int.Parse(Value("port", "54339"), CultureInfo.InvariantCulture),
            args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.ToLowerInvariant());
    }
}

public sealed record Measurement(string Name, int Count, double P50, double P95);

public static class Measure
{
    public static async Task<Measurement> HttpAsync(string name, HttpClient client, string path, int count)
    {
        return await TimeAsync(name, count, async () =>
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
            }

            await response.Content.ReadAsByteArrayAsync();
        });
    }

    public static Task<Measurement> SqlAsync(string name, Func<Task> query, int count) => TimeAsync(name, count, query);

    private static async Task<Measurement> TimeAsync(string name, int count, Func<Task> work)
    {
        await work(); // warm-up: plans, JIT and caches
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await work();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var measurement = new Measurement(name, count, Percentile(times, 0.50), Percentile(times, 0.95));
        Console.WriteLine($"{name}: p50 {measurement.P50:N0} ms, p95 {measurement.P95:N0} ms");
        return measurement;
    }

    // Nearest-rank percentile.
    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

public static partial class BenchClient
{
    public static async Task<HttpClient> SignInAsync(Uri address, string email, string password)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        var page = await client.GetStringAsync("/Account/Login");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(
        [
            new("Input.Email", email), new("Input.Password", password), new("__RequestVerificationToken", token),
        ]));
        return response.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
