using ArCollect.Domain.CashApplication;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.CashApplication;

/// <summary>The cash-application figures of a period: how receipts were applied and what still waits, with its age.</summary>
public sealed record CashTile(int Receipts, int Automatic, int ByHand, int Waiting, decimal WaitingAmount, int WaitingOver7Days, int OldestWaitingDays, string Currency)
{
    public double AutomaticShare => Receipts == 0 ? 0 : (double)Automatic / Receipts;
    public double ByHandShare => Receipts == 0 ? 0 : (double)ByHand / Receipts;
}

/// <summary>One week of the history: receipts in, applied automatically, by hand, still waiting.</summary>
public sealed record CashWeek(DateOnly WeekOf, int Receipts, int Automatic, int ByHand, int Waiting);

public static class CashQueries
{
    public static async Task<CashTile> TileAsync(ArCollectDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var since = today.AddDays(-90);
        var credits = db.BankEntries.AsNoTracking().Where(e => e.Direction == EntryDirection.Credit && e.BookingDate >= since);
        var counts = await credits.GroupBy(e => new { e.Status, e.AppliedBy }).Select(g => new { g.Key.Status, g.Key.AppliedBy, Count = g.Count() }).ToListAsync(cancellationToken);
        var waiting = await db.BankEntries.AsNoTracking().Where(e => e.Status == BankEntryStatus.Unapplied)
            .Select(e => new { e.Amount, e.Currency, e.BookingDate }).ToListAsync(cancellationToken);
        var currency = waiting.GroupBy(w => w.Currency).OrderByDescending(g => g.Count()).Select(g => g.Key.Trim()).FirstOrDefault() ?? "EUR";
        return new CashTile(
            counts.Where(c => c.Status is BankEntryStatus.Applied or BankEntryStatus.Unapplied or BankEntryStatus.Parked).Sum(c => c.Count),
            counts.Where(c => c.Status == BankEntryStatus.Applied && c.AppliedBy == ApplicationMode.Automatic).Sum(c => c.Count),
            counts.Where(c => c.Status == BankEntryStatus.Applied && c.AppliedBy == ApplicationMode.Clerk).Sum(c => c.Count),
            waiting.Count,
            waiting.Where(w => w.Currency.Trim() == currency).Sum(w => w.Amount),
            waiting.Count(w => w.BookingDate < today.AddDays(-7)),
            waiting.Count == 0 ? 0 : today.DayNumber - waiting.Min(w => w.BookingDate).DayNumber,
            currency);
    }

    public static async Task<IReadOnlyList<CashWeek>> HistoryAsync(ArCollectDbContext db, DateOnly today, int weeks, CancellationToken cancellationToken)
    {
        var since = today.AddDays(-7 * weeks);
        var rows = await db.BankEntries.AsNoTracking().Where(e => e.Direction == EntryDirection.Credit && e.BookingDate >= since)
            .Select(e => new { e.BookingDate, e.Status, e.AppliedBy }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.BookingDate.AddDays(-(((int)r.BookingDate.DayOfWeek + 6) % 7)))
            .OrderByDescending(g => g.Key)
            .Select(g => new CashWeek(g.Key, g.Count(),
                g.Count(r => r.Status == BankEntryStatus.Applied && r.AppliedBy == ApplicationMode.Automatic),
                g.Count(r => r.Status == BankEntryStatus.Applied && r.AppliedBy == ApplicationMode.Clerk),
                g.Count(r => r.Status == BankEntryStatus.Unapplied)))
            .ToList();
    }
}
