using ArCollect.Infrastructure.Dunning;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Hosting;

/// <summary>
/// Absolute links in account emails (confirmation, invitation, password reset). They carry one-time tokens, so their
/// host must never come from a Host header an attacker chose: the request's host is used only when host filtering
/// (<c>AllowedHosts</c>) limits it to the app's own names; with host filtering open, the operator's public base URL is used.
/// </summary>
public sealed class AccountLinks(IConfiguration configuration, IOptions<DunningOptions> dunning)
{
    public string Absolute(HttpRequest request, string pathAndQuery) =>
        (AllowedHostsSetup.IsOpen(configuration[AllowedHostsSetup.Key])
            ? dunning.Value.PublicBaseUrl.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}") + pathAndQuery;
}
