namespace ArCollect.Domain.Kpis;

/// <summary>
/// Where an invoice stands in collections. An open invoice is in exactly one state, the first that applies in this
/// order: Disputed, Promised, Escalated, In follow-up, Not chased yet. Resolved counts invoices settled in the period.
/// </summary>
public enum WorkflowState
{
    Disputed,
    Promised,
    Escalated,
    InFollowUp,
    NotChased,
    Resolved,
}

public static class WorkflowStates
{
    /// <summary>Label and exact definition of each state, in precedence order (shown on hover and in the docs).</summary>
    public static readonly IReadOnlyList<(WorkflowState State, string Label, string Definition)> All =
    [
        (WorkflowState.Disputed, "Disputed", "Open invoice with an open dispute (any reason). Comes first: a dispute pauses reminders."),
        (WorkflowState.Promised, "Promised", "Open invoice, not disputed, with an open promise to pay on it or on its customer's account."),
        (WorkflowState.Escalated, "Escalated", "Open invoice, not disputed or promised, named by an open escalation task (overdue or key-account rule, or a broken promise on it)."),
        (WorkflowState.InFollowUp, "In follow-up", "Open invoice, none of the above, that has had at least one reminder step (reminder log)."),
        (WorkflowState.NotChased, "Not chased yet", "Open invoice with none of the above: no reminder step reached yet."),
        (WorkflowState.Resolved, "Resolved", "Issued invoice whose balance reached zero (paid, credited or written off) in the period."),
    ];

    public static string Label(WorkflowState state) => All.First(s => s.State == state).Label;
}
