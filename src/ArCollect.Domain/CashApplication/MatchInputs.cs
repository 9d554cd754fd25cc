namespace ArCollect.Domain.CashApplication;

/// <summary>
/// An open invoice as the matcher sees it: what is open, the early-payment discount it offers until a day (zero when
/// none), and its RF creditor reference when one was printed.
/// </summary>
public sealed record OpenInvoiceItem(
    Guid InvoiceId,
    Guid CustomerId,
    string Number,
    decimal OpenAmount,
    string Currency,
    DateOnly DueDate,
    decimal Discount = 0m,
    DateOnly? DiscountUntil = null,
    string? CreditorReference = null)
{
    /// <summary>What settles the invoice on a day: the open amount less the discount still offered.</summary>
    public decimal DueOn(DateOnly day) => Discount > 0m && DiscountUntil is { } until && day <= until ? OpenAmount - Discount : OpenAmount;
}

/// <summary>A customer who can pay: its name and the names of its contacts (a person may pay from a private account).</summary>
public sealed record KnownCustomer(Guid CustomerId, string Name, IReadOnlyList<string> OtherNames);

/// <summary>Money received, as matched: one credit line of a statement, with the bank's booking code when it gave one.</summary>
public sealed record Receipt(string Key, DateOnly ReceivedOn, decimal Amount, string Currency, string? PayerName, string? PayerIban, string? Remittance,
    string? BookingCode = null);

/// <summary>
/// A tenant's matching settings: the confidence from which a receipt applies itself, how far ahead of the runner-up
/// the best candidate must be, and the difference (bank fee, rounding) accepted as settling an invoice, in the
/// invoice's currency (<see cref="AmountTolerance"/> unless the currency has its own).
/// </summary>
public sealed record MatchingRules(decimal AutoApplyThreshold = 0.90m, decimal AmountTolerance = 5.00m)
{
    public static readonly MatchingRules Default = new();

    /// <summary>How far ahead of the second candidate (in confidence) the best must be to apply itself.</summary>
    public decimal Lead { get; init; } = 0.10m;

    /// <summary>Tolerances of currencies that differ from <see cref="AmountTolerance"/>, by ISO 4217 code.</summary>
    public IReadOnlyDictionary<string, decimal> CurrencyTolerances { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>The difference accepted as settling an invoice in this currency.</summary>
    public decimal ToleranceIn(string currency) =>
        CurrencyTolerances.TryGetValue(currency.Trim().ToUpperInvariant(), out var own) ? own : AmountTolerance;

    /// <summary>How much a converted foreign-currency receipt may differ from the invoices it pays (rates move), as a share.</summary>
    public decimal ForeignCurrencyTolerance { get; init; } = 0.02m;

    /// <summary>The most open invoices of one payer searched for a combination that sums to the receipt.</summary>
    public int SubsetSearchInvoices { get; init; } = 24;

    /// <summary>The most invoices one combined payment is assumed to pay.</summary>
    public int SubsetSearchSize { get; init; } = 6;
}

/// <summary>How a candidate uses the money.</summary>
public enum MatchKind
{
    /// <summary>Pays the invoices exactly (discount or tolerated difference included).</summary>
    Exact,

    /// <summary>Less than the invoices ask, beyond tolerance: applied, the rest stays open (and a short payment is disputed).</summary>
    Short,

    /// <summary>More than the invoices ask: they are settled and the rest is unapplied credit on the account.</summary>
    Over,

    /// <summary>The payer is known but no invoice fits: the money waits on the customer's account.</summary>
    OnAccount,

    /// <summary>
    /// Not a customer paying: interest, a refund, a reversal, money from the bank or a tax office. Accepting it parks the
    /// receipt with the evidence as its note; it has no customer (<see cref="Guid.Empty"/>) and never applies itself.
    /// </summary>
    NotCustomerPayment,
}

/// <summary>Part of a receipt applied to one invoice, in the invoice's currency.</summary>
public sealed record CandidateAllocation(Guid InvoiceId, string Number, decimal Amount, decimal Shortfall);

/// <summary>
/// One way a receipt could be applied: to whom, which invoices and how much each, what is left unapplied, how sure
/// (0 to 1) and why, in words a clerk reads.
/// </summary>
public sealed record MatchCandidate(
    Guid CustomerId,
    MatchKind Kind,
    IReadOnlyList<CandidateAllocation> Allocations,
    decimal AmountInInvoiceCurrency,
    string Currency,
    decimal Unapplied,
    decimal Confidence,
    IReadOnlyList<string> Evidence)
{
    /// <summary>The remittance advice this candidate follows, when one does.</summary>
    public Guid? AdviceId { get; init; }

    public IEnumerable<string> InvoiceNumbers => Allocations.Select(a => a.Number);

    /// <summary>Whether what is short on an invoice goes beyond the tolerance, so a short-payment dispute is opened.</summary>
    public bool OpensShortPaymentDispute => Kind == MatchKind.Short && Allocations.Any(a => a.Shortfall > 0m);

    /// <summary>Whether accepting this candidate records money for a customer (not: the receipt is no customer's payment).</summary>
    public bool PaysCustomer => Kind != MatchKind.NotCustomerPayment;
}

/// <summary>The candidates for one receipt, best first, and whether the best applies itself.</summary>
public sealed record MatchResult(Receipt Receipt, IReadOnlyList<MatchCandidate> Candidates, bool AutoApply)
{
    public MatchCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;
}
