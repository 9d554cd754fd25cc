using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Replies;

/// <summary>A field the clerk must correct, named as the form names it.</summary>
public sealed record ReplyActionError(string Field, string Message);

/// <summary>
/// What a clerk can do with a classified reply, each in one transaction with its timeline entry: accept the suggested
/// action (record the promise, open the dispute, create the task to answer), dismiss it, acknowledge a frustrated or
/// angry reply (which resumes reminders), or put an unmatched reply on a customer. Nothing is sent to the customer.
/// </summary>
public sealed class ReplyActions(ArCollectDbContext db, TimeProvider time, ReplyIntake intake)
{
    public Task<ReplyClassification?> FindAsync(Guid id, CancellationToken ct) =>
        db.ReplyClassifications.FirstOrDefaultAsync(r => r.Id == id, ct);

    public async Task<IReadOnlyList<ReplyActionError>> RecordPromiseAsync(ReplyClassification reply, DateOnly? date, decimal? amount, Guid? userId, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == reply.CustomerId, ct);
        var today = Today();
        var errors = new List<ReplyActionError>();
        if (date is null)
        {
            errors.Add(new("PromisedDate", "Enter the date the customer promised to pay by."));
        }
        else if (date < today)
        {
            errors.Add(new("PromisedDate", $"The promised date {date:yyyy-MM-dd} is in the past."));
        }

        if (amount is null or <= 0m)
        {
            errors.Add(new("Amount", "Enter the promised amount, more than zero."));
        }

        if (errors.Count > 0 || !IsOpen(reply, errors))
        {
            return errors;
        }

