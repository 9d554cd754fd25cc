using ArCollect.Domain.Dunning;

namespace ArCollect.Domain.Tests.Dunning;

/// <summary>Small builders so each test shows only the facts it is about.</summary>
internal static class DunningFixtures
{
    public static readonly DateOnly RunDate = new(2026, 3, 16);

    public static ReminderPolicy Policy { get; } = DefaultReminderPolicy.Create(Guid.NewGuid());

    public static IReadOnlyList<ReminderStep> Steps => Policy.Steps;

    public static ReminderStep StepAt(int offset) => Policy.Steps.Single(s => s.OffsetDays == offset);

    public static DunningCustomer Customer(
        bool doNotContact = false, bool keyAccount = false, string? segment = null, PaymentHistory? history = null,
        params DunningContact[] contacts) =>
        new(Guid.NewGuid(), "Acme GmbH", segment, null, doNotContact, keyAccount,
            contacts.Length == 0 ? [new DunningContact(Guid.NewGuid(), "Anna", "ap@acme.example", true, false)] : contacts,
            history ?? PaymentHistory.None);

    /// <summary>An invoice <paramref name="daysOverdue"/> days past due on <see cref="RunDate"/>.</summary>
    public static DunningInvoice Invoice(string number, int daysOverdue, decimal open = 100m, string currency = "EUR", bool disputed = false, bool plan = false) =>
        new(Guid.NewGuid(), number, RunDate.AddDays(-daysOverdue), open, currency, disputed, plan);

    public static CustomerDecision Decide(
        DunningCustomer customer, IReadOnlyList<DunningInvoice> invoices,
        IReadOnlyList<DunningPromise>? promises = null, IReadOnlyList<ReachedStep>? reached = null, IReadOnlyList<ReminderStep>? steps = null) =>
        ReminderPlanner.Decide(customer, invoices, promises ?? [], steps ?? Steps, reached ?? [], RunDate);
}
