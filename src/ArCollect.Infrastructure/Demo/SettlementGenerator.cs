using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;

namespace ArCollect.Infrastructure.Demo;

/// <summary>Money a customer sends for one invoice on one day; combinable receipts may share one payment with another invoice.</summary>
internal sealed record Receipt(CustomerProfile Profile, Invoice Invoice, DateOnly On, decimal Amount, bool Combinable);

/// <summary>
/// Decides what happens to each invoice after issue: disputes and their outcome (credit note, rebill, rejection),
/// write-offs of bad debt, and the receipts that pay it: in full, in two parts, short, or not (yet).
/// Receipts dated after today are kept out of the ledger, which is what leaves invoices open.
/// </summary>
internal sealed class SettlementGenerator(DemoRandom random, DemoOptions options)
{
    private static readonly (DisputeReason Reason, double Weight)[] Reasons =
    [
        (DisputeReason.PricingError, 30), (DisputeReason.QuantityMismatch, 20), (DisputeReason.DamagedGoods, 12),
        (DisputeReason.NotReceived, 10), (DisputeReason.DuplicateBilling, 6), (DisputeReason.ServiceQuality, 15),
        (DisputeReason.Other, 7),
    ];

    /// <summary>Outcomes depend on the reason (damaged goods are mostly credited, "not received" mostly rejected), as in real ledgers.</summary>
    private static (DisputeOutcome Outcome, double Weight)[] OutcomesFor(DisputeReason reason, PaymentBehaviour behaviour)
    {
        var rejectMore = behaviour == PaymentBehaviour.Disputer ? 15 : 0;
        return reason switch
        {
            DisputeReason.DamagedGoods => [(DisputeOutcome.CreditNote, 75), (DisputeOutcome.Rebill, 5), (DisputeOutcome.Rejected, 20 + rejectMore)],
            DisputeReason.PricingError => [(DisputeOutcome.CreditNote, 45), (DisputeOutcome.Rebill, 35), (DisputeOutcome.Rejected, 20 + rejectMore)],
            DisputeReason.QuantityMismatch => [(DisputeOutcome.CreditNote, 60), (DisputeOutcome.Rebill, 15), (DisputeOutcome.Rejected, 25 + rejectMore)],
            DisputeReason.NotReceived => [(DisputeOutcome.CreditNote, 20), (DisputeOutcome.Rebill, 5), (DisputeOutcome.Rejected, 75 + rejectMore)],
            DisputeReason.DuplicateBilling => [(DisputeOutcome.CreditNote, 10), (DisputeOutcome.Rebill, 80), (DisputeOutcome.Rejected, 10 + rejectMore)],
            DisputeReason.ServiceQuality => [(DisputeOutcome.CreditNote, 40), (DisputeOutcome.Rebill, 5), (DisputeOutcome.Rejected, 55 + rejectMore)],
            _ => [(DisputeOutcome.CreditNote, 30), (DisputeOutcome.Rebill, 10), (DisputeOutcome.Rejected, 60 + rejectMore)],
        };
    }

    /// <summary>Hours to resolve by priority, as the demo tenant's SLA policies say (see <see cref="DemoDisputeSetup"/>).</summary>
    internal static int SlaHours(DisputePriority priority) => priority switch
    {
        DisputePriority.High => 10 * 24,
        DisputePriority.Low => 30 * 24,
        _ => 21 * 24,
    };

    public List<Receipt> Receipts { get; } = [];
    public List<Dispute> Disputes { get; } = [];
    public List<CreditNote> CreditNotes { get; } = [];
    public List<WriteOff> WriteOffs { get; } = [];

    /// <summary>Replacement invoices and the credited invoice each replaces, to reference once numbers exist.</summary>
    public List<(Invoice Replacement, Invoice Original)> Rebills { get; } = [];

    /// <summary>The last day money, a credit or a write-off touched each invoice.</summary>
    public Dictionary<Guid, DateOnly> LastMovement { get; } = [];

    /// <summary>Settles every draft; rebills append replacement drafts, which are settled in the same pass.</summary>
    public void Settle(List<InvoiceDraft> drafts)
    {
        var originals = drafts.Count;
        for (var i = 0; i < drafts.Count; i++)
        {
            var (invoice, profile) = drafts[i];
            var planned = PaymentTiming.PlannedPayment(random, profile, invoice);
            var disputeChance = i >= originals ? 0 : profile.Behaviour == PaymentBehaviour.Disputer ? 0.2 : 0.015;
            if (random.Chance(disputeChance) && TryDispute(drafts, profile, invoice, planned))
            {
                continue;
            }

            if (planned is { } date)
            {
                Pay(profile, invoice, date);
            }
            else
            {
                MaybeWriteOff(invoice);
            }
        }
    }

