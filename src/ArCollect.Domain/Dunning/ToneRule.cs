namespace ArCollect.Domain.Dunning;

/// <summary>A customer's settled invoices: how many, how many on time, and the mean days late of the late ones.</summary>
public sealed record PaymentHistory(int Settled, int OnTime, decimal AverageDaysLateOfLate)
{
    public static readonly PaymentHistory None = new(0, 0, 0m);

    public int Late => Settled - OnTime;
}

public sealed record ToneChoice(ReminderTone Tone, string Reason);

/// <summary>
/// Adjusts a step's tone by the customer's record: one notch gentler for reliable payers, one notch firmer for
/// chronic late payers. A final notice is never softened and nothing becomes final that the policy did not mark so.
/// </summary>
public static class ToneRule
{
    public const int MinimumHistory = 3;
    public const decimal OnTimeShareForGentle = 0.9m;
    public const decimal LateShareForFirm = 0.5m;
    public const decimal DaysLateForFirm = 10m;

    public static ToneChoice Choose(ReminderTone stepTone, PaymentHistory history)
    {
        if (history.Settled < MinimumHistory)
        {
            return new(stepTone, $"Policy tone {Name(stepTone)}: too little history ({history.Settled} paid invoices) to adjust.");
        }

        var record = $"{history.OnTime} of {history.Settled} invoices paid on time";
        if (stepTone == ReminderTone.Final)
        {
            return new(stepTone, $"Final notice keeps its tone ({record}).");
        }

        var onTimeShare = (decimal)history.OnTime / history.Settled;
        if (onTimeShare >= OnTimeShareForGentle)
        {
            var gentler = stepTone == ReminderTone.Friendly ? stepTone : stepTone - 1;
            return new(gentler, $"Gentler than policy ({Name(stepTone)} to {Name(gentler)}): usually pays on time, {record}.");
        }

        var lateShare = (decimal)history.Late / history.Settled;
        if (lateShare >= LateShareForFirm && history.AverageDaysLateOfLate >= DaysLateForFirm)
        {
            var firmer = stepTone >= ReminderTone.Firm ? stepTone : stepTone + 1;
            return new(firmer, $"Firmer than policy ({Name(stepTone)} to {Name(firmer)}): chronic late payer, "
                + $"{history.Late} of {history.Settled} invoices late by {history.AverageDaysLateOfLate:0.#} days on average.");
        }

        return new(stepTone, $"Policy tone {Name(stepTone)}: mixed record, {record}.");
    }

    public static string Name(ReminderTone tone) => tone.ToString().ToLowerInvariant();
}
