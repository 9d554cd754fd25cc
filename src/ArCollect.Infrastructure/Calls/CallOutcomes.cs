using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Calls;

/// <summary>What the collector chose after a call task's call; the date for a promise, the reason code for a dispute.</summary>
public sealed record CallOutcomeInput(Guid TaskId, CallOutcome Outcome, DateOnly? PromisedDate = null, string? ReasonCode = null, string? Note = null);

public sealed record CallOutcomeResult(string? Error, string? Field = null, bool NotFound = false)
{
    public bool Succeeded => Error is null && !NotFound;
}

/// <summary>
/// Records a call task's outcome in one click and feeds the rules replies feed: a promise pauses reminders until its
/// date (for the invoices of the call), a dispute is opened through <see cref="DisputeService"/> on those invoices,
/// a wrong number flags the contact's numbers. The task is done and the timeline says what happened.
/// </summary>
public sealed class CallOutcomes(ArCollectDbContext db, DisputeService disputes, TenantContext tenant, TimeProvider time)
{
    public async Task<CallOutcomeResult> RecordAsync(CallOutcomeInput input, DateOnly today, CancellationToken ct)
    {
        var task = await db.CollectionTasks.SingleOrDefaultAsync(t => t.Id == input.TaskId && t.CallScript != null, ct);
        if (task is null)
        {
            return new CallOutcomeResult(null, NotFound: true);
        }

        if (task.Status != CollectionTaskStatus.Open)
        {
            return new CallOutcomeResult($"This call was already recorded as {task.CallOutcome?.ToString() ?? "done"}.", "Outcome");
        }

        var invoiceIds = task.InvoiceIds ?? [];
        var open = await db.Invoices.Where(i => invoiceIds.Contains(i.Id) && i.Balance > 0)
            .Select(i => new { i.Id, i.Number, i.Balance, i.DisputedAmount, i.Currency }).ToListAsync(ct);
        var now = time.GetUtcNow();
        string summary;
        switch (input.Outcome)
        {
            case CallOutcome.Promise:
                if (input.PromisedDate is not { } date || date < today)
                {
                    return new CallOutcomeResult("Enter the date the customer promised to pay (today or later).", "PromisedDate");
                }

                if (open.Count == 0)
                {
                    return new CallOutcomeResult("The invoices of this call are paid: there is nothing left to promise.", "Outcome");
                }

                foreach (var currency in open.GroupBy(i => i.Currency))
                {
                    db.Promises.Add(new PromiseToPay
                    {
                        Id = Guid.CreateVersion7(),
                        CustomerId = task.CustomerId,
                        InvoiceId = currency.Count() == 1 ? currency.Single().Id : null,
                        PromisedDate = date,
                        Amount = currency.Sum(i => i.Balance - i.DisputedAmount),
                        Currency = currency.Key,
                        Status = PromiseStatus.Open,
                        CreatedAt = now,
                        CreatedBy = tenant.UserId,
                    });
                }

                summary = $"Call: promise to pay {string.Join(", ", open.GroupBy(i => i.Currency).Select(g => $"{g.Key} {g.Sum(i => i.Balance - i.DisputedAmount):N2}"))} by {date:yyyy-MM-dd}; reminders pause until then";
                break;
            case CallOutcome.Dispute:
                var items = open.Where(i => i.Balance - i.DisputedAmount > 0m).ToList();
                var currencyOf = items.Select(i => i.Currency).FirstOrDefault();
                var result = await disputes.OpenAsync(new OpenDisputeInput
                {
                    ReasonCode = input.ReasonCode ?? "",
                    Notes = string.IsNullOrWhiteSpace(input.Note) ? "Raised on a collections call." : input.Note.Trim(),
                    Items = items.Where(i => i.Currency == currencyOf).Select(i => new DisputeItemInput { InvoiceId = i.Id, Amount = i.Balance - i.DisputedAmount }).ToList(),
                }, ct);
                if (!result.Succeeded)
                {
                    var error = result.Errors.Count > 0 ? result.Errors[0] : ("Outcome", "The invoices of this call can no longer be disputed.");
                    return new CallOutcomeResult(items.Count == 0 ? "The invoices of this call are paid or already disputed." : error.Item2, error.Item1 == "ReasonCode" ? "ReasonCode" : "Outcome");
                }

                summary = $"Call: the customer disputes {string.Join(", ", items.Where(i => i.Currency == currencyOf).Select(i => i.Number))}; dispute opened";
                break;
            case CallOutcome.WrongNumber:
                var contacts = await db.Contacts.Where(c => c.CustomerId == task.CustomerId && c.WrongNumberAt == null && (c.Phone != null || c.Mobile != null))
                    .OrderByDescending(c => c.IsPrimary).ToListAsync(ct);
                var called = contacts.FirstOrDefault();
                if (called is not null)
                {
                    called.WrongNumberAt = now;
                }

                summary = called is null ? "Call: wrong number (no number on file to flag)" : $"Call: wrong number for {called.Name} ({called.Phone ?? called.Mobile}); the number is flagged and no SMS goes to it";
                db.CollectionTasks.Add(new CollectionTask
                {
                    Id = Guid.CreateVersion7(),
                    CustomerId = task.CustomerId,
                    Assignee = TaskAssignee.Collector,
                    AssignedUserId = task.AssignedUserId,
                    Title = "Find a working phone number",
                    Details = summary,
                    DueOn = today,
                    Status = CollectionTaskStatus.Open,
                    Source = "Call",
                    SourceKey = "wrongnumber:" + task.Id.ToString("N"),
                    CreatedAt = now,
                });
                break;
            case CallOutcome.Voicemail:
                summary = "Call: voicemail left";
                break;
            default:
                summary = "Call: reached the customer";
                break;
        }

        task.Status = CollectionTaskStatus.Done;
        task.CompletedAt = now;
        task.CallOutcome = input.Outcome;
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = task.CustomerId,
            Type = input.Outcome == CallOutcome.Promise ? ActivityType.PromiseToPay : ActivityType.Call,
            At = now,
            UserId = tenant.UserId,
            Summary = summary.Length > 500 ? summary[..497] + "..." : summary,
            Body = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        });
        await db.SaveChangesAsync(ct);
        return new CallOutcomeResult(null);
    }
}
