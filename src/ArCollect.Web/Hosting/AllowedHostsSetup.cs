namespace ArCollect.Web.Hosting;

/// <summary>
/// Which Host headers the app answers (ASP.NET Core host filtering, setting <c>AllowedHosts</c>, names separated by
/// <c>;</c>). A request for any other host gets 400, so a spoofed Host header never reaches a redirect or a link.
/// Set it explicitly in production; the private default run limits itself to loopback names and the hosts in <c>Urls</c>.
/// </summary>
public static class AllowedHostsSetup
{
    public const string Key = "AllowedHosts";
    public const string Loopback = "localhost;127.0.0.1;[::1]";

    private static readonly string[] WildcardHosts = ["*", "+", "0.0.0.0", "[::]"];

    /// <summary>True when nothing narrower than "any host" is configured.</summary>
    public static bool IsOpen(string? configured) => string.IsNullOrWhiteSpace(configured) || configured.Trim() == "*";

    /// <summary>The hosts for the private default run: loopback names plus the named hosts of <paramref name="urls"/>.</summary>
    public static string ForPrivateRun(string? urls)
    {
        var hosts = Loopback.Split(';').ToList();
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = Uri.TryCreate(url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal).Replace("://+", "://wildcard.invalid", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                ? uri.Host : null;
            if (host is not null && host != "wildcard.invalid" && !WildcardHosts.Contains(host) && !hosts.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                hosts.Add(uri!.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost.Trim('[', ']')}]" : host);
            }
        }

        return string.Join(';', hosts);
    }

    /// <summary>
    /// Narrows an open setting for the private default run; returns true when the setting stays open (a configured
    /// database with no <c>AllowedHosts</c>), which the caller logs as a warning.
    /// </summary>
    public static bool Apply(IConfiguration configuration, bool isPrivateCluster)
    {
        if (!IsOpen(configuration[Key]))
        {
            return false;
        }

        if (isPrivateCluster)
        {
            configuration[Key] = ForPrivateRun(configuration["Urls"] ?? configuration["urls"]);
            return false;
        }

        return true;
    }
}
