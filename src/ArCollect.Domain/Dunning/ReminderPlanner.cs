using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ArCollect.Domain.Dunning;

public sealed record InvoiceReminder(DunningInvoice Invoice, ReminderStep Step, int DaysOverdue);

public sealed record SkippedInvoice(DunningInvoice Invoice, string Reason);

/// <summary>
/// What one run decides for one customer: the invoices due for a step (all in one message), the tone, the recipients,
/// and why no email goes out if none does.
/// </summary>
public sealed record CustomerDecision(
    DunningCustomer Customer,
    IReadOnlyList<InvoiceReminder> Due,
    IReadOnlyList<SkippedInvoice> Skipped,
    ToneChoice? Tone,
    IReadOnlyList<DunningContact> Recipients,
    string? NoEmailReason)
{
    public ReminderStep? LeadStep => Due.Count == 0 ? null
        : Due.Select(d => d.Step).OrderByDescending(s => s.OffsetDays).ThenByDescending(s => s.Tone).First();

    public StepActions Actions => Due.Aggregate(StepActions.None, (all, d) => all | d.Step.Actions);

    public bool SendsEmail => NoEmailReason is null && Actions.HasFlag(StepActions.Email);

    /// <summary>Customer, lead step and the sorted invoice/step pairs: the same decision always yields the same key.</summary>
    public string IdempotencyKey
    {
        get
        {
            var lead = LeadStep ?? throw new InvalidOperationException("Nothing is due.");
            var pairs = string.Join(',', Due.Select(d => $"{d.Invoice.Id:N}:{d.Step.Id:N}").Order(StringComparer.Ordinal));
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pairs)))[..32];
            return $"reminder:{Customer.Id:N}:{lead.Id:N}:{hash}";
        }
    }
}

/// <summary>Decides, for one customer and one run date, which invoices reach which step of the policy.</summary>
public static class ReminderPlanner
{
    /// <summary>
    /// Each collectable invoice gets the latest step whose offset has been reached and whose conditions hold, unless
    /// that step or a later one was already reached: a missed run catches up with one reminder, never a burst.
    /// </summary>
    public static CustomerDecision Decide(
        DunningCustomer customer,
        IReadOnlyList<DunningInvoice> invoices,
        IReadOnlyList<DunningPromise> promises,
        IReadOnlyList<ReminderStep> steps,
        IReadOnlyList<ReachedStep> reached,
        DateOnly runDate)
    {
        var skipped = new List<SkippedInvoice>();
        var collectable = new List<DunningInvoice>();
        foreach (var invoice in invoices)
        {
            var reason = invoice.OpenAmount > 0m && customer.HoldReason is not null ? customer.HoldReason : StopReason(invoice, promises, runDate);
            if (reason is null)
            {
                // A partly disputed invoice is chased for its undisputed balance only, and the reminder says so.
                collectable.Add(invoice.ChaseableAmount < invoice.OpenAmount ? invoice with { OpenAmount = invoice.ChaseableAmount, DisputedAmount = 0m, IsDisputed = false } : invoice);
            }
            else
            {
                skipped.Add(new SkippedInvoice(invoice, reason));
            }
        }

        var overdueByCurrency = collectable.Where(i => i.DaysOverdueOn(runDate) > 0)
            .GroupBy(i => i.Currency)
            .ToDictionary(g => g.Key, g => g.Sum(i => i.OpenAmount));
        var stepsById = steps.ToDictionary(s => s.Id);
        var reachedByInvoice = reached.Where(r => stepsById.ContainsKey(r.StepId))
            .ToLookup(r => r.InvoiceId, r => stepsById[r.StepId].OffsetDays);

        var due = new List<InvoiceReminder>();
        foreach (var invoice in collectable)
        {
            var days = invoice.DaysOverdueOn(runDate);
            var overdue = overdueByCurrency.GetValueOrDefault(invoice.Currency);
            var step = steps.Where(s => s.OffsetDays <= days && Applies(s, customer, overdue))
                .OrderByDescending(s => s.OffsetDays)
                .FirstOrDefault();
            if (step is not null && !reachedByInvoice[invoice.Id].Any(offset => offset >= step.OffsetDays))
            {
                due.Add(new InvoiceReminder(invoice, step, days));
            }
        }

        due.Sort((a, b) => a.Invoice.DueDate != b.Invoice.DueDate
            ? a.Invoice.DueDate.CompareTo(b.Invoice.DueDate)
            : string.CompareOrdinal(a.Invoice.Number, b.Invoice.Number));
        var recipients = Recipients(customer);
        var partial = new CustomerDecision(customer, due, skipped, null, recipients, null);
        if (due.Count == 0)
        {
            return partial;
        }

        var tone = ToneRule.Choose(partial.LeadStep!.Tone, customer.History);
        var noEmail = customer.DoNotContact ? "Customer is marked do-not-contact."
            : recipients.Count == 0 ? "No deliverable contact: every contact address has bounced or none is on file."
            : null;
        return partial with { Tone = tone, NoEmailReason = noEmail };
    }

    public static string? StopReason(DunningInvoice invoice, IReadOnlyList<DunningPromise> promises, DateOnly runDate)
    {
        if (invoice.OpenAmount <= 0m)
        {
            return "Paid.";
        }

        if (invoice.IsDisputed && invoice.ChaseableAmount <= 0m)
        {
            return "Disputed in full: reminders pause until the dispute is resolved.";
        }

        var promise = promises
            .Where(p => p.Status == PromiseStatus.Open && p.PromisedDate.AddDays(p.GraceDays) >= runDate && (p.InvoiceId is null || p.InvoiceId == invoice.Id))
            .OrderByDescending(p => p.PromisedDate)
            .FirstOrDefault();
        if (promise is not null)
        {
            return $"Promised to pay by {promise.PromisedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.";
        }

        return invoice.OnPaymentPlanOnTrack ? "On a payment plan that is on track." : null;
    }

    public static bool Applies(ReminderStep step, DunningCustomer customer, decimal overdueInCurrency) =>
        (step.MinOverdueAmount is null || overdueInCurrency >= step.MinOverdueAmount)
        && (step.Segment is null || string.Equals(step.Segment, customer.Segment, StringComparison.OrdinalIgnoreCase))
        && (step.RiskBand is null || string.Equals(step.RiskBand, customer.RiskBand, StringComparison.OrdinalIgnoreCase));

    /// <summary>Primary contacts that have not bounced; if every primary bounced, any other contact that has not.</summary>
    public static IReadOnlyList<DunningContact> Recipients(DunningCustomer customer)
    {
        var live = customer.Contacts.Where(c => !c.Bounced).ToList();
        var primary = live.Where(c => c.IsPrimary).ToList();
        return primary.Count > 0 ? primary : live;
    }
}
