using ArCollect.Domain.Activities;
using ArCollect.Domain.Customers;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Disputes;

public sealed record DisputeResult(Guid? Id, IReadOnlyList<(string Field, string Message)> Errors, bool NotFound = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound;

    public static DisputeResult Fail(string field, string message) => new(null, [(field, message)]);

    public static readonly DisputeResult Missing = new(null, [], NotFound: true);
}

/// <summary>
/// Opens disputes (routed, with an SLA due time), moves them between states, and records notes and messages to the
/// customer. Every change keeps the covered invoices' disputed amounts, writes the timeline entry and (through the
/// audit interceptor) the audit entry in one transaction.
/// </summary>
public sealed class DisputeService(ArCollectDbContext db, TenantContext tenant, TimeProvider time)
{
    public async Task<DisputeResult> OpenAsync(OpenDisputeInput input, CancellationToken cancellationToken)
    {
        var codes = await DisputeSetup.ReasonCodesAsync(db, cancellationToken);
        if (!codes.TryGetValue(input.ReasonCode.Trim(), out var code) || !code.IsActive)
        {
            return DisputeResult.Fail("ReasonCode", $"\"{input.ReasonCode}\" is not one of your reason codes: choose one from the list.");
        }

        // Joins a caller's transaction (an API request claiming its Idempotency-Key) instead of opening a second one.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var ids = input.Items.Select(i => i.InvoiceId).Distinct().ToArray();
        var invoices = await db.Invoices.FromSql($"SELECT * FROM invoices WHERE id = ANY({ids}) FOR UPDATE")
            .Include(i => i.Lines).ToDictionaryAsync(i => i.Id, cancellationToken);
        var disputedNow = await DisputedByInvoiceAsync(ids, cancellationToken);
        var errors = new List<(string, string)>();
        var asked = new Dictionary<Guid, decimal>();
        for (var n = 0; n < input.Items.Count; n++)
        {
            var item = input.Items[n];
            if (!invoices.TryGetValue(item.InvoiceId, out var invoice))
            {
                errors.Add(($"Items[{n}].InvoiceId", "The invoice does not exist in your company."));
                continue;
            }

            var amount = item.Amount ?? 0m;
            if (invoice.State != InvoiceState.Issued)
            {
                errors.Add(($"Items[{n}].InvoiceId", $"Invoice {invoice.Number} is not issued; only issued invoices can be disputed."));
            }
            else if (invoice.CustomerId != invoices[input.Items[0].InvoiceId].CustomerId || invoice.Currency != invoices[input.Items[0].InvoiceId].Currency)
            {
                errors.Add(($"Items[{n}].InvoiceId", $"Invoice {invoice.Number} belongs to another customer or currency: one dispute covers one customer's invoices in one currency."));
            }
            else if (item.InvoiceLineId is { } lineId && invoice.Lines.FirstOrDefault(l => l.Id == lineId) is not { } line)
            {
                errors.Add(($"Items[{n}].InvoiceLineId", $"The line is not on invoice {invoice.Number}."));
            }
            else if (item.InvoiceLineId is { } lineId2 && amount > LineGross(invoice.Lines.First(l => l.Id == lineId2)))
            {
                var gross = LineGross(invoice.Lines.First(l => l.Id == lineId2));
                errors.Add(($"Items[{n}].Amount", $"The disputed amount {invoice.Currency} {amount:N2} is more than the line's {invoice.Currency} {gross:N2}."));
            }
            else
            {
                var free = invoice.Balance - disputedNow.GetValueOrDefault(invoice.Id) - asked.GetValueOrDefault(invoice.Id);
                if (amount > free)
                {
                    errors.Add(($"Items[{n}].Amount", $"The disputed amount {invoice.Currency} {amount:N2} is more than the open amount not already disputed on invoice {invoice.Number}: enter at most {invoice.Currency} {Math.Max(0m, free):N2}."));
                }

                asked[invoice.Id] = asked.GetValueOrDefault(invoice.Id) + amount;
            }
        }

        if (errors.Count > 0)
        {
            return new DisputeResult(null, errors);
        }

        var first = invoices[input.Items[0].InvoiceId];
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == first.CustomerId, cancellationToken);
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7();
        var total = input.Items.Sum(i => i.Amount ?? 0m);
        var dispute = new Dispute
        {
            Id = id,
            CustomerId = customer.Id,
            InvoiceId = first.Id,
            Reason = code.Category,
            ReasonCode = code.Code,
            Status = DisputeStatus.Open,
            Amount = total,
            Currency = first.Currency,
            Priority = input.Priority ?? (customer.IsKeyAccount ? DisputePriority.High : DisputePriority.Normal),
            OpenedOn = TenantToday(now),
            OpenedAt = now,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
            Items = input.Items.Select(i => new DisputeItem { Id = Guid.CreateVersion7(), DisputeId = id, InvoiceId = i.InvoiceId, InvoiceLineId = i.InvoiceLineId, Amount = i.Amount ?? 0m }).ToList(),
        };
        await RouteAsync(dispute, customer, cancellationToken);
        var policies = await db.DisputeSlaPolicies.AsNoTracking().ToListAsync(cancellationToken);
        dispute.DueAt = DisputeSla.DueAt(now, DisputeSla.PolicyFor(policies, dispute.ReasonCode, dispute.Priority), dispute.Priority);
        db.Disputes.Add(dispute);
        var numbers = string.Join(", ", input.Items.Select(i => invoices[i.InvoiceId].Number).Distinct());
        Timeline(dispute, $"Dispute opened on {numbers}: {code.Label} ({dispute.Currency} {total:N2}), routed to {dispute.RoutedBy ?? "nobody"}", dispute.Notes);
        await db.SaveChangesAsync(cancellationToken);
        await RecomputeAsync(ids, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new DisputeResult(id, []);
    }

