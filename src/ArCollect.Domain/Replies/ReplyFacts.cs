namespace ArCollect.Domain.Replies;

public sealed record ExtractedAmount(decimal Amount, string? Currency);

/// <summary>What a reply states: dates (resolved against the message date), amounts, invoice numbers, payment references.</summary>
public sealed record ReplyFacts(
    IReadOnlyList<DateOnly> Dates,
    IReadOnlyList<ExtractedAmount> Amounts,
    IReadOnlyList<string> InvoiceNumbers,
    IReadOnlyList<string> PaymentReferences)
{
    public static readonly ReplyFacts None = new([], [], [], []);

    /// <summary>The first stated date on or after the day the message was written: the promised date of a promise.</summary>
    public DateOnly? FirstDateFrom(DateOnly messageDate) => Dates.Where(d => d >= messageDate).Cast<DateOnly?>().FirstOrDefault();
}
