using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dunning;

/// <summary>
/// An invoice the thank-you step has thanked for, unique per invoice: the step's memory, written in the same
/// transaction as the message, so a rerun never thanks twice. <see cref="OutboxMessageId"/> is the email, if one went out.
/// </summary>
public class ThankYouEntry : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid InvoiceId { get; set; }
    public Guid? OutboxMessageId { get; set; }
    public DateOnly RunDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
