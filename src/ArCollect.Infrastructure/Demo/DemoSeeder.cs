using System.Diagnostics;
using ArCollect.Domain.Dashboards;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Ledger;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Demo;

/// <summary>How many rows a demo seed loaded, and how long generating and loading took.</summary>
public sealed record DemoSeedResult(
    int Customers,
    int Contacts,
    int Invoices,
    int InvoiceLines,
    int Payments,
    int PaymentAllocations,
    int CreditNotes,
    int WriteOffs,
    int Disputes,
    int Activities,
    TimeSpan Elapsed);

/// <summary>Generates a demo ledger and loads it into a tenant with binary COPY, all or nothing.</summary>
public static class DemoSeeder
{
    /// <summary>
    /// Seeds the tenant <paramref name="db"/> is scoped to. Bypasses SaveChanges, so the rows carry no audit
    /// entries: they are history that predates the tenant's use of the product.
    /// </summary>
    public static async Task<DemoSeedResult> SeedAsync(
        ArCollectDbContext db, Guid tenantId, IReadOnlyList<Guid> collectorIds, DemoOptions options, CancellationToken cancellationToken)
    {
        if (db.CurrentTenantId != tenantId)
        {
            throw new InvalidOperationException(
                $"Seed tenant {tenantId} through a context scoped to it; row-level security refuses rows of any other tenant.");
        }

        var stopwatch = Stopwatch.StartNew();
        var ledger = DemoLedgerGenerator.Generate(tenantId, collectorIds, options);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await IsSeededAsync(db, cancellationToken))
        {
            throw new InvalidOperationException($"Tenant {tenantId} already has customers; demo data is only loaded into an empty tenant.");
        }

        // Checked once, set-based, before the commit below rather than one deferred check per loaded row.
        await db.Database.ExecuteSqlRawAsync(LedgerConstraintsSql.BulkCheck, cancellationToken);

        // Parents before children, so every foreign key finds its row.
        var customers = await BulkLoader.InsertAsync(db, ledger.Customers, cancellationToken);
        var contacts = await BulkLoader.InsertAsync(db, ledger.Contacts, cancellationToken);
        var invoices = await BulkLoader.InsertAsync(db, ledger.Invoices, cancellationToken);
        var lines = await BulkLoader.InsertAsync(db, ledger.InvoiceLines, cancellationToken);
        var payments = await BulkLoader.InsertAsync(db, ledger.Payments, cancellationToken);
        var allocations = await BulkLoader.InsertAsync(db, ledger.PaymentAllocations, cancellationToken);
        var creditNotes = await BulkLoader.InsertAsync(db, ledger.CreditNotes, cancellationToken);
        var writeOffs = await BulkLoader.InsertAsync(db, ledger.WriteOffs, cancellationToken);
        var disputes = await BulkLoader.InsertAsync(db, ledger.Disputes, cancellationToken);
        await BulkLoader.InsertAsync(db, ledger.Disputes.SelectMany(d => d.Items), cancellationToken);
        await DemoDisputeSetup.AddAsync(db, collectorIds, cancellationToken);
        var activities = await BulkLoader.InsertAsync(db, ledger.Activities, cancellationToken);
        // The history was numbered without the counters: raise them so the next invoice and credit note continue it.
        await DocumentNumbers.RaiseToHighestUsedAsync(db, tenantId, DocumentSeries.Invoice, importId: null, cancellationToken);
        await DocumentNumbers.RaiseToHighestUsedAsync(db, tenantId, DocumentSeries.CreditNote, importId: null, cancellationToken);
        await db.Tenants.Where(t => t.Id == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DefaultLanguage, DemoCatalog.HomeLanguage), cancellationToken);
        if (options.BaseCurrency == "EUR")
        {
            var foreign = ledger.Customers.Select(c => c.Currency).Where(c => c != options.BaseCurrency);
            db.ExchangeRates.AddRange(DemoCatalog.MonthlyRates(foreign, options.Today, options.Months).Select(r => new ExchangeRate
            {
                Id = Guid.CreateVersion7(),
                Currency = r.Currency,
                RateDate = r.RateDate,
                RateToBase = r.RateToBase,
                UpdatedAt = DemoCalendar.AtUtc(options.Today, 6, 0),
            }));
            await db.SaveChangesAsync(cancellationToken);
        }
        // The check reads the whole ledger: at a million invoices it outlasts the default 30 s command timeout.
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var broken = await LedgerInvariants.FindAsync(db, cancellationToken);
        db.Database.SetCommandTimeout(timeout);
        if (broken.Count > 0)
        {
            throw new InvalidOperationException(
                $"The demo ledger breaks {broken.Count} invariant(s), e.g. {broken[0].Entity} {broken[0].Label}: {broken[0].Rule}; nothing was loaded.");
        }

        await transaction.CommitAsync(cancellationToken);

        // No ANALYZE here: the application role does not own the tables, so PostgreSQL would skip them with a
        // warning. Autovacuum analyzes them once it sees the inserted rows.
        return new DemoSeedResult(customers, contacts, invoices, lines, payments, allocations, creditNotes, writeOffs, disputes, activities, stopwatch.Elapsed);
    }

    /// <summary>True when the context's tenant has any customer, seeded or real.</summary>
    public static Task<bool> IsSeededAsync(ArCollectDbContext db, CancellationToken cancellationToken) =>
        db.Customers.AnyAsync(cancellationToken);
}
