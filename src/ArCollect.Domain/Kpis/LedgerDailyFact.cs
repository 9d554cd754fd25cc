using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Kpis;

/// <summary>
/// A row of <c>ledger_daily_facts</c>: the signed ledger movements of one tenant, currency, day and due day, kept up
/// to date by database triggers on invoices, payments, allocations and credit notes (see <see cref="DailyFact"/>).
/// A write-off of an invoice still open has no day yet and is stored on the day 'infinity'.
/// </summary>
public class LedgerDailyFact : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Currency { get; set; }
    public DateOnly Day { get; set; }
    public DateOnly DueDay { get; set; }
    public decimal Sales { get; set; }
    public decimal Cash { get; set; }
    public decimal Credits { get; set; }
    public decimal WriteOffs { get; set; }
    public int SettledCount { get; set; }
    public long SettledDays { get; set; }
}