    private bool TryDispute(List<InvoiceDraft> drafts, CustomerProfile profile, Invoice invoice, DateOnly? planned)
    {
        // Customers dispute before they pay, and only what they have had time to look at.
        var opened = DemoCalendar.NextWeekday(invoice.IssueDate.AddDays(random.Between(3, 25)));
        if (opened > options.Today || (planned is { } p && opened >= p))
        {
            return false;
        }

        var reason = random.PickWeighted(Reasons);
        var wholeInvoice = reason is DisputeReason.DuplicateBilling or DisputeReason.NotReceived || random.Chance(0.5);
        var amount = wholeInvoice ? invoice.Total : Math.Round(invoice.Total * (decimal)random.Between(0.1, 0.5), 2);
        var resolved = DemoCalendar.NextWeekday(opened.AddDays(random.Between(7, 60)));
        var live = resolved > options.Today;
        DisputeOutcome? outcome = live ? null : random.PickWeighted(OutcomesFor(reason, profile.Behaviour));
        var id = random.NextGuid(DemoCalendar.AtUtc(opened, 9, random.Between(0, 59)));

        // Priority, live status and routing follow from what is already known, so the rest of the ledger is unchanged.
        var priority = profile.Customer.IsKeyAccount || amount >= 5_000m ? DisputePriority.High : amount < 200m ? DisputePriority.Low : DisputePriority.Normal;
        var openedAt = DemoCalendar.AtUtc(opened, 9, 0);
        var dueAt = openedAt.AddHours(SlaHours(priority));
        var resolvedAt = live ? (DateTimeOffset?)null : DemoCalendar.AtUtc(resolved, 14, 0);
        var nowish = DemoCalendar.AtUtc(options.Today, 9, 0);
        Disputes.Add(new Dispute
        {
            Id = id,
            TenantId = invoice.TenantId,
            CustomerId = invoice.CustomerId,
            InvoiceId = invoice.Id,
            Reason = reason,
            Status = !live ? DisputeStatus.Resolved
                : (id.ToByteArray()[15] & 3) switch { 0 => DisputeStatus.InReview, 1 => DisputeStatus.WaitingOnCustomer, _ => DisputeStatus.Open },
            Outcome = outcome,
            Amount = amount,
            Currency = invoice.Currency,
            Priority = priority,
            OwnerUserId = profile.Customer.CollectorId,
            RoutedBy = profile.Customer.CollectorId is null ? null : "customer's collector",
            OpenedOn = opened,
            OpenedAt = openedAt,
            DueAt = dueAt,
            ResolvedOn = live ? null : resolved,
            ResolvedAt = resolvedAt,
            SlaBreachedAt = (resolvedAt ?? nowish) > dueAt ? dueAt : null,
            Resolution = outcome == DisputeOutcome.Rejected ? DemoPhrases.Rejection(reason) : null,
            Notes = DemoPhrases.DisputeNote(random, reason),
            Items = [new DisputeItem { Id = ItemId(id), TenantId = invoice.TenantId, DisputeId = id, InvoiceId = invoice.Id, Amount = amount }],
        });

        var dispute = Disputes[^1];
        switch (outcome)
        {
            case null:
                invoice.IsDisputed = true;
                invoice.DisputedAmount = amount;
                break;
            case DisputeOutcome.CreditNote:
                Credit(invoice, amount, resolved, $"Dispute settled: {DemoPhrases.Label(reason)}");
                dispute.CreditNoteId = CreditNotes[^1].Id;
                PayRest(profile, invoice, resolved);
                break;
            case DisputeOutcome.Rebill:
                Credit(invoice, invoice.Total, resolved, $"Cancelled for rebilling: {DemoPhrases.Label(reason)}");
                dispute.CreditNoteId = CreditNotes[^1].Id;
                Rebill(drafts, profile, invoice, wholeInvoice ? 0m : amount, reason, resolved);
                break;
            default:
                PayRest(profile, invoice, resolved);
                break;
        }

        return true;
    }

    // The item's id is derived from the dispute's, so adding items draws nothing more from the generator.
    private static Guid ItemId(Guid disputeId)
    {
        var bytes = disputeId.ToByteArray();
        bytes[0] ^= 0x5A;
        return new Guid(bytes);
    }

