using ArCollect.Domain.Common;
using ArCollect.Domain.Invoices;

namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// Generates a realistic receivables ledger for a demo tenant: customers with distinct payment behaviour,
/// invoices over the history window, payments, disputes, credit notes, write-offs and timelines.
/// Pure and deterministic: the same tenant, collectors and options always give the same ledger.
/// </summary>
public static class DemoLedgerGenerator
{
    public static DemoLedger Generate(Guid tenantId, IReadOnlyList<Guid> collectorIds, DemoOptions options)
    {
        Validate(tenantId, options);

        // One random stream consumed in a fixed order; reordering these steps changes every ledger.
        var random = new DemoRandom(options.Seed);
        var profiles = CustomerGenerator.Generate(random, tenantId, collectorIds, options);
        var drafts = InvoiceGenerator.Generate(random, profiles, options);
        var settlement = new SettlementGenerator(random, options);
        settlement.Settle(drafts);
        var (payments, allocations) = PaymentAssembler.Assemble(random, settlement, options);

        var invoices = drafts.Select(d => d.Invoice).OrderBy(i => i.IssueDate).ThenBy(i => i.CreatedAt).ToList();
        NumberInvoices(invoices);
        CloseBooks(invoices, settlement.LastMovement);
        foreach (var (replacement, original) in settlement.Rebills)
        {
            replacement.Notes = $"Replaces {original.Number}";
        }

        var creditNotes = settlement.CreditNotes.OrderBy(c => c.IssueDate).ThenBy(c => c.CreatedAt).ToList();
        NumberCreditNotes(creditNotes);
        var disputes = settlement.Disputes.OrderBy(d => d.OpenedOn).ToList();
        var customers = profiles.Select(p => p.Customer).ToList();
        var activities = new ActivityGenerator(random, options, tenantId)
            .Generate(customers.ToDictionary(c => c.Id), invoices, payments, disputes, creditNotes);

        return new DemoLedger
        {
            Customers = customers,
            Contacts = customers.SelectMany(c => c.Contacts).ToList(),
            Invoices = invoices,
            InvoiceLines = invoices.SelectMany(i => i.Lines).ToList(),
            Payments = payments,
            PaymentAllocations = allocations,
            CreditNotes = creditNotes,
            WriteOffs = settlement.WriteOffs.OrderBy(w => w.WrittenOffOn).ThenBy(w => w.Id).ToList(),
            Disputes = disputes,
            Activities = activities,
            Behaviours = profiles.ToDictionary(p => p.Customer.Id, p => p.Behaviour),
        };
    }

    private static void Validate(Guid tenantId, DemoOptions options)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("A demo ledger needs the tenant it belongs to.", nameof(tenantId));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Customers, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Invoices, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Months, 1, nameof(options));
        if (options.CommonTermsDays is { } terms)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(terms, nameof(options));
        }

        if (options.BehaviourChangeShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BehaviourChangeShare, "The share of customers changing behaviour must be between 0 and 1.");
        }
        if (!CurrencyCodes.IsKnown(options.BaseCurrency))
        {
            throw new ArgumentException($"'{options.BaseCurrency}' is not an ISO 4217 currency code.", nameof(options));
        }
    }

    /// <summary>Numbers follow issue dates without gaps, restarting each year, as an accounting system would.</summary>
    private static void NumberInvoices(List<Invoice> invoices)
    {
        var year = 0;
        var sequence = 0;
        foreach (var invoice in invoices)
        {
            if (invoice.IssueDate.Year != year)
            {
                (year, sequence) = (invoice.IssueDate.Year, 0);
            }

            invoice.Number = $"INV-{year}-{++sequence:000000}";
        }
    }

    private static void NumberCreditNotes(List<CreditNote> creditNotes)
    {
        var year = 0;
        var sequence = 0;
        foreach (var creditNote in creditNotes)
        {
            if (creditNote.IssueDate.Year != year)
            {
                (year, sequence) = (creditNote.IssueDate.Year, 0);
            }

            creditNote.Number = $"CN-{year}-{++sequence:00000}";
        }
    }

    /// <summary>Marks invoices settled on the day their balance reached zero and dates their last change.</summary>
    private static void CloseBooks(List<Invoice> invoices, Dictionary<Guid, DateOnly> lastMovement)
    {
        foreach (var invoice in invoices)
        {
            if (!lastMovement.TryGetValue(invoice.Id, out var last))
            {
                continue;
            }

            if (invoice.OpenAmount == 0m)
            {
                invoice.SettledOn = last;
            }

            var changedAt = DemoCalendar.AtUtc(last, 16, 0);
            invoice.UpdatedAt = changedAt > invoice.CreatedAt ? changedAt : invoice.CreatedAt;
        }
    }
}