    public async Task<DisputeResult> ChangeStatusAsync(Guid disputeId, DisputeStatus to, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dispute = await LockAsync(disputeId, cancellationToken);
        if (dispute is null)
        {
            return DisputeResult.Missing;
        }

        if (DisputeLifecycle.CannotMove(dispute.Status, to) is { } why)
        {
            return DisputeResult.Fail("Status", why);
        }

        var from = dispute.Status;
        dispute.Status = to;
        var now = time.GetUtcNow();
        if (to == DisputeStatus.Withdrawn)
        {
            dispute.ResolvedAt = now;
            dispute.ResolvedOn = TenantToday(now);
        }

        Timeline(dispute, $"Dispute {DisputeLifecycle.Label(from).ToLowerInvariant()} -> {DisputeLifecycle.Label(to).ToLowerInvariant()}", null);
        await db.SaveChangesAsync(cancellationToken);
        await RecomputeAsync(dispute.Items.Select(i => i.InvoiceId).Append(dispute.InvoiceId).Distinct().ToArray(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DisputeResult(dispute.Id, []);
    }

    public async Task<DisputeResult> AssignAsync(Guid disputeId, Guid? ownerUserId, DisputePriority priority, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dispute = await LockAsync(disputeId, cancellationToken);
        if (dispute is null)
        {
            return DisputeResult.Missing;
        }

        if (ownerUserId is { } owner && !await db.Users.AnyAsync(u => u.Id == owner && u.TenantId == tenant.TenantId, cancellationToken))
        {
            return DisputeResult.Fail("OwnerUserId", "Choose a user of your company.");
        }

        if (dispute.Priority != priority && dispute.OpenedAt is { } openedAt)
        {
            var policies = await db.DisputeSlaPolicies.AsNoTracking().ToListAsync(cancellationToken);
            dispute.DueAt = DisputeSla.DueAt(openedAt, DisputeSla.PolicyFor(policies, dispute.ReasonCode, priority), priority);
        }

        dispute.Priority = priority;
        if (dispute.OwnerUserId != ownerUserId)
        {
            dispute.OwnerUserId = ownerUserId;
            dispute.RoutedBy = null;
        }

        Timeline(dispute, $"Dispute assigned (priority {priority.ToString().ToLowerInvariant()})", null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DisputeResult(dispute.Id, []);
    }

    /// <summary>An internal note, or a message emailed to the customer's primary contact through the outbox.</summary>
    public async Task<DisputeResult> CommentAsync(Guid disputeId, DisputeCommentInput input, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dispute = await LockAsync(disputeId, cancellationToken);
        if (dispute is null)
        {
            return DisputeResult.Missing;
        }

        var comment = await AddCommentAsync(dispute, input.Body.Trim(), input.ToCustomer ? DisputeCommentKind.ToCustomer : DisputeCommentKind.Internal, cancellationToken);
        if (comment is null)
        {
            return DisputeResult.Fail("Body", "The customer has no contact with a deliverable email address: add one on the customer first.");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DisputeResult(comment.Id, []);
    }

    /// <summary>
    /// The customer's answer in the portal to one of their own disputes: a message from the customer on the dispute
    /// and on the timeline. A dispute waiting on the customer goes back to review.
    /// </summary>
    public async Task<DisputeResult> CustomerMessageAsync(Guid disputeId, Guid customerId, string? body, CancellationToken cancellationToken)
    {
        var text = body?.Trim() ?? "";
        var validation = await new DisputeCommentInputValidator().ValidateAsync(new DisputeCommentInput { Body = text }, cancellationToken);
        if (!validation.IsValid)
        {
            return DisputeResult.Fail("Body", validation.Errors[0].ErrorMessage);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dispute = await LockAsync(disputeId, cancellationToken);
        if (dispute is null || dispute.CustomerId != customerId)
        {
            return DisputeResult.Missing;
        }

        if (dispute.Status is DisputeStatus.Resolved or DisputeStatus.Withdrawn)
        {
            return DisputeResult.Fail("Body", "This dispute is closed; raise a new one if something is still wrong.");
        }

        var now = time.GetUtcNow();
        db.DisputeComments.Add(new DisputeComment { Id = Guid.CreateVersion7(), DisputeId = dispute.Id, Kind = DisputeCommentKind.FromCustomer, Body = text, At = now });
        if (dispute.Status == DisputeStatus.WaitingOnCustomer)
        {
            dispute.Status = DisputeStatus.InReview;
        }

        Timeline(dispute, "Customer answered in the portal about the dispute", text);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DisputeResult(dispute.Id, []);
    }

    /// <summary>Adds the comment (and for the customer its outbox email) to the unit of work; null when the customer cannot be emailed.</summary>
    internal async Task<DisputeComment?> AddCommentAsync(Dispute dispute, string body, DisputeCommentKind kind, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var comment = new DisputeComment { Id = Guid.CreateVersion7(), DisputeId = dispute.Id, Kind = kind, Body = body, UserId = tenant.UserId, At = now };
        if (kind == DisputeCommentKind.ToCustomer)
        {
            var to = await db.Contacts.AsNoTracking().Where(c => c.CustomerId == dispute.CustomerId && !c.Bounced && c.Email != "")
                .OrderByDescending(c => c.IsPrimary).Select(c => c.Email).FirstOrDefaultAsync(cancellationToken);
            if (to is null)
            {
                return null;
            }

            var number = await db.Invoices.AsNoTracking().Where(i => i.Id == dispute.InvoiceId).Select(i => i.Number).SingleAsync(cancellationToken);
            var message = new OutboxMessage
            {
                Id = Guid.CreateVersion7(),
                IdempotencyKey = $"dispute-message:{comment.Id:N}",
                Kind = MessageKind.Notification,
                CustomerId = dispute.CustomerId,
                ToAddresses = to,
                Subject = $"Your dispute about invoice {number}",
                TextBody = body,
                MessageId = MessageComposer.NewMessageId("arcollect.disputes"),
                NotBefore = now,
                CreatedAt = now,
            };
            await OutboxWriter.EnqueueAsync(db, message, cancellationToken);
            comment.OutboxMessageId = message.Id;
        }

        db.DisputeComments.Add(comment);
        Timeline(dispute, kind == DisputeCommentKind.ToCustomer ? "Message sent to the customer about the dispute" : "Internal note on the dispute", body);
        return comment;
    }

    internal void Timeline(Dispute dispute, string summary, string? body) =>
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = dispute.CustomerId,
            InvoiceId = dispute.InvoiceId,
            Type = ActivityType.Dispute,
            At = time.GetUtcNow(),
            UserId = tenant.UserId,
            Summary = summary.Length > 500 ? summary[..497] + "..." : summary,
            Body = body,
        });

    internal async Task<Dispute?> LockAsync(Guid disputeId, CancellationToken cancellationToken) =>
        await db.Disputes.FromSql($"SELECT * FROM disputes WHERE id = {disputeId} FOR UPDATE").Include(d => d.Items).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Sets each invoice's disputed amount (capped at its balance) and flag from its live disputes.</summary>
    internal async Task RecomputeAsync(Guid[] invoiceIds, CancellationToken cancellationToken)
    {
        var disputed = await DisputedByInvoiceAsync(invoiceIds, cancellationToken);
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToListAsync(cancellationToken);
        foreach (var invoice in invoices)
        {
            var amount = Math.Min(disputed.GetValueOrDefault(invoice.Id), Math.Max(0m, invoice.Balance));
            invoice.DisputedAmount = amount;
            invoice.IsDisputed = disputed.ContainsKey(invoice.Id) && amount > 0m;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Disputed amount per invoice over live disputes: their items, or the dispute's own invoice and amount when it has none.</summary>
    private async Task<Dictionary<Guid, decimal>> DisputedByInvoiceAsync(Guid[] invoiceIds, CancellationToken cancellationToken)
    {
        string[] live = [nameof(DisputeStatus.Open), nameof(DisputeStatus.InReview), nameof(DisputeStatus.WaitingOnCustomer)];
        var tenantId = tenant.RequiredTenantId;
        var rows = await db.Database.SqlQuery<DisputedRow>($"""
            SELECT x.invoice_id, sum(x.amount) AS amount FROM (
                SELECT i.invoice_id, i.amount FROM dispute_items i JOIN disputes d ON d.id = i.dispute_id AND d.tenant_id = i.tenant_id
                WHERE i.tenant_id = {tenantId} AND d.status = ANY({live}) AND i.invoice_id = ANY({invoiceIds})
                UNION ALL
                SELECT d.invoice_id, d.amount FROM disputes d
                WHERE d.tenant_id = {tenantId} AND d.status = ANY({live}) AND d.invoice_id = ANY({invoiceIds})
                  AND NOT EXISTS (SELECT 1 FROM dispute_items i WHERE i.tenant_id = d.tenant_id AND i.dispute_id = d.id)
            ) x GROUP BY x.invoice_id
            """).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.InvoiceId, r => r.Amount);
    }

    private async Task RouteAsync(Dispute dispute, Customer customer, CancellationToken cancellationToken)
    {
        var rules = await db.DisputeRoutingRules.AsNoTracking().ToListAsync(cancellationToken);
        var rule = DisputeRouter.Match(rules, new RoutingFacts(dispute.ReasonCode, dispute.Amount, customer.Segment, customer.IsKeyAccount));
        if (rule is null)
        {
            dispute.OwnerUserId = customer.CollectorId;
            dispute.RoutedBy = customer.CollectorId is null ? null : "customer's collector";
            return;
        }

        dispute.Priority = rule.Priority ?? dispute.Priority;
        dispute.RoutedBy = DisputeRouter.Describe(rule);
        if (rule.UserId is { } user)
        {
            dispute.OwnerUserId = user;
            return;
        }

        // The team row is locked so two disputes opened at once never go to the same member's turn.
        var team = await db.DisputeTeams.FromSql($"SELECT * FROM dispute_teams WHERE id = {rule.TeamId!.Value} FOR UPDATE").SingleAsync(cancellationToken);
        dispute.TeamId = team.Id;
        dispute.OwnerUserId = DisputeRouter.NextMember(team) ?? customer.CollectorId;
        dispute.RoutedBy = $"{dispute.RoutedBy} -> team {team.Name}";
    }

    private static decimal LineGross(InvoiceLine line) => line.NetAmount + line.TaxAmount;

    private static DateOnly TenantToday(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    private sealed record DisputedRow(Guid InvoiceId, decimal Amount);
}
