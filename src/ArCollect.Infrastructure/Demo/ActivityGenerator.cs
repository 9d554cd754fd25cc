using ArCollect.Domain.Activities;
using ArCollect.Domain.Customers;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;

namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// Writes the customer timelines from the finished ledger: every payment, dispute and write-off, plus the
/// reminders, calls, promises and escalations a collector would have logged on late invoices (at most two of
/// those per customer and month, to keep volume like a real team's).
/// </summary>
internal sealed class ActivityGenerator(DemoRandom random, DemoOptions options, Guid tenantId)
{
    private const int MaxTouchesPerCustomerMonth = 2;

    private readonly List<Activity> activities = [];
    private readonly Dictionary<(Guid Customer, int Month), int> touches = [];

    public List<Activity> Generate(
        IReadOnlyDictionary<Guid, Customer> customers,
        IReadOnlyList<Invoice> invoices,
        IReadOnlyList<Payment> payments,
        IReadOnlyList<Dispute> disputes,
        IReadOnlyList<CreditNote> creditNotes)
    {
        var invoicesById = invoices.ToDictionary(i => i.Id);
        foreach (var payment in payments)
        {
            var first = invoicesById[payment.Allocations[0].InvoiceId];
            var numbers = string.Join(", ", payment.Allocations.Select(a => invoicesById[a.InvoiceId].Number));
            Add(payment.CustomerId, first.Id, ActivityType.Payment, payment.CreatedAt, null,
                $"Payment {payment.Reference} of {DemoPhrases.Amount(payment.Currency, payment.Amount)} received for {numbers}");
        }

        var creditByInvoice = creditNotes.Where(c => c.InvoiceId.HasValue).ToLookup(c => c.InvoiceId!.Value);
        foreach (var dispute in disputes)
        {
            AddDispute(customers[dispute.CustomerId], invoicesById[dispute.InvoiceId], dispute, creditByInvoice[dispute.InvoiceId].FirstOrDefault());
        }

        var disputed = disputes.Select(d => d.InvoiceId).ToHashSet();
        foreach (var invoice in invoices.Where(i => !disputed.Contains(i.Id)))
        {
            AddCollectionTouches(customers[invoice.CustomerId], invoice);
        }

        return activities.OrderBy(a => a.At).ToList();
    }

    private void AddDispute(Customer customer, Invoice invoice, Dispute dispute, CreditNote? creditNote)
    {
        var opened = DemoCalendar.AtUtc(dispute.OpenedOn, 9, random.Between(0, 59));
        Add(customer.Id, invoice.Id, ActivityType.Dispute, opened, customer.CollectorId,
            $"Dispute opened on {invoice.Number}: {DemoPhrases.Label(dispute.Reason)} ({DemoPhrases.Amount(invoice.Currency, dispute.Amount)})",
            dispute.Notes);

        if (dispute.ResolvedOn is not { } resolvedOn)
        {
            return;
        }

        var outcome = dispute.Outcome switch
        {
            DisputeOutcome.CreditNote => $"resolved with credit note {creditNote?.Number}",
            DisputeOutcome.Rebill => $"resolved: invoice cancelled with credit note {creditNote?.Number} and rebilled",
            _ => "rejected; the invoice stands as billed",
        };
        Add(customer.Id, invoice.Id, ActivityType.StatusChange, DemoCalendar.AtUtc(resolvedOn, 14, random.Between(0, 59)),
            customer.CollectorId, $"Dispute on {invoice.Number} {outcome}");
    }

    private void AddCollectionTouches(Customer customer, Invoice invoice)
    {
        if (invoice.AmountWrittenOff > 0m && invoice.SettledOn is { } writtenOff)
        {
            Add(customer.Id, invoice.Id, ActivityType.StatusChange, DemoCalendar.AtUtc(writtenOff, 15, random.Between(0, 59)),
                customer.CollectorId, $"{invoice.Number} written off as uncollectible ({DemoPhrases.Amount(invoice.Currency, invoice.AmountWrittenOff)})");
        }

        var overdueUntil = invoice.SettledOn ?? options.Today;
        var daysLate = overdueUntil.DayNumber - invoice.DueDate.DayNumber;
        if (daysLate <= 7)
        {
            return;
        }

        if (!customer.DoNotContact)
        {
            TryTouch(customer, invoice, 7, daysLate, 8, ActivityType.Email, null,
                $"Reminder sent for {invoice.Number}, due {DemoPhrases.Date(invoice.DueDate)}", null);
        }

        if (daysLate > 21 && !customer.DoNotContact
            && TryTouch(customer, invoice, 21, daysLate, 11, ActivityType.Call, customer.CollectorId,
                $"Call about {invoice.Number}", DemoPhrases.CallOutcome(random))
            && invoice.SettledOn is { } paidOn && daysLate <= 40 && random.Chance(0.6))
        {
            TryTouch(customer, invoice, 21, daysLate, 12, ActivityType.PromiseToPay, customer.CollectorId,
                $"Promise to pay {invoice.Number} by {DemoPhrases.Date(paidOn)}", null);
        }

        if (daysLate > 60 && random.Chance(0.5))
        {
            TryTouch(customer, invoice, 60, daysLate, 16, ActivityType.Note, customer.CollectorId,
                DemoPhrases.Escalation(random, invoice.Number), null);
        }
    }

    /// <summary>Logs a collection step some days after the due date, if the invoice was still late then and the month's quota allows.</summary>
    private bool TryTouch(Customer customer, Invoice invoice, int daysAfterDue, int daysLate, int hour, ActivityType type, Guid? userId, string summary, string? body)
    {
        var on = DemoCalendar.NextWeekday(invoice.DueDate.AddDays(daysAfterDue));
        if (on.DayNumber - invoice.DueDate.DayNumber >= daysLate || on > options.Today)
        {
            return false;
        }

        var key = (customer.Id, (on.Year * 12) + on.Month);
        var used = touches.GetValueOrDefault(key);
        if (used >= MaxTouchesPerCustomerMonth)
        {
            return false;
        }

        touches[key] = used + 1;
        Add(customer.Id, invoice.Id, type, DemoCalendar.AtUtc(on, hour, random.Between(0, 59)), userId, summary, body);
        return true;
    }

    private void Add(Guid customerId, Guid? invoiceId, ActivityType type, DateTimeOffset at, Guid? userId, string summary, string? body = null) =>
        activities.Add(new Activity
        {
            Id = random.NextGuid(at),
            TenantId = tenantId,
            CustomerId = customerId,
            InvoiceId = invoiceId,
            Type = type,
            At = at,
            Summary = summary,
            Body = body,
            UserId = userId,
        });
}
