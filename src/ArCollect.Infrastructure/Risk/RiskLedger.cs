using ArCollect.Domain.Customers;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Risk;

namespace ArCollect.Infrastructure.Risk;

/// <summary>Turns ledger entities into the per-customer histories the feature builder reads.</summary>
public static class RiskLedger
{
    public static RiskInvoice ToRisk(Invoice invoice) =>
        new(invoice.Id, invoice.CustomerId, invoice.IssueDate, invoice.DueDate, invoice.Total, invoice.Currency, invoice.SettledOn);

    /// <summary>
    /// The customer's region (else country) stands for "region"; the ledger records no sales channel yet, so every
    /// customer has the same (none) channel until it does.
    /// </summary>
    public static RiskCustomer ToRisk(Customer customer) =>
        new(customer.Id, customer.Segment, customer.Region ?? customer.Country, Channel: null);

    public static List<CustomerHistory> Histories(IEnumerable<RiskCustomer> customers, IEnumerable<RiskInvoice> invoices, IEnumerable<(Guid CustomerId, DateOnly OpenedOn)> disputes,
        IEnumerable<(Guid CustomerId, RiskPromise Promise)>? promises = null)
    {
        var invoicesByCustomer = invoices.ToLookup(i => i.CustomerId);
        var disputesByCustomer = disputes.ToLookup(d => d.CustomerId, d => d.OpenedOn);
        var promisesByCustomer = (promises ?? []).ToLookup(p => p.CustomerId, p => p.Promise);
        return customers.Select(c => new CustomerHistory(c, invoicesByCustomer[c.CustomerId], disputesByCustomer[c.CustomerId], promisesByCustomer[c.CustomerId])).ToList();
    }

    public static List<CustomerHistory> Histories(IEnumerable<Customer> customers, IEnumerable<Invoice> invoices, IEnumerable<Dispute> disputes) =>
        Histories(customers.Select(ToRisk), invoices.Select(ToRisk), disputes.Select(d => (d.CustomerId, d.OpenedOn)));
}