    private void Rebill(List<InvoiceDraft> drafts, CustomerProfile profile, Invoice original, decimal disputed, DisputeReason reason, DateOnly on)
    {
        // A duplicate bill is simply cancelled; otherwise the customer is billed again for what it does owe.
        if (reason == DisputeReason.DuplicateBilling)
        {
            return;
        }

        var net = Math.Round(original.Subtotal * (1m - (disputed / original.Total)), 2, MidpointRounding.AwayFromZero);
        if (net <= 0m)
        {
            return;
        }

        var replacement = InvoiceGenerator.CreateReplacement(random, profile, original, net, on);
        drafts.Add(new InvoiceDraft(replacement, profile));
        Rebills.Add((replacement, original));
    }

    private void PayRest(CustomerProfile profile, Invoice invoice, DateOnly resolved)
    {
        if (invoice.OpenAmount > 0m)
        {
            var slack = profile.Behaviour is PaymentBehaviour.PromptPayer or PaymentBehaviour.EarlyWithDiscount ? 5 : 25;
            Pay(profile, invoice, DemoCalendar.NextWeekday(resolved.AddDays(random.Between(2, slack))));
        }
    }

    private void Pay(CustomerProfile profile, Invoice invoice, DateOnly date)
    {
        var open = invoice.OpenAmount;
        if (open <= 0m)
        {
            return;
        }

        // Disputers often deduct a little without saying why: a short payment that leaves a small balance open.
        if (profile.Behaviour == PaymentBehaviour.Disputer && random.Chance(0.25))
        {
            Receipts.Add(new Receipt(profile, invoice, date, Math.Round(open * (decimal)random.Between(0.9, 0.98), 2), Combinable: false));
            return;
        }

        if (open >= 20m && random.Chance(0.08))
        {
            var first = Math.Round(open * (decimal)random.Between(0.3, 0.7), 2);
            var firstOn = DemoCalendar.NextWeekday(date.AddDays(-random.Between(7, 30)));
            Receipts.Add(new Receipt(profile, invoice, firstOn < invoice.IssueDate ? invoice.IssueDate : firstOn, first, Combinable: false));
            Receipts.Add(new Receipt(profile, invoice, date, open - first, Combinable: false));
            return;
        }

        Receipts.Add(new Receipt(profile, invoice, date, open, Combinable: true));
    }

    private void Credit(Invoice invoice, decimal amount, DateOnly on, string reason)
    {
        var createdAt = DemoCalendar.AtUtc(on, 11, random.Between(0, 59));
        CreditNotes.Add(new CreditNote
        {
            Id = random.NextGuid(createdAt),
            TenantId = invoice.TenantId,
            CustomerId = invoice.CustomerId,
            InvoiceId = invoice.Id,
            Number = "",
            IssueDate = on,
            Amount = amount,
            Currency = invoice.Currency,
            Reason = reason,
            CreatedAt = createdAt,
        });
        invoice.AmountCredited += amount;
        Touch(invoice, on);
    }

    /// <summary>Bad debt is written off once it is long past due, as an AR team would after giving up on collection.</summary>
    private void MaybeWriteOff(Invoice invoice)
    {
        var on = DemoCalendar.NextWeekday(invoice.DueDate.AddDays(random.Between(150, 240)));
        if (on <= options.Today && random.Chance(0.9))
        {
            // Booked as a write-off record too, as InvoiceAdjustments books one, so the invoice's written-off amount
            // is the sum of its write-offs and the daily facts see the day it happened.
            var createdAt = DemoCalendar.AtUtc(on, 15, 0);
            WriteOffs.Add(new WriteOff
            {
                Id = DemoRandom.Derived(invoice.Id, createdAt),
                TenantId = invoice.TenantId,
                CustomerId = invoice.CustomerId,
                InvoiceId = invoice.Id,
                WrittenOffOn = on,
                Amount = invoice.OpenAmount,
                Currency = invoice.Currency,
                Reason = "Bad debt: no payment after repeated reminders",
                CreatedAt = createdAt,
            });
            invoice.AmountWrittenOff = invoice.OpenAmount;
            Touch(invoice, on);
        }
    }

    public void Touch(Invoice invoice, DateOnly on)
    {
        if (!LastMovement.TryGetValue(invoice.Id, out var last) || on > last)
        {
            LastMovement[invoice.Id] = on;
        }
    }
}
