using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.CashApplication;

/// <summary>One of the tenant's bank accounts that statements are imported for.</summary>
public class BankAccount : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public required string Iban { get; set; }
    public required string Currency { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One imported statement file: what it was, who imported it, how many of its lines were new.</summary>
public class BankStatement : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid BankAccountId { get; set; }
    public string? StatementReference { get; set; }
    public required string Format { get; set; }
    public string? FileName { get; set; }
    public int Lines { get; set; }
    public int NewLines { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public Guid? ImportedBy { get; set; }
}

public enum BankEntryStatus
{
    /// <summary>Money in, waiting for a clerk in the unapplied-cash queue.</summary>
    Unapplied,

    /// <summary>Recorded as a payment (to invoices, or on a customer's account).</summary>
    Applied,

    /// <summary>Put aside by a clerk (e.g. not a customer payment); out of the queue, with a note.</summary>
    Parked,

    /// <summary>Money out: shown, never matched.</summary>
    Debit,
}

/// <summary>How an applied entry was applied.</summary>
public enum ApplicationMode
{
    Automatic,
    Clerk,
}

/// <summary>A statement line on a bank account, unique per account by its key, and what became of it.</summary>
public class BankEntry : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid BankAccountId { get; set; }
    public Guid BankStatementId { get; set; }

    /// <summary>The bank's entry reference, or a content hash when it gives none (<see cref="StatementLine.Key"/>).</summary>
    public required string EntryKey { get; set; }
    public DateOnly BookingDate { get; set; }
    public DateOnly? ValueDate { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public EntryDirection Direction { get; set; }
    public string? PayerName { get; set; }
    public string? PayerIban { get; set; }
    public string? Remittance { get; set; }
    public string? BankReference { get; set; }

    /// <summary>The bank's booking codes as read from the statement (<see cref="BookingCodes"/>), e.g. "ISO PMNT/RCDT/ESCT; Prtry NTRF+166".</summary>
    public string? BookingCode { get; set; }
    public BankEntryStatus Status { get; set; }
    public ApplicationMode? AppliedBy { get; set; }
    public Guid? CustomerId { get; set; }
    public Guid? PaymentId { get; set; }

    /// <summary>The best candidate's confidence when matched, 0 to 1.</summary>
    public decimal? Confidence { get; set; }

    /// <summary>Why it was applied as it was, in words (the candidate's evidence), or the clerk's note when parked or undone.</summary>
    public string? Note { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An account number learned to belong to a customer from an application, so its next payment is recognised.</summary>
public class PayerAccount : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Iban { get; set; }
    public Guid CustomerId { get; set; }
    public int Applications { get; set; }
    public DateTimeOffset LearnedAt { get; set; }
}

/// <summary>A tenant's cash-application settings.</summary>
public class CashApplicationSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>Confidence (0 to 1) from which a receipt applies itself.</summary>
    public decimal AutoApplyThreshold { get; set; } = MatchingRules.Default.AutoApplyThreshold;

    /// <summary>Difference (bank fee, rounding) accepted as paying an invoice, in the invoice's currency, unless the currency has its own.</summary>
    public decimal AmountTolerance { get; set; } = MatchingRules.Default.AmountTolerance;

    /// <summary>How far ahead of the second candidate (in confidence) the best must be to apply itself.</summary>
    public decimal Lead { get; set; } = MatchingRules.Default.Lead;

    /// <summary>The rules the matcher follows: these settings and the currencies' own tolerances.</summary>
    public MatchingRules RulesWith(IEnumerable<CashCurrencyTolerance> tolerances) => new(AutoApplyThreshold, AmountTolerance)
    {
        Lead = Lead,
        CurrencyTolerances = tolerances.ToDictionary(t => t.Currency.Trim().ToUpperInvariant(), t => t.Amount, StringComparer.Ordinal),
    };
}

/// <summary>A currency's own cash-application tolerance (e.g. JPY 500 where EUR 5.00 is the default).</summary>
public class CashCurrencyTolerance : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Currency { get; set; }
    public decimal Amount { get; set; }
}
