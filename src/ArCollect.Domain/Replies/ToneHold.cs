namespace ArCollect.Domain.Replies;

/// <summary>A frustrated or angry reply nobody has acknowledged yet holds every automated reminder to that customer.</summary>
public static class ToneHold
{
    public sealed record PendingReply(string Tone, DateTimeOffset ReceivedAt, bool NeedsAcknowledgement, DateTimeOffset? AcknowledgedAt);

    /// <summary>The reason reminders pause, or null when every frustrated or angry reply has been acknowledged.</summary>
    public static string? Reason(IEnumerable<PendingReply> replies)
    {
        var waiting = replies.Where(r => r.NeedsAcknowledgement && r.AcknowledgedAt is null).OrderBy(r => r.ReceivedAt).FirstOrDefault();
        return waiting is null ? null
            : $"Reminders paused: {(waiting.Tone.StartsWith('a') ? "an" : "a")} {waiting.Tone} reply of {waiting.ReceivedAt:yyyy-MM-dd} waits for a person to acknowledge it.";
    }
}
