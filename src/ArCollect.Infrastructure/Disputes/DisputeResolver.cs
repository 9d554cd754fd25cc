using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Disputes;

/// <summary>
/// Resolves a dispute with its outcome, all in one transaction: a credit note or write-off for (part of) the disputed
/// amount through <see cref="InvoiceAdjustments"/>, a rebill (the invoice credited in full and a corrected draft
/// for the clerk to issue), or a rejection whose explanation is emailed to the customer. The invoices' disputed
/// amounts are released, so reminders chase what is still owed.
/// </summary>
public sealed class DisputeResolver(ArCollectDbContext db, DisputeService disputes, InvoiceAdjustments adjustments, InvoiceDrafts drafts, TimeProvider time)
{
    public async Task<DisputeResult> ResolveAsync(Guid disputeId, ResolveDisputeInput input, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dispute = await disputes.LockAsync(disputeId, cancellationToken);
        if (dispute is null)
        {
            return DisputeResult.Missing;
        }

        if (!dispute.IsOpen)
        {
            return DisputeResult.Fail("Outcome", $"The dispute is already {DisputeLifecycle.Label(dispute.Status).ToLowerInvariant()}.");
        }

        var items = dispute.Items.Count > 0 ? dispute.Items.Select(i => (i.InvoiceId, i.Amount)).ToList() : [(dispute.InvoiceId, dispute.Amount)];
        var outcome = input.Outcome!.Value;
        var explanation = string.IsNullOrWhiteSpace(input.Explanation) ? null : input.Explanation.Trim();
        var label = DisputeReasonCodes.DefaultLabel(dispute.ReasonCode);
        var summary = "";
        switch (outcome)
        {
            case DisputeOutcome.CreditNote or DisputeOutcome.WriteOff:
                {
                    var amount = input.Amount ?? dispute.Amount;
                    if (amount > dispute.Amount)
                    {
                        return Rollback(DisputeResult.Fail("Amount", $"{dispute.Currency} {amount:N2} is more than the disputed {dispute.Currency} {dispute.Amount:N2}: enter at most {dispute.Currency} {dispute.Amount:N2}."));
                    }

                    var left = amount;
                    foreach (var (invoiceId, itemAmount) in items)
                    {
                        var part = Math.Min(left, itemAmount);
                        if (part <= 0m)
                        {
                            break;
                        }

                        var adjustment = new AdjustmentInput { InvoiceId = invoiceId, Amount = part, Date = input.Date, Reason = $"Dispute: {label}" + (explanation is null ? "" : $" - {explanation}") };
                        var result = outcome == DisputeOutcome.CreditNote
                            ? await adjustments.CreditAsync(adjustment, cancellationToken)
                            : await adjustments.WriteOffAsync(adjustment, cancellationToken);
                        if (!result.Succeeded)
                        {
                            return Rollback(DisputeResult.Fail("Amount", result.Errors.Count > 0 ? result.Errors[0].Message : "The invoice is gone."));
                        }

                        if (outcome == DisputeOutcome.CreditNote)
                        {
                            dispute.CreditNoteId ??= result.Id;
                        }
                        else
                        {
                            dispute.WriteOffId ??= result.Id;
                        }

                        left -= part;
                    }

                    summary = outcome == DisputeOutcome.CreditNote
                        ? $"Dispute resolved with a credit note of {dispute.Currency} {amount:N2}"
                        : $"Dispute resolved: {dispute.Currency} {amount:N2} written off";
                    break;
                }

            case DisputeOutcome.Rebill:
                {
                    var invoice = await db.Invoices.Include(i => i.Lines).SingleAsync(i => i.Id == dispute.InvoiceId, cancellationToken);
                    if (invoice.AmountPaid > 0m || invoice.AmountCredited > 0m)
                    {
                        return Rollback(DisputeResult.Fail("Outcome", $"Invoice {invoice.Number} is already partly paid or credited, so it cannot be replaced: resolve with a credit note instead."));
                    }

                    var cancel = await adjustments.CreditAsync(new AdjustmentInput { InvoiceId = invoice.Id, Date = input.Date, Reason = $"Cancelled for a corrected invoice (dispute: {label})" }, cancellationToken);
                    if (!cancel.Succeeded)
                    {
                        return Rollback(DisputeResult.Fail("Outcome", cancel.Errors.Count > 0 ? cancel.Errors[0].Message : "The invoice is gone."));
                    }

                    var corrected = CorrectedDraft(invoice, dispute, label, input.Date);
                    var (draft, error) = await drafts.CreateAsync(corrected, dueFromTerms: true, cancellationToken);
                    if (draft is null)
                    {
                        return Rollback(DisputeResult.Fail("Outcome", error ?? "The corrected invoice could not be created."));
                    }

                    dispute.CreditNoteId = cancel.Id;
                    dispute.RebillInvoiceId = draft.Id;
                    summary = $"Dispute resolved: invoice {invoice.Number} cancelled with credit note {cancel.Number}; corrected draft created for review";
                    break;
                }

            default:
                {
                    if (await disputes.AddCommentAsync(dispute, explanation!, DisputeCommentKind.ToCustomer, cancellationToken) is null)
                    {
                        return Rollback(DisputeResult.Fail("Explanation", "The customer has no contact with a deliverable email address, so the rejection cannot be explained to them: add one on the customer first."));
                    }

                    summary = "Dispute rejected; the explanation was emailed to the customer";
                    break;
                }
        }

        var now = time.GetUtcNow();
        dispute.Status = DisputeStatus.Resolved;
        dispute.Outcome = outcome;
        dispute.Resolution = explanation;
        dispute.ResolvedOn = input.Date;
        dispute.ResolvedAt = now;
        disputes.Timeline(dispute, summary, explanation);
        await db.SaveChangesAsync(cancellationToken);
        await disputes.RecomputeAsync(items.Select(i => i.InvoiceId).Append(dispute.InvoiceId).Distinct().ToArray(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DisputeResult(dispute.Id, []);
    }

    private DisputeResult Rollback(DisputeResult result)
    {
        // The transaction is rolled back when disposed; tracked changes must not leak into a later save.
        db.ChangeTracker.Clear();
        return result;
    }

    /// <summary>The original's lines with the disputed amount taken off as a correction line, at the rate of the first line.</summary>
    private static InvoiceInput CorrectedDraft(Invoice invoice, Dispute dispute, string label, DateOnly date)
    {
        var lines = invoice.Lines.Where(l => l.LateFeePeriod == null).OrderBy(l => l.LineNumber)
            .Select(l => new InvoiceLineInput { Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice, TaxRate = l.TaxRate })
            .ToList();
        var rate = lines.Count > 0 ? lines[0].TaxRate : 0m;
        var disputedHere = dispute.Items.Where(i => i.InvoiceId == invoice.Id).Sum(i => i.Amount);
        var net = Math.Round((dispute.Items.Count == 0 ? dispute.Amount : disputedHere) / (1 + (rate / 100m)), 2, MidpointRounding.AwayFromZero);
        lines.Add(new InvoiceLineInput { Description = $"Correction agreed in dispute ({label})", Quantity = 1m, UnitPrice = -net, TaxRate = rate });
        return new InvoiceInput
        {
            CustomerId = invoice.CustomerId,
            IssueDate = date,
            DueDate = date,
            Currency = invoice.Currency,
            Terms = invoice.Terms,
            PurchaseOrder = invoice.PurchaseOrder,
            Notes = $"Replaces invoice {invoice.Number}.",
            Lines = lines,
        };
    }
}
