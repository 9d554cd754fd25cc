using System.Net;
using System.Net.Sockets;

namespace ArCollect.Domain.Webhooks;

/// <summary>
/// Which webhook targets are refused: anything but an absolute http(s) URL, and any address inside the network the
/// app runs in (loopback, private, link-local including the cloud metadata address, unspecified, multicast,
/// broadcast and reserved), also when written as an IPv4-mapped or IPv4-compatible IPv6 address.
/// </summary>
public static class WebhookAddressRules
{
    /// <summary>The URL as a <see cref="Uri"/>, or a message saying what is wrong with it.</summary>
    public static (Uri? Uri, string? Error) ParseUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return (null, "Enter the URL that receives the events, e.g. https://erp.example.com/arcollect/webhooks.");
        }

        // Without "://" a path such as /hooks would parse as a file URI on Unix; it is simply incomplete.
        if (url.Length > 2000 || !url.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return (null, "Enter a complete URL starting with https:// or http://.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return (null, $"Only http and https URLs can receive events, not {uri.Scheme}.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return (null, "Leave user names and passwords out of the URL; verify deliveries with the signature instead.");
        }

        return (uri, null);
    }

    public static bool IsForbidden(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return IsForbiddenV4(address.MapToIPv4());
            }

            var b = address.GetAddressBytes();
            // IPv4-compatible (::a.b.c.d, deprecated) still reaches the IPv4 address on some stacks.
            if (b.Take(12).All(x => x == 0) && !(b[12] == 0 && b[13] == 0 && b[14] == 0))
            {
                return IsForbiddenV4(new IPAddress(b[12..]));
            }

            return IPAddress.IsLoopback(address)
                || address.Equals(IPAddress.IPv6Any)
                || (b[0] & 0xFE) == 0xFC // fc00::/7 unique local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) // fe80::/10 link-local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) // fec0::/10 site-local (deprecated)
                || b[0] == 0xFF // multicast
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && IsForbiddenV4(new IPAddress(b[12..]))); // NAT64 of a refused IPv4
        }

        return address.AddressFamily != AddressFamily.InterNetwork || IsForbiddenV4(address);
    }

    private static bool IsForbiddenV4(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return b[0] == 0 // 0.0.0.0/8 "this network", including unspecified
            || b[0] == 127 // loopback
            || b[0] == 10
            || (b[0] == 172 && (b[1] & 0xF0) == 16)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) // link-local, incl. the metadata service 169.254.169.254
            || (b[0] == 100 && (b[1] & 0xC0) == 64) // 100.64.0.0/10 carrier-grade NAT
            || b[0] >= 224; // multicast 224/4, reserved 240/4 and broadcast
    }
}
