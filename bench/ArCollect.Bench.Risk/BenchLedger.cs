using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;

namespace ArCollect.Bench.Risk;

/// <summary>
/// A large synthetic ledger shaped for the nightly risk job: every customer has its own typical delay, and the
/// newest invoices of each customer are still open. Simpler than the demo generator, so a million invoices fit
/// in memory and load in seconds.
/// </summary>
public static class BenchLedger
{
    private static readonly int[] TypicalDelays = [0, 0, 0, 3, 8, 15, 30, 45];
    private static readonly string[] Segments = ["Enterprise", "Mid-market", "Small business", "Public sector"];
    private static readonly string[] Regions = ["DACH", "Nordics", "Benelux", "UK & Ireland", "Southern Europe"];

    public static (List<Customer> Customers, List<Invoice> Invoices) Generate(Guid tenantId, int invoiceCount, double openShare, DateOnly today, int seed = 42)
    {
        const int perCustomer = 50;
        var random = new Random(seed);
        var openPerCustomer = (int)Math.Round(perCustomer * openShare);
        var customers = new List<Customer>();
        var invoices = new List<Invoice>(invoiceCount);
        var created = new DateTimeOffset(today.AddDays(-800).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        for (var c = 0; invoices.Count < invoiceCount; c++)
        {
            var customer = new Customer
            {
                Id = Guid.CreateVersion7(),
                TenantId = tenantId,
                Name = $"Bench customer {c:000000}",
                Currency = "EUR",
                PaymentTermsDays = random.Next(3) switch { 0 => 14, 1 => 30, _ => 60 },
                Segment = Segments[random.Next(Segments.Length)],
                Region = Regions[random.Next(Regions.Length)],
                CreatedAt = created,
                UpdatedAt = created,
            };
            customers.Add(customer);
            var typical = TypicalDelays[random.Next(TypicalDelays.Length)];
            var seasonal = random.Next(3) == 0;
            var size = 200 + random.Next(5000);
            for (var n = 0; n < perCustomer && invoices.Count < invoiceCount; n++)
            {
                var issued = today.AddDays(-((perCustomer - n) * 15) + random.Next(-5, 5));
                var due = issued.AddDays(customer.PaymentTermsDays);
                var amount = Math.Round((decimal)(size * (0.5 + random.NextDouble())), 2);
                var open = n >= perCustomer - openPerCustomer;
                var large = amount > size * 1.3m;

                // Beyond each customer's habit: large invoices wait for approval, and some customers slow down at year end.
                var late = random.NextDouble() < 0.8 ? Math.Max(0, typical + random.Next(-5, 6)) : random.Next(0, 4);
                late += (large ? 12 : 0) + (seasonal && due.Month >= 11 ? 20 : 0);
                var settled = open ? (DateOnly?)null : Min(due.AddDays(late), today.AddDays(-1));
                invoices.Add(new Invoice
                {
                    Id = Guid.CreateVersion7(),
                    TenantId = tenantId,
                    CustomerId = customer.Id,
                    Number = $"B-{invoices.Count + 1:0000000}",
                    IssueDate = issued,
                    DueDate = due,
                    Currency = "EUR",
                    Subtotal = amount,
                    Total = amount,
                    AmountPaid = open ? 0 : amount,
                    SettledOn = settled,
                    CreatedAt = created,
                    UpdatedAt = created,
                });
            }
        }

        return (customers, invoices);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
