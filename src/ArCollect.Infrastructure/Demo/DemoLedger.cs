using ArCollect.Domain.Activities;
using ArCollect.Domain.Customers;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;

namespace ArCollect.Infrastructure.Demo;

/// <summary>A generated ledger for one tenant, as flat lists in foreign-key order, ready to load.</summary>
public sealed record DemoLedger
{
    public required IReadOnlyList<Customer> Customers { get; init; }
    public required IReadOnlyList<Contact> Contacts { get; init; }
    public required IReadOnlyList<Invoice> Invoices { get; init; }
    public required IReadOnlyList<InvoiceLine> InvoiceLines { get; init; }
    public required IReadOnlyList<Payment> Payments { get; init; }
    public required IReadOnlyList<PaymentAllocation> PaymentAllocations { get; init; }
    public required IReadOnlyList<CreditNote> CreditNotes { get; init; }
    public required IReadOnlyList<WriteOff> WriteOffs { get; init; }
    public required IReadOnlyList<Dispute> Disputes { get; init; }
    public required IReadOnlyList<Activity> Activities { get; init; }

    /// <summary>The hidden behaviour behind each customer id, for tests and model evaluation; not part of the ledger.</summary>
    public required IReadOnlyDictionary<Guid, PaymentBehaviour> Behaviours { get; init; }
}
