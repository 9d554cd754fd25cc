using System.Text.Json;
using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Demo;

namespace ArCollect.IntegrationTests.Demo;

public sealed class DemoLedgerGeneratorTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly Guid TenantId = new("0195f3a0-0000-7000-8000-000000000001");
    private static readonly Guid[] Collectors = [new("0195f3a0-0000-7000-8000-0000000000c1"), new("0195f3a0-0000-7000-8000-0000000000c2")];
    private static readonly DemoOptions Small = new() { Today = Today, Customers = 100, Invoices = 3000 };
    private static readonly Lazy<DemoLedger> SmallLedger = new(() => DemoLedgerGenerator.Generate(TenantId, Collectors, Small));
    private static readonly Lazy<DemoLedger> DefaultLedger = new(() => DemoLedgerGenerator.Generate(TenantId, Collectors, new DemoOptions { Today = Today }));

    [Fact]
    public void Same_seed_gives_the_same_ledger()
    {
        var first = JsonSerializer.Serialize(DemoLedgerGenerator.Generate(TenantId, Collectors, Small));
        var second = JsonSerializer.Serialize(DemoLedgerGenerator.Generate(TenantId, Collectors, Small));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seeds_give_different_ledgers()
    {
        var first = DemoLedgerGenerator.Generate(TenantId, Collectors, Small);
        var second = DemoLedgerGenerator.Generate(TenantId, Collectors, Small with { Seed = Small.Seed + 1 });

        Assert.NotEqual(first.Customers.Select(c => c.Name), second.Customers.Select(c => c.Name));
        Assert.NotEqual(first.Invoices.Sum(i => i.Total), second.Invoices.Sum(i => i.Total));
        Assert.Empty(first.Invoices.Select(i => i.Id).Intersect(second.Invoices.Select(i => i.Id)));
    }

    [Fact]
    public void Collectors_change_only_the_assignments()
    {
        var without = DemoLedgerGenerator.Generate(TenantId, [], Small);
        var with = SmallLedger.Value;

        Assert.All(without.Customers, c => Assert.Null(c.CollectorId));
        Assert.Equal(without.Customers.Select(c => c.Name), with.Customers.Select(c => c.Name));
        Assert.Equal(without.Invoices.Select(i => (i.Number, i.Total, i.SettledOn)), with.Invoices.Select(i => (i.Number, i.Total, i.SettledOn)));
        Assert.Equal(without.Activities.Count, with.Activities.Count);
    }

    [Fact]
    public void Ledger_has_the_requested_size_and_belongs_to_the_tenant()
    {
        var ledger = SmallLedger.Value;
        var rebills = ledger.Invoices.Count(i => i.Notes?.StartsWith("Replaces ", StringComparison.Ordinal) == true);

        Assert.Equal(100, ledger.Customers.Count);
        Assert.Equal(3000, ledger.Invoices.Count - rebills);
        Assert.All(ledger.Customers, c => Assert.Equal(TenantId, c.TenantId));
        Assert.All(ledger.Contacts, c => Assert.Equal(TenantId, c.TenantId));
        Assert.All(ledger.Invoices, i => Assert.Equal(TenantId, i.TenantId));
        Assert.All(ledger.InvoiceLines, l => Assert.Equal(TenantId, l.TenantId));
        Assert.All(ledger.Payments, p => Assert.Equal(TenantId, p.TenantId));
        Assert.All(ledger.PaymentAllocations, a => Assert.Equal(TenantId, a.TenantId));
        Assert.All(ledger.CreditNotes, c => Assert.Equal(TenantId, c.TenantId));
        Assert.All(ledger.Disputes, d => Assert.Equal(TenantId, d.TenantId));
        Assert.All(ledger.Activities, a => Assert.Equal(TenantId, a.TenantId));
        Assert.All(ledger.Customers, c => Assert.Contains(c.CollectorId!.Value, Collectors));
    }

    [Fact]
    public void Ledger_invariants_hold()
    {
        var ledger = SmallLedger.Value;
        var customers = ledger.Customers.ToDictionary(c => c.Id);
        var invoices = ledger.Invoices.ToDictionary(i => i.Id);
        var payments = ledger.Payments.ToDictionary(p => p.Id);
        var paidPerInvoice = ledger.PaymentAllocations.GroupBy(a => a.InvoiceId).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount));
        var creditedPerInvoice = ledger.CreditNotes.GroupBy(c => c.InvoiceId!.Value).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));
        var openDisputes = ledger.Disputes.Where(d => d.IsOpen).Select(d => d.InvoiceId).ToHashSet();

        Assert.All(ledger.Invoices, invoice =>
        {
            var settled = invoice.AmountPaid + invoice.AmountCredited + invoice.AmountWrittenOff;
            Assert.InRange(settled, 0m, invoice.Total);
            Assert.True(invoice.AmountPaid >= 0m && invoice.AmountCredited >= 0m && invoice.AmountWrittenOff >= 0m, invoice.Number);
            Assert.Equal(paidPerInvoice.GetValueOrDefault(invoice.Id), invoice.AmountPaid);
            Assert.Equal(creditedPerInvoice.GetValueOrDefault(invoice.Id), invoice.AmountCredited);
            Assert.Equal(invoice.OpenAmount == 0m, invoice.SettledOn.HasValue);
            Assert.True(invoice.SettledOn is null || (invoice.SettledOn >= invoice.IssueDate && invoice.SettledOn <= Today), invoice.Number);
            Assert.Equal(customers[invoice.CustomerId].Currency, invoice.Currency);
            Assert.Equal(invoice.IssueDate.AddDays(customers[invoice.CustomerId].PaymentTermsDays), invoice.DueDate);
            Assert.True(invoice.IssueDate <= Today && invoice.IssueDate.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), invoice.Number);
            Assert.Equal(invoice.Subtotal + invoice.TaxTotal, invoice.Total);
            Assert.Equal(invoice.Lines.Sum(l => l.NetAmount), invoice.Subtotal);
            Assert.InRange(invoice.Lines.Count, 1, 5);
            Assert.Equal(openDisputes.Contains(invoice.Id), invoice.IsDisputed);
        });

        Assert.All(ledger.Payments, payment =>
        {
            Assert.NotEmpty(payment.Allocations);
            Assert.Equal(payment.Amount, payment.Allocations.Sum(a => a.Amount) + payment.UnappliedAmount);
            Assert.True(payment.UnappliedAmount >= 0m, payment.Reference);
            Assert.True(payment.ReceivedOn <= Today, payment.Reference);
            Assert.Equal(customers[payment.CustomerId].Currency, payment.Currency);
        });

        Assert.All(ledger.PaymentAllocations, allocation =>
        {
            var payment = payments[allocation.PaymentId];
            var invoice = invoices[allocation.InvoiceId];
            Assert.True(allocation.Amount > 0m);
            Assert.Equal(payment.Currency, invoice.Currency);
            Assert.Equal(payment.CustomerId, invoice.CustomerId);
            Assert.True(payment.ReceivedOn >= invoice.IssueDate, payment.Reference);
        });

        Assert.All(ledger.CreditNotes, c => Assert.Equal(invoices[c.InvoiceId!.Value].Currency, c.Currency));
        AssertUnique(ledger.Invoices.Select(i => i.Number));
        AssertUnique(ledger.Payments.Select(p => p.Reference!));
        AssertUnique(ledger.CreditNotes.Select(c => c.Number));
        AssertUnique(ledger.Customers.Select(c => c.Name));
        AssertUnique(ledger.Customers.Select(c => c.ExternalId!));
        AssertUnique(ledger.Invoices.Select(i => i.Id).Concat(ledger.Payments.Select(p => p.Id)).Concat(ledger.Activities.Select(a => a.Id)));
        Assert.All(ledger.Invoices, i => Assert.Matches(@"^INV-\d{4}-\d{6}$", i.Number));
    }

    [Fact]
    public void Customers_pass_the_customer_validator_and_have_one_primary_contact()
    {
        var validator = new CustomerInputValidator();

        Assert.All(SmallLedger.Value.Customers, customer =>
        {
            var primary = Assert.Single(customer.Contacts, c => c.IsPrimary);
            var result = validator.Validate(new CustomerInput
            {
                Name = customer.Name,
                ExternalId = customer.ExternalId,
                Currency = customer.Currency,
                PaymentTermsDays = customer.PaymentTermsDays,
                CreditLimit = customer.CreditLimit,
                TimeZone = customer.TimeZone,
                Language = customer.Language,
                ContactName = primary.Name,
                ContactEmail = primary.Email,
            });
            Assert.True(result.IsValid, $"{customer.Name}: {result}");
            Assert.InRange(customer.Contacts.Count, 1, 3);
            Assert.All(customer.Contacts, c => Assert.Matches(@"^[a-z0-9]+([.-][a-z0-9]+)*@[a-z0-9]+(-[a-z0-9]+)*\.example$", c.Email));
        });
    }

    [Fact]
    public void Default_ledger_has_the_intended_mix()
    {
        var ledger = DefaultLedger.Value;
        var paidInvoices = ledger.Invoices.Count(i => i.AmountPaid > 0m);
        var invoicesWithTwoPayments = ledger.PaymentAllocations.GroupBy(a => a.InvoiceId).Count(g => g.Count() == 2);
        var foreignCurrency = ledger.Customers.Count(c => c.Currency != "EUR");
        // Sizes are compared in the base currency; a SEK invoice is rightly ten times larger.
        var amounts = ledger.Invoices.Where(i => i.Currency == "EUR").Select(i => i.Total).Order().ToList();

        Assert.InRange(invoicesWithTwoPayments / (double)paidInvoices, 0.05, 0.11);
        Assert.InRange(ledger.Disputes.Count / (double)ledger.Invoices.Count, 0.02, 0.05);
        Assert.InRange(ledger.Invoices.Count(i => i.AmountWrittenOff > 0m) / (double)ledger.Invoices.Count, 0.002, 0.01);
        Assert.InRange(foreignCurrency / (double)ledger.Customers.Count, 0.05, 0.15);
        Assert.InRange(ledger.Customers.Count(c => c.DoNotContact), 1, 15);
        Assert.InRange(ledger.Customers.Count(c => c.IsKeyAccount), 5, 40);
        Assert.InRange(amounts[amounts.Count / 2], 1000m, 3500m);
        Assert.InRange(amounts[^1], 50_000m, 200_000m);
        Assert.Contains(ledger.Payments, p => p.Allocations.Count == 2);
        Assert.InRange(ledger.Payments.Count(p => p.UnappliedAmount > 0m), 1, 150);
        Assert.Contains(ledger.Invoices, i => i.IsDisputed);
        Assert.Contains(ledger.Invoices, i => i.Notes?.StartsWith("Replaces INV-", StringComparison.Ordinal) == true);
        Assert.Contains(ledger.Invoices, i => i.StatusOn(Today) == InvoiceStatus.Overdue && i.DueDate < Today.AddDays(-90));
        Assert.Contains(ledger.Invoices, i => i.StatusOn(Today) == InvoiceStatus.PartiallyPaid);
        Assert.All(Enum.GetValues<PaymentBehaviour>(), b => Assert.Contains(b, ledger.Behaviours.Values));
    }

    [Fact]
    public void Demo_customers_read_reminders_in_their_countrys_language()
    {
        var customers = DefaultLedger.Value.Customers;
        var expected = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["DE"] = ["de"],
            ["AT"] = ["de"],
            ["CH"] = ["de", "fr"],
            ["NL"] = ["nl"],
            ["BE"] = ["nl", "fr"],
            ["LU"] = ["fr"],
            ["ES"] = ["es"],
            ["IT"] = ["it"],
            ["GB"] = ["en"],
            ["IE"] = ["en"],
            ["US"] = ["en"],
            ["CA"] = ["en"],
            ["SE"] = ["en"],
            ["DK"] = ["en"],
            ["NO"] = ["en"],
            ["FI"] = ["en"],
            ["PT"] = ["en"],
        };

        Assert.All(customers, c => Assert.Contains(c.Language, expected[c.Country!]));
        // Both languages of a bilingual country occur, so the demo shows French reminders besides German and Dutch ones.
        Assert.Equal(["de", "fr"], customers.Where(c => c.Country == "CH").Select(c => c.Language).Distinct().Order());
        Assert.Equal(["fr", "nl"], customers.Where(c => c.Country == "BE").Select(c => c.Language).Distinct().Order());
    }

    private static void AssertUnique<T>(IEnumerable<T> values)
    {
        var list = values.ToList();
        Assert.Equal(list.Count, list.Distinct().Count());
    }
}
