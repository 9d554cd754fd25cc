namespace ArCollect.Domain.Common;

public enum AgingBucket
{
    Current,
    Days1To30,
    Days31To60,
    Days61To90,
    Over90,
}

/// <summary>Places an open amount into an aging bucket by days past due.</summary>
public static class Aging
{
    public static int DaysPastDue(DateOnly dueDate, DateOnly asOf) => asOf.DayNumber - dueDate.DayNumber;

    public static AgingBucket BucketFor(int daysPastDue) => daysPastDue switch
    {
        <= 0 => AgingBucket.Current,
        <= 30 => AgingBucket.Days1To30,
        <= 60 => AgingBucket.Days31To60,
        <= 90 => AgingBucket.Days61To90,
        _ => AgingBucket.Over90,
    };

    public static string Label(AgingBucket bucket) => bucket switch
    {
        AgingBucket.Current => "Current",
        AgingBucket.Days1To30 => "1-30",
        AgingBucket.Days31To60 => "31-60",
        AgingBucket.Days61To90 => "61-90",
        _ => "90+",
    };

    /// <summary>The due-date range (inclusive) of a bucket as of a date, for querying.</summary>
    public static (DateOnly? From, DateOnly? To) DueDateRange(AgingBucket bucket, DateOnly asOf) => bucket switch
    {
        AgingBucket.Current => (asOf, null),
        AgingBucket.Days1To30 => (asOf.AddDays(-30), asOf.AddDays(-1)),
        AgingBucket.Days31To60 => (asOf.AddDays(-60), asOf.AddDays(-31)),
        AgingBucket.Days61To90 => (asOf.AddDays(-90), asOf.AddDays(-61)),
        _ => (null, asOf.AddDays(-91)),
    };
}
