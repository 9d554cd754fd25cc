using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ArCollect.Domain.Webhooks;

/// <summary>
/// The signature header of a delivery: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" with the endpoint's secret&gt;</c>,
/// the scheme Stripe uses, so receivers can check both who sent it and that it is fresh.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "ArCollect-Signature";
    public const string IdHeader = "ArCollect-Event-Id";
    public const string TypeHeader = "ArCollect-Event-Type";

    public static string Sign(string secret, long timestamp, string body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(secret, t + "." + body)}";
    }

    /// <summary>Whether <paramref name="header"/> signs <paramref name="body"/> with the secret within the tolerance of now.</summary>
    public static bool Verify(string secret, string header, string body, long now, long toleranceSeconds = 300)
    {
        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0].Trim() == "t")
            {
                t = pair[1].Trim();
            }
            else if (pair[0].Trim() == "v1")
            {
                signatures.Add(pair[1].Trim());
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || Math.Abs(now - timestamp) > toleranceSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Hex(secret, t + "." + body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }

    /// <summary>A new random secret, shown to the Admin once.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static string Hex(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
}
