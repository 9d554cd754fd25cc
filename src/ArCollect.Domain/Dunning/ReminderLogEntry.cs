using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dunning;

/// <summary>
/// A policy step reached for an invoice on a run, unique per (invoice, step): the planner's memory of what was
/// already done. <see cref="OutboxMessageId"/> is null when no email went out (do-not-contact, no live contact).
/// </summary>
public class ReminderLogEntry : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid InvoiceId { get; set; }
    public Guid StepId { get; set; }
    public Guid? OutboxMessageId { get; set; }
    public ReminderTone Tone { get; set; }
    public DateOnly RunDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