        db.Promises.Add(new PromiseToPay
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            PromisedDate = date!.Value,
            Amount = decimal.Round(amount!.Value, 2, MidpointRounding.ToEven),
            Currency = customer.Currency,
            Status = PromiseStatus.Open,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = userId,
        });
        Timeline(customer.Id, ActivityType.PromiseToPay, $"Promise to pay {amount:0.00} {customer.Currency} by {date:yyyy-MM-dd}, recorded from a reply", userId);
        await DecideAsync(reply, ReplySuggestionStatus.Accepted, userId, ct);
        return [];
    }

    public async Task<IReadOnlyList<ReplyActionError>> OpenDisputeAsync(ReplyClassification reply, Guid? invoiceId, DisputeReason reason, decimal? amount, Guid? userId, CancellationToken ct)
    {
        var errors = new List<ReplyActionError>();
        var invoice = invoiceId is null ? null : await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId && i.CustomerId == reply.CustomerId, ct);
        if (invoice is null || invoice.Balance <= 0m)
        {
            errors.Add(new("InvoiceId", "Choose one of the customer's open invoices."));
        }
        else if (amount is null or <= 0m)
        {
            errors.Add(new("Amount", "Enter the disputed amount, more than zero."));
        }
        else if (amount > invoice.Balance)
        {
            errors.Add(new("Amount", $"The disputed amount {amount:0.00} is more than the open amount {invoice.Balance:0.00} {invoice.Currency} of {invoice.Number}."));
        }

        if (errors.Count > 0 || !IsOpen(reply, errors))
        {
            return errors;
        }

        db.Disputes.Add(new Dispute
        {
            Id = Guid.CreateVersion7(),
            CustomerId = invoice!.CustomerId,
            InvoiceId = invoice.Id,
            Reason = reason,
            Status = DisputeStatus.Open,
            Amount = decimal.Round(amount!.Value, 2, MidpointRounding.ToEven),
            OpenedOn = Today(),
            Notes = Cut("From the customer's reply: " + reply.StrippedText, 2000),
        });
        invoice.IsDisputed = true;
        Timeline(invoice.CustomerId, ActivityType.Dispute, $"Dispute opened on {invoice.Number} ({ReplySuggestion.ReasonName(reason)}, {amount:0.00} {invoice.Currency}) from a reply", userId);
        await DecideAsync(reply, ReplySuggestionStatus.Accepted, userId, ct);
        return [];
    }

    public async Task<IReadOnlyList<ReplyActionError>> CreateAnswerTaskAsync(ReplyClassification reply, Guid? userId, CancellationToken ct)
    {
        var errors = new List<ReplyActionError>();
        if (!IsOpen(reply, errors))
        {
            return errors;
        }

        db.CollectionTasks.Add(new CollectionTask
        {
            Id = Guid.CreateVersion7(),
            CustomerId = reply.CustomerId!.Value,
            Assignee = TaskAssignee.Collector,
            Title = "Answer the customer's request",
            Details = Cut(reply.StrippedText, 1000),
            DueOn = Today().AddDays(1),
            Status = CollectionTaskStatus.Open,
            Source = "Reply",
            SourceKey = $"reply-answer:{reply.InboundMessageId:N}",
            CreatedAt = time.GetUtcNow(),
        });
        await DecideAsync(reply, ReplySuggestionStatus.Accepted, userId, ct);
        return [];
    }

    /// <summary>Marks "look for this payment" as taken: the clerk goes on to record or match the payment.</summary>
    public async Task<IReadOnlyList<ReplyActionError>> MarkTakenAsync(ReplyClassification reply, Guid? userId, CancellationToken ct)
    {
        var errors = new List<ReplyActionError>();
        if (!IsOpen(reply, errors))
        {
            return errors;
        }

        await DecideAsync(reply, ReplySuggestionStatus.Accepted, userId, ct);
        return [];
    }

    public Task DismissAsync(ReplyClassification reply, Guid? userId, CancellationToken ct) =>
        reply.Status == ReplySuggestionStatus.Open ? DecideAsync(reply, ReplySuggestionStatus.Dismissed, userId, ct) : Task.CompletedTask;

    /// <summary>A person has read the frustrated or angry reply: reminders resume and the manager's task is done.</summary>
    public async Task AcknowledgeAsync(ReplyClassification reply, Guid? userId, CancellationToken ct)
    {
        if (!reply.NeedsAcknowledgement || reply.AcknowledgedAt is not null)
        {
            return;
        }

        var now = time.GetUtcNow();
        reply.AcknowledgedAt = now;
        reply.AcknowledgedBy = userId;
        var key = ReplyIntake.ToneTaskKey(reply.InboundMessageId);
        var task = await db.CollectionTasks.FirstOrDefaultAsync(t => t.SourceKey == key, ct);
        if (task is not null)
        {
            task.Status = CollectionTaskStatus.Done;
            task.CompletedAt = now;
        }

        Timeline(reply.CustomerId!.Value, ActivityType.Reply, $"{char.ToUpperInvariant(reply.Tone[0])}{reply.Tone[1..]} reply acknowledged; reminders resume", userId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Puts an unmatched reply on a customer; it is classified again so its facts and tone apply to that customer.</summary>
    public async Task<IReadOnlyList<ReplyActionError>> AssignAsync(ReplyClassification reply, string customerName, Guid? userId, CancellationToken ct)
    {
        var name = customerName.Trim();
        var matches = name.Length == 0 ? [] : await db.Customers.AsNoTracking().Where(c => EF.Functions.ILike(c.Name, name) || c.ExternalId == name)
            .Select(c => new { c.Id, c.Name }).Take(2).ToListAsync(ct);
        if (matches.Count != 1)
        {
            return [new("CustomerName", matches.Count == 0 ? $"No customer is named '{name}'." : $"More than one customer matches '{name}'; use the customer number.")];
        }

        var message = await db.InboundMessages.FirstAsync(m => m.Id == reply.InboundMessageId, ct);
        message.CustomerId = matches[0].Id;
        db.ReplyClassifications.Remove(reply);
        var again = await intake.ClassifyAsync(message, reply.HtmlBody, ct);
        again.ClassifiedAt = time.GetUtcNow();
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = matches[0].Id,
            Type = ActivityType.Reply,
            At = message.ReceivedAt,
            Summary = Cut($"Reply from {message.FromAddress}: {message.Subject} (assigned from the unmatched queue)", 500),
            Body = Cut(message.TextBody, 4000),
            UserId = userId,
        });
        await db.SaveChangesAsync(ct);
        return [];
    }

    private static bool IsOpen(ReplyClassification reply, List<ReplyActionError> errors)
    {
        if (reply.CustomerId is null)
        {
            errors.Add(new("", "Put the reply on a customer first."));
        }
        else if (reply.Status != ReplySuggestionStatus.Open)
        {
            errors.Add(new("", $"This suggestion was already {reply.Status.ToString().ToLowerInvariant()}."));
        }

        return errors.Count == 0;
    }

    private async Task DecideAsync(ReplyClassification reply, ReplySuggestionStatus status, Guid? userId, CancellationToken ct)
    {
        reply.Status = status;
        reply.DecidedAt = time.GetUtcNow();
        reply.DecidedBy = userId;
        await db.SaveChangesAsync(ct);
    }

    private void Timeline(Guid customerId, ActivityType type, string summary, Guid? userId) => db.Activities.Add(new Activity
    {
        Id = Guid.CreateVersion7(),
        CustomerId = customerId,
        Type = type,
        At = time.GetUtcNow(),
        Summary = Cut(summary, 500),
        UserId = userId,
    });

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
