namespace ArCollect.Infrastructure.Sms;

/// <summary>SMS delivery settings of the operator; tenants bring their own Twilio account.</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    /// <summary>
    /// Where Twilio's REST API answers. Empty means Twilio itself (https://api.twilio.com); set to another base
    /// address (a regional edge proxy, or a loopback server in tests) to send the same requests there.
    /// </summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Folder SMS are written to when the tenant has no Twilio account.</summary>
    public string PickupDirectory { get; set; } = "";

    public int BatchSize { get; set; } = 50;
}
