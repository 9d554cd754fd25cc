namespace ArCollect.Domain.Kpis;

/// <summary>
/// Signed movements of the receivables of one currency on one day, for invoices with one due day, in that currency
/// (a row of <c>ledger_daily_facts</c>). The receivables move by <see cref="ArChange"/> on <see cref="Day"/>, and that
/// movement counts as current (not yet due) on every day d with <see cref="Day"/> &lt;= d &lt;= <see cref="DueDay"/>.
/// <see cref="SettledCount"/> invoices reached a zero balance on the day, <see cref="SettledDays"/> days after issue in total.
/// </summary>
public sealed record DailyFact(
    string Currency,
    DateOnly Day,
    DateOnly DueDay,
    decimal Sales,
    decimal Cash,
    decimal Credits,
    decimal WriteOffs,
    int SettledCount,
    long SettledDays)
{
    public decimal ArChange => Sales - Cash - Credits - WriteOffs;
}
