namespace ArCollect.Domain.Replies;

/// <summary>The label names of reply classification, the same in files, on screen and in the database.</summary>
public static class ReplyLabels
{
    public const string Dispute = "dispute";
    public const string Promise = "promise";
    public const string Paid = "paid";
    public const string InfoRequest = "info_request";
    public const string OutOfOffice = "out_of_office";
    public const string Other = "other";

    public const string Neutral = "neutral";
    public const string Frustrated = "frustrated";
    public const string Angry = "angry";

    public static readonly IReadOnlyList<string> Intents = [Dispute, Promise, Paid, InfoRequest, OutOfOffice, Other];
    public static readonly IReadOnlyList<string> Tones = [Neutral, Frustrated, Angry];

    /// <summary>Frustrated and angry replies go to a senior owner and pause automated reminders.</summary>
    public static bool NeedsPerson(string tone) => tone is Frustrated or Angry;

    public static string IntentName(string intent) => intent switch
    {
        Dispute => "Dispute",
        Promise => "Promise to pay",
        Paid => "Already paid",
        InfoRequest => "Information request",
        OutOfOffice => "Out of office",
        _ => "Other",
    };
}
