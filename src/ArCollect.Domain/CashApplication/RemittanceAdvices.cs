using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.CashApplication;

/// <summary>Where a remittance advice came from.</summary>
public enum RemittanceSource
{
    Csv,
    Xlsx,
    Email,
}

/// <summary>Whether a receipt has used the advice yet; an unused advice past its expiry is shown as expired.</summary>
public enum RemittanceAdviceStatus
{
    Waiting,
    Matched,
}

/// <summary>
/// A customer's note of which invoices (and how much of each) a coming payment pays, from an uploaded CSV or XLSX file
/// or a table in an email to the collections mailbox. A receipt whose payer and amount fit it applies per its split.
/// </summary>
public class RemittanceAdvice : ITenantOwned
{
    /// <summary>How long an advice waits for its payment.</summary>
    public const int DaysValid = 30;

    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public DateOnly AdviceDate { get; set; }
    public DateOnly ExpiresOn { get; set; }

    /// <summary>Who sent it, as shown in the evidence: the customer's name or the sender's address.</summary>
    public required string SentBy { get; set; }
    public required string Currency { get; set; }
    public decimal Total { get; set; }
    public RemittanceSource Source { get; set; }

    /// <summary>What makes a second import of the same advice a no-op: the file's SHA-256, or the mailbox message id.</summary>
    public required string SourceKey { get; set; }
    public string? FileName { get; set; }
    public RemittanceAdviceStatus Status { get; set; }
    public Guid? BankEntryId { get; set; }
    public DateTimeOffset? MatchedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public List<RemittanceAdviceLine> Lines { get; set; } = [];

    /// <summary>waiting, matched or expired, as the list shows it.</summary>
    public string StateOn(DateOnly today) => Status == RemittanceAdviceStatus.Matched ? "matched" : today > ExpiresOn ? "expired" : "waiting";
}

/// <summary>One invoice an advice names, with the amount it says it pays.</summary>
public class RemittanceAdviceLine : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid AdviceId { get; set; }
    public int Position { get; set; }
    public required string InvoiceNumber { get; set; }
    public Guid? InvoiceId { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>A waiting advice as the matcher reads it.</summary>
public sealed record AdviceItem(Guid AdviceId, Guid CustomerId, DateOnly Date, DateOnly ExpiresOn, string SentBy, string Currency, decimal Total, IReadOnlyList<AdviceLineItem> Lines);

public sealed record AdviceLineItem(string InvoiceNumber, decimal Amount);
