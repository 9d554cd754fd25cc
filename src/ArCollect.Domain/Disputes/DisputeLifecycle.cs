namespace ArCollect.Domain.Disputes;

/// <summary>Which status changes are allowed. Resolving goes through <see cref="DisputeStatus.Resolved"/> with an outcome.</summary>
public static class DisputeLifecycle
{
    public static bool IsLive(DisputeStatus status) =>
        status is DisputeStatus.Open or DisputeStatus.InReview or DisputeStatus.WaitingOnCustomer;

    /// <summary>Null when the change is allowed, else the reason in words.</summary>
    public static string? CannotMove(DisputeStatus from, DisputeStatus to)
    {
        if (!IsLive(from))
        {
            return $"The dispute is already {Label(from).ToLowerInvariant()}; it cannot change any more.";
        }

        if (from == to)
        {
            return $"The dispute is already {Label(from).ToLowerInvariant()}.";
        }

        return to == DisputeStatus.Resolved ? "Resolve the dispute with an outcome (credit note, rebill, rejection or write-off)." : null;
    }

    public static string Label(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "Open",
        DisputeStatus.InReview => "In review",
        DisputeStatus.WaitingOnCustomer => "Waiting on customer",
        DisputeStatus.Resolved => "Resolved",
        DisputeStatus.Withdrawn => "Withdrawn",
        _ => status.ToString(),
    };

    public static string Label(DisputeOutcome outcome) => outcome switch
    {
        DisputeOutcome.CreditNote => "Credit note",
        DisputeOutcome.Rebill => "Corrected invoice (rebill)",
        DisputeOutcome.Rejected => "Rejected",
        DisputeOutcome.WriteOff => "Write-off",
        _ => outcome.ToString(),
    };
}

/// <summary>How much of an invoice is still chased while part of it is disputed.</summary>
public static class DisputedBalance
{
    /// <summary>
    /// The open amount less the disputed amount, never below zero. An invoice flagged disputed with no amount on
    /// record (a flag set before disputes carried amounts) is disputed in full.
    /// </summary>
    public static decimal Chaseable(decimal openAmount, decimal disputedAmount, bool isDisputed)
    {
        if (openAmount <= 0m)
        {
            return 0m;
        }

        if (isDisputed && disputedAmount <= 0m)
        {
            return 0m;
        }

        return Math.Max(0m, openAmount - Math.Max(0m, disputedAmount));
    }
}
