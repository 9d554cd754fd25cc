using ArCollect.Domain.Activities;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Invoices;

/// <summary>What a Manager's decision on a write-off request came to.</summary>
public sealed record WriteOffDecision(IReadOnlyList<(string Field, string Message)> Errors, bool NotFound = false, Guid? WriteOffId = null)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound;
}

/// <summary>
/// A Manager's decision on a write-off above the limit: approving writes it off through <see cref="InvoiceAdjustments"/>
/// (the write-off record, dated on the day of the approval, the invoice, timeline and audit) and marks the request
/// approved, in one transaction; rejecting only marks it. Both need a reason, and a request is decided once: the
/// request row is locked, so two managers deciding at once cannot both act on it.
/// </summary>
public sealed class WriteOffApprovals(ArCollectDbContext db, InvoiceAdjustments adjustments, TenantContext tenant, TimeProvider time)
{
    public Task<WriteOffDecision> ApproveAsync(Guid requestId, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(requestId, reason, approve: true, cancellationToken);

    public Task<WriteOffDecision> RejectAsync(Guid requestId, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(requestId, reason, approve: false, cancellationToken);

    /// <summary>How many write-offs wait for a Manager (the home page's count).</summary>
    public Task<int> PendingCountAsync(CancellationToken cancellationToken) =>
        db.WriteOffRequests.CountAsync(r => r.Status == WriteOffRequestStatus.Pending, cancellationToken);

    private async Task<WriteOffDecision> DecideAsync(Guid requestId, string? reason, bool approve, CancellationToken cancellationToken)
    {
        var why = reason?.Trim() ?? "";
        if (why.Length == 0)
        {
            return Fail("Reason", approve
                ? "Give a reason for approving, e.g. \"Customer insolvent, claim filed\"."
                : "Give a reason for rejecting, e.g. \"Chase again first\".");
        }

        if (why.Length > 500)
        {
            return Fail("Reason", "Use at most 500 characters for the reason.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await db.WriteOffRequests.FromSql($"SELECT * FROM write_off_requests WHERE id = {requestId} FOR UPDATE")
            .FirstOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return new WriteOffDecision([], NotFound: true);
        }

        if (request.Status != WriteOffRequestStatus.Pending)
        {
            return Fail("RequestId", $"This write-off of {request.Currency} {request.Amount:N2} was already {request.Status.ToString().ToLowerInvariant()}.");
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var number = await db.Invoices.Where(i => i.Id == request.InvoiceId).Select(i => i.Number).FirstAsync(cancellationToken);
        if (approve)
        {
            var result = await adjustments.WriteOffAsync(
                new AdjustmentInput { InvoiceId = request.InvoiceId, Amount = request.Amount, Reason = request.Reason, Date = today },
                mayExceedLimit: true, cancellationToken);
            if (!result.Succeeded)
            {
                return new WriteOffDecision(result.Errors.Select(e => ("RequestId", e.Message)).ToList());
            }

            request.WriteOffId = result.Id;
        }

        request.Status = approve ? WriteOffRequestStatus.Approved : WriteOffRequestStatus.Rejected;
        request.DecidedBy = tenant.UserId;
        request.DecidedAt = now;
        request.DecisionReason = why;
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = request.CustomerId,
            Type = ActivityType.Invoice,
            At = now,
            UserId = tenant.UserId,
            Summary = $"Write-off of {request.Currency} {request.Amount:N2} on invoice {number} {(approve ? "approved" : "rejected")}: {why}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WriteOffDecision([], WriteOffId: request.WriteOffId);
    }

    private static WriteOffDecision Fail(string field, string message) => new([(field, message)]);
}
