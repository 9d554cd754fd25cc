using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Kpis;

/// <summary>
/// A row of <c>customer_daily_facts</c>: the signed ledger movements of one customer's issued invoices in one
/// currency on one day (credit sales, cash, credit notes, write-offs), kept up to date by database triggers in the
/// writer's transaction, like <see cref="LedgerDailyFact"/> but per customer and without due days. The receivables
/// of a customer move by sales - cash - credits - write-offs on the day, so the change between two days is a sum over
/// the days between them: what explains a DSO change, customer by customer.
/// </summary>
public class CustomerDailyFact : ITenantOwned
{
    public Guid TenantId { get; set; }
    public DateOnly Day { get; set; }
    public Guid CustomerId { get; set; }
    public required string Currency { get; set; }
    public decimal Sales { get; set; }
    public decimal Cash { get; set; }
    public decimal Credits { get; set; }
    public decimal WriteOffs { get; set; }
}
