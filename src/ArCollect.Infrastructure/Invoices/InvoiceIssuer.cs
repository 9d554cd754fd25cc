using ArCollect.Domain.Activities;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArCollect.Infrastructure.Invoices;

public sealed record IssueResult(Invoice? Invoice, PreSendReport Report, bool NotFound = false)
{
    public bool Succeeded => Invoice is not null && Report.CanIssue;
}

/// <summary>
/// Turns a draft into an issued invoice: runs the pre-send checks, takes the next number from the tenant's pattern
/// and marks it issued, all in one transaction, so a failed check or a crash leaves the draft and the counter as they were.
/// </summary>
public sealed class InvoiceIssuer(ArCollectDbContext db, PreSendChecks checks, DocumentNumbers numbers, TenantContext tenant, TimeProvider time)
{
    public const string DraftPrefix = "DRAFT-";

    /// <summary>The provisional number a draft carries until it is issued (unique because it is the draft's id).</summary>
    public static string DraftNumber(Guid invoiceId) => $"{DraftPrefix}{invoiceId:N}";

    public async Task<IssueResult> IssueAsync(Guid invoiceId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var invoice = await db.Invoices.FromSql($"SELECT * FROM invoices WHERE id = {invoiceId} FOR UPDATE")
            .Include(i => i.Lines).FirstOrDefaultAsync(cancellationToken);
        if (invoice is null)
        {
            return new IssueResult(null, new PreSendReport([], []), NotFound: true);
        }

        if (invoice.State != InvoiceState.Draft)
        {
            return new IssueResult(null, new PreSendReport([("State", $"Invoice {invoice.Number} is already {invoice.State.ToString().ToLowerInvariant()}; only drafts can be issued.")], []));
        }

        invoice.Lines.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        var report = await checks.CheckAsync(invoice, cancellationToken);
        if (!report.CanIssue)
        {
            return new IssueResult(invoice, report);
        }

        var now = time.GetUtcNow();
        var incentive = await Incentives.IncentiveEligibility.ApplyOnIssueAsync(db, invoice, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        invoice.Number = await numbers.NextAsync(DocumentSeries.Invoice, invoice.IssueDate, cancellationToken);
        invoice.State = InvoiceState.Issued;
        invoice.IssuedAt = now;
        invoice.UpdatedAt = now;
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = invoice.CustomerId,
            Type = ActivityType.Invoice,
            At = now,
            UserId = tenant.UserId,
            Summary = $"Invoice {invoice.Number} issued: {invoice.Currency} {invoice.Total:N2}, due {invoice.DueDate:yyyy-MM-dd}"
                + (incentive is null ? "" : $", prompt-payer terms {invoice.Terms} ({incentive.Name})"),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new IssueResult(null, new PreSendReport(
                [("Number", $"Number {invoice.Number} is already used by another invoice: change the numbering pattern in Settings > Invoicing.")], []));
        }

        return new IssueResult(invoice, report);
    }
}
