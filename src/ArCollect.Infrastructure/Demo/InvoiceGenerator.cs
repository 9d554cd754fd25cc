using ArCollect.Domain.Invoices;

namespace ArCollect.Infrastructure.Demo;

/// <summary>A generated invoice and the customer profile that decides how it will be paid.</summary>
internal sealed record InvoiceDraft(Invoice Invoice, CustomerProfile Profile);

/// <summary>Draws invoices over the history window: weekday issue dates, log-normal amounts, one to five lines.</summary>
internal static class InvoiceGenerator
{
    /// <summary>Median invoice value in euros before the customer's own scale; the spread gives a long tail.</summary>
    private const double MedianValue = 2000;
    private const double ValueSigma = 0.9;
    private const double MaxValue = 150_000;

    private static readonly (int Lines, double Weight)[] LineCounts = [(1, 35), (2, 25), (3, 20), (4, 12), (5, 8)];

    public static List<InvoiceDraft> Generate(DemoRandom random, IReadOnlyList<CustomerProfile> customers, DemoOptions options)
    {
        var counts = SplitCount(customers, options);
        var drafts = new List<InvoiceDraft>(options.Invoices);
        for (var i = 0; i < customers.Count; i++)
        {
            var profile = customers[i];
            for (var n = 0; n < counts[i]; n++)
            {
                var issueDate = RandomWeekday(random, profile.Since, options.Today);
                var value = Math.Min(MaxValue, Math.Max(50, random.LogNormal(MedianValue * profile.AmountScale, ValueSigma)));
                drafts.Add(new InvoiceDraft(Create(random, profile, issueDate, LinesFor(random, profile, value)), profile));
            }
        }

        return drafts;
    }

    /// <summary>A replacement for a credited invoice, billed as one corrected line.</summary>
    public static Invoice CreateReplacement(DemoRandom random, CustomerProfile profile, Invoice original, decimal net, DateOnly issueDate)
    {
        var taxRate = original.Lines[0].TaxRate;
        var line = new InvoiceLineInput { Description = "Corrected invoice", Quantity = 1, UnitPrice = net, TaxRate = taxRate };
        var replacement = Create(random, profile, issueDate, [line]);
        replacement.PurchaseOrder = original.PurchaseOrder;
        return replacement;
    }

    private static Invoice Create(DemoRandom random, CustomerProfile profile, DateOnly issueDate, List<InvoiceLineInput> lines)
    {
        var customer = profile.Customer;
        var createdAt = DemoCalendar.AtUtc(issueDate, 7, random.Between(0, 59)).AddSeconds(random.Between(0, 3599));
        var invoice = new Invoice
        {
            Id = random.NextGuid(createdAt),
            TenantId = customer.TenantId,
            CustomerId = customer.Id,
            Number = "",
            IssueDate = issueDate,
            DueDate = issueDate.AddDays(customer.PaymentTermsDays),
            Currency = customer.Currency,
            PurchaseOrder = random.Chance(PurchaseOrderShare(customer.Segment)) ? $"PO-{random.Between(100_000, 999_999)}" : null,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        InvoiceTotals.Apply(invoice, lines);

        // Apply draws line ids from the clock and the system RNG; the demo ledger must be reproducible from its seed.
        foreach (var line in invoice.Lines)
        {
            line.Id = random.NextGuid(createdAt);
        }

        return invoice;
    }

    /// <summary>Splits the invoice count over customers by their weight and active time; everyone gets at least one when there are enough.</summary>
    private static int[] SplitCount(IReadOnlyList<CustomerProfile> customers, DemoOptions options)
    {
        var counts = new int[customers.Count];
        var floor = options.Invoices >= customers.Count ? 1 : 0;
        var rest = options.Invoices - (floor * customers.Count);
        var weights = customers.Select(c => c.InvoiceWeight * (options.Today.DayNumber - c.Since.DayNumber + 1)).ToArray();
        var total = weights.Sum();
        var shares = weights.Select(w => rest * w / total).ToArray();
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = floor + (int)Math.Floor(shares[i]);
        }

        // Largest remainder, ties by position, so the total is exact and the split reproducible.
        var missing = options.Invoices - counts.Sum();
        foreach (var i in Enumerable.Range(0, counts.Length).OrderByDescending(i => shares[i] - Math.Floor(shares[i])).Take(missing))
        {
            counts[i]++;
        }

        return counts;
    }

    private static DateOnly RandomWeekday(DemoRandom random, DateOnly from, DateOnly to)
    {
        var date = DemoCalendar.NextWeekday(from.AddDays(random.Between(0, to.DayNumber - from.DayNumber)));
        while (date > to || date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    private static List<InvoiceLineInput> LinesFor(DemoRandom random, CustomerProfile profile, double valueInEuros)
    {
        var taxRate = profile.IsDomestic ? DemoCatalog.DomesticTaxRate : 0m;
        var gross = (decimal)valueInEuros * DemoCatalog.PerEuro(profile.Customer.Currency);
        var net = gross / (1m + (taxRate / 100m));
        var count = random.PickWeighted(LineCounts);
        var parts = Enumerable.Range(0, count).Select(_ => random.Between(0.2, 1.0)).ToArray();
        var partTotal = parts.Sum();

        var items = DemoCatalog.LineItems.ToList();
        var lines = new List<InvoiceLineInput>(count);
        foreach (var part in parts)
        {
            // Each item once per invoice, as a real one lists it.
            var index = random.Between(0, items.Count - 1);
            var (description, quantities) = items[index];
            items.RemoveAt(index);
            var lineNet = net * (decimal)(part / partTotal);
            var quantity = random.Pick(quantities);
            var unitPrice = Math.Round(lineNet / quantity, 2, MidpointRounding.AwayFromZero);
            if (unitPrice < 1m)
            {
                (quantity, unitPrice) = (1m, Math.Max(0.01m, Math.Round(lineNet, 2, MidpointRounding.AwayFromZero)));
            }

            lines.Add(new InvoiceLineInput { Description = description, Quantity = quantity, UnitPrice = unitPrice, TaxRate = taxRate });
        }

        return lines;
    }

    private static double PurchaseOrderShare(string? segment) => segment switch
    {
        "Enterprise" => 0.7,
        "Mid-market" => 0.4,
        _ => 0.1,
    };
}
