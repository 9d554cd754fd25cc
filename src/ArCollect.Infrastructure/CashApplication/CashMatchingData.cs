using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.CashApplication;

/// <summary>Loads what the matcher needs for the current tenant in a few set-based reads: open invoices, customers and contacts, learned accounts, rates.</summary>
public static class CashMatchingData
{
    public static async Task<CashApplicationSettings> CashSettingsAsync(this ArCollectDbContext db, CancellationToken cancellationToken) =>
        await db.CashApplicationSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new CashApplicationSettings();

    /// <summary>The tenant's matching rules: threshold, lead, the default tolerance and the currencies' own.</summary>
    public static async Task<MatchingRules> CashRulesAsync(this ArCollectDbContext db, CashApplicationSettings settings, CancellationToken cancellationToken) =>
        settings.RulesWith(await db.CashCurrencyTolerances.AsNoTracking().ToListAsync(cancellationToken));

    public static async Task<CashMatcher> CashMatcherAsync(this ArCollectDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.CashSettingsAsync(cancellationToken);
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.Balance > 0)
            .Select(i => new { i.Id, i.CustomerId, i.Number, i.Balance, i.Currency, i.DueDate, i.IssueDate, i.Terms, i.Total, Untouched = i.AmountPaid == 0 && i.AmountCredited == 0 && i.AmountWrittenOff == 0 })
            .ToListAsync(cancellationToken);
        var items = invoices.Select(i =>
        {
            var discounted = PaymentTerms.TryParse(i.Terms, out var terms) && i.Untouched && terms.HasDiscount;
            var currency = i.Currency.Trim();
            return discounted
                ? new OpenInvoiceItem(i.Id, i.CustomerId, i.Number, i.Balance, currency, i.DueDate, terms.DiscountOn(i.Total, currency), terms.DiscountDeadline(i.IssueDate))
                : new OpenInvoiceItem(i.Id, i.CustomerId, i.Number, i.Balance, currency, i.DueDate);
        });
        var contacts = (await db.Contacts.AsNoTracking().Select(c => new { c.CustomerId, c.Name }).ToListAsync(cancellationToken))
            .Where(c => !string.IsNullOrWhiteSpace(c.Name))
            .ToLookup(c => c.CustomerId, c => c.Name);
        var customers = (await db.Customers.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            .Select(c => new KnownCustomer(c.Id, c.Name, contacts[c.Id].ToList()));
        var learned = await db.PayerAccounts.AsNoTracking().ToDictionaryAsync(p => p.Iban, p => p.CustomerId, cancellationToken);
        var rates = await db.ConverterAsync(cancellationToken);
        var advices = (await db.RemittanceAdvices.AsNoTracking().Include(a => a.Lines)
                .Where(a => a.Status == RemittanceAdviceStatus.Waiting).ToListAsync(cancellationToken))
            .Select(a => new AdviceItem(a.Id, a.CustomerId, a.AdviceDate, a.ExpiresOn, a.SentBy, a.Currency.Trim(), a.Total,
                a.Lines.OrderBy(l => l.Position).Select(l => new AdviceLineItem(l.InvoiceNumber, l.Amount)).ToList()));
        return new CashMatcher(items, customers, learned, await db.CashRulesAsync(settings, cancellationToken), rates, advices);
    }

    /// <summary>A stored entry as the matcher reads it.</summary>
    public static Receipt ToReceipt(this BankEntry entry) =>
        new(entry.EntryKey, entry.BookingDate, entry.Amount, entry.Currency.Trim(), entry.PayerName, entry.PayerIban, entry.Remittance, entry.BookingCode);
}
