namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// How a generated customer pays. It drives the simulated payment dates and is never stored: the ledger
/// only shows its consequences, as a real one would.
/// </summary>
public enum PaymentBehaviour
{
    /// <summary>Pays at the due date or up to three days before.</summary>
    PromptPayer,

    /// <summary>Pays within ten days of issue.</summary>
    EarlyWithDiscount,

    /// <summary>Pays 5 to 20 days late.</summary>
    HabituallyLate,

    /// <summary>Pays 30 to 90 days late, and now and then not at all.</summary>
    ChronicLate,

    /// <summary>Disputes often, pays late or short.</summary>
    Disputer,

    /// <summary>Late when the due date falls in summer or the fourth quarter, on time otherwise.</summary>
    Seasonal,

    /// <summary>On time in its first year as a customer, increasingly late after.</summary>
    Deteriorating,
}
