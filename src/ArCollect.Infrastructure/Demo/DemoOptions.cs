namespace ArCollect.Infrastructure.Demo;

/// <summary>The size and shape of a generated demo ledger. The same options always give the same ledger.</summary>
public sealed record DemoOptions
{
    public int Seed { get; init; } = 20261123;
    public int Customers { get; init; } = 500;
    public int Invoices { get; init; } = 25000;

    /// <summary>How many months of history end at <see cref="Today"/>.</summary>
    public int Months { get; init; } = 24;

    /// <summary>The generator's "today": no payment is received after it, and anything due later is still open.</summary>
    public required DateOnly Today { get; init; }

    public string BaseCurrency { get; init; } = "EUR";

    /// <summary>When set, every customer has these payment terms (one common term) instead of terms drawn by segment.</summary>
    public int? CommonTermsDays { get; init; }

    /// <summary>When false, no customer's delay depends on the season: the seasonal customers are habitually late all year.</summary>
    public bool Seasonality { get; init; } = true;

    /// <summary>Share of customers (0 to 1) whose payment behaviour switches to another one on a day inside the window.</summary>
    public double BehaviourChangeShare { get; init; }
}
