using System.Globalization;
using ArCollect.Domain.Payments;

namespace ArCollect.Domain.Tests.Payments;

public class PaymentAllocatorTests
{
    // Due 10 Jan, oldest EUR invoice.
    private static readonly OpenItem Jan = new(Guid.NewGuid(), "INV-003", new DateOnly(2025, 1, 10), 100m, "EUR");

    // Two invoices due the same day, 10 Feb; INV-001 sorts before INV-002.
    private static readonly OpenItem FebA = new(Guid.NewGuid(), "INV-001", new DateOnly(2025, 2, 10), 200m, "EUR");
    private static readonly OpenItem FebB = new(Guid.NewGuid(), "INV-002", new DateOnly(2025, 2, 10), 50m, "EUR");

    // Older than all the EUR ones, but in dollars.
    private static readonly OpenItem Dollars = new(Guid.NewGuid(), "INV-USD-1", new DateOnly(2024, 12, 1), 500m, "USD");

    private static string N2(decimal amount) => amount.ToString("N2", CultureInfo.CurrentCulture);

    private static void AssertAllocations(AllocationOutcome outcome, params (OpenItem Item, decimal Amount)[] expected)
    {
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        Assert.Equal(expected.Select(e => new Allocation(e.Item.InvoiceId, e.Amount)), outcome.Allocations);
    }

    [Fact]
    public void Oldest_due_date_is_paid_first_whatever_the_list_order()
    {
        var outcome = PaymentAllocator.Allocate(100m, "EUR", [FebA, FebB, Jan]);

        AssertAllocations(outcome, (Jan, 100m));
        Assert.Equal(0m, outcome.Unapplied);
    }

    [Fact]
    public void Invoices_due_the_same_day_are_paid_in_number_order()
    {
        // 220 = 200 to INV-001, then 20 to INV-002.
        var outcome = PaymentAllocator.Allocate(220m, "EUR", [FebB, FebA]);

        AssertAllocations(outcome, (FebA, 200m), (FebB, 20m));
        Assert.Equal(0m, outcome.Unapplied);
    }

    [Fact]
    public void Partial_payment_leaves_the_last_invoice_reached_partly_open()
    {
        // 250 = 100 to INV-003 (Jan) + 150 of INV-001's 200; INV-002 gets nothing.
        var outcome = PaymentAllocator.Allocate(250m, "EUR", [FebB, FebA, Jan]);

        AssertAllocations(outcome, (Jan, 100m), (FebA, 150m));
        Assert.Equal(0m, outcome.Unapplied);
    }

    [Fact]
    public void Payment_matching_the_first_invoice_exactly_makes_no_zero_allocations()
    {
        var outcome = PaymentAllocator.Allocate(100m, "EUR", [Jan, FebA, FebB]);

        Assert.Single(outcome.Allocations);
    }

    [Fact]
    public void Overpayment_settles_everything_and_leaves_the_rest_unapplied()
    {
        // Open: 100 + 200 + 50 = 350; 400 - 350 = 50 unapplied.
        var outcome = PaymentAllocator.Allocate(400m, "EUR", [FebA, Jan, FebB]);

        AssertAllocations(outcome, (Jan, 100m), (FebA, 200m), (FebB, 50m));
        Assert.Equal(50m, outcome.Unapplied);
    }

    [Fact]
    public void Cents_are_carried_through_exactly()
    {
        var a = new OpenItem(Guid.NewGuid(), "A", new DateOnly(2025, 1, 1), 33.33m, "EUR");
        var b = new OpenItem(Guid.NewGuid(), "B", new DateOnly(2025, 1, 2), 66.67m, "EUR");

        // 100.01 - 33.33 - 66.67 = 0.01
        var outcome = PaymentAllocator.Allocate(100.01m, "EUR", [b, a]);

        AssertAllocations(outcome, (a, 33.33m), (b, 66.67m));
        Assert.Equal(0.01m, outcome.Unapplied);
    }

    [Fact]
    public void Invoices_in_another_currency_are_skipped_when_allocating_automatically()
    {
        var outcome = PaymentAllocator.Allocate(150m, "EUR", [Dollars, Jan, FebA]);

        AssertAllocations(outcome, (Jan, 100m), (FebA, 50m));
    }

    [Fact]
    public void Payment_with_no_invoice_in_its_currency_stays_unapplied()
    {
        var outcome = PaymentAllocator.Allocate(75m, "EUR", [Dollars]);

        Assert.True(outcome.Succeeded);
        Assert.Empty(outcome.Allocations);
        Assert.Equal(75m, outcome.Unapplied);
    }

    [Fact]
    public void Payment_with_no_open_invoices_stays_unapplied()
    {
        var outcome = PaymentAllocator.Allocate(75m, "EUR", []);

        Assert.True(outcome.Succeeded);
        Assert.Empty(outcome.Allocations);
        Assert.Equal(75m, outcome.Unapplied);
    }

    [Fact]
    public void Invoices_with_nothing_open_get_nothing()
    {
        var settled = new OpenItem(Guid.NewGuid(), "INV-000", new DateOnly(2024, 1, 1), 0m, "EUR");
        var overpaid = new OpenItem(Guid.NewGuid(), "INV-00A", new DateOnly(2024, 1, 2), -20m, "EUR");

        var outcome = PaymentAllocator.Allocate(60m, "EUR", [settled, overpaid, Jan]);

        AssertAllocations(outcome, (Jan, 60m));
        Assert.Equal(0m, outcome.Unapplied);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void Payment_of_zero_or_less_is_refused(int amount)
    {
        var outcome = PaymentAllocator.Allocate(amount, "EUR", [Jan]);

        Assert.False(outcome.Succeeded);
        Assert.Empty(outcome.Allocations);
        var error = Assert.Single(outcome.Errors);
        Assert.Contains("must be more than zero", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Requested_amounts_are_applied_as_asked_not_oldest_first()
    {
        // 300 - 120 - 50 = 130 unapplied; the older INV-003 is left alone because the clerk chose so.
        var outcome = PaymentAllocator.Allocate(300m, "EUR", [Jan, FebA, FebB],
            [new AllocationRequest(FebA.InvoiceId, 120m), new AllocationRequest(FebB.InvoiceId, 50m)]);

        AssertAllocations(outcome, (FebA, 120m), (FebB, 50m));
        Assert.Equal(130m, outcome.Unapplied);
    }

    [Fact]
    public void Requests_of_exactly_the_open_amounts_and_the_payment_are_accepted()
    {
        // 100 + 50 = 150 = payment.
        var outcome = PaymentAllocator.Allocate(150m, "EUR", [Jan, FebB],
            [new AllocationRequest(Jan.InvoiceId, 100m), new AllocationRequest(FebB.InvoiceId, 50m)]);

        AssertAllocations(outcome, (Jan, 100m), (FebB, 50m));
        Assert.Equal(0m, outcome.Unapplied);
    }

    [Fact]
    public void Zero_requests_are_dropped()
    {
        var outcome = PaymentAllocator.Allocate(80m, "EUR", [Jan, FebB],
            [new AllocationRequest(Jan.InvoiceId, 0m), new AllocationRequest(FebB.InvoiceId, 30m)]);

        AssertAllocations(outcome, (FebB, 30m));
        Assert.Equal(50m, outcome.Unapplied);
    }

    [Fact]
    public void Only_zero_requests_mean_oldest_first()
    {
        var outcome = PaymentAllocator.Allocate(120m, "EUR", [FebA, Jan], [new AllocationRequest(FebA.InvoiceId, 0m)]);

        AssertAllocations(outcome, (Jan, 100m), (FebA, 20m));
    }

    [Fact]
    public void Request_above_the_open_amount_is_refused_naming_the_invoice()
    {
        var outcome = PaymentAllocator.Allocate(100m, "EUR", [FebB], [new AllocationRequest(FebB.InvoiceId, 60m)]);

        AssertRefused(outcome, 100m);
        var error = Assert.Single(outcome.Errors);
        Assert.Contains("INV-002", error, StringComparison.Ordinal);
        Assert.Contains(N2(60m), error, StringComparison.Ordinal);
        Assert.Contains($"open amount of {N2(50m)}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_adding_up_to_more_than_the_payment_are_refused()
    {
        // Each fits its invoice, but 80 + 40 = 120 > 100.
        var outcome = PaymentAllocator.Allocate(100m, "EUR", [Jan, FebB],
            [new AllocationRequest(Jan.InvoiceId, 80m), new AllocationRequest(FebB.InvoiceId, 40m)]);

        AssertRefused(outcome, 100m);
        var error = Assert.Single(outcome.Errors);
        Assert.Contains($"({N2(120m)}) add up to more than the payment ({N2(100m)})", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_one_cent_over_the_payment_are_refused()
    {
        // 50.00 + 50.01 = 100.01 > 100.00; each fits its invoice (100 and 200 open).
        var outcome = PaymentAllocator.Allocate(100m, "EUR", [Jan, FebA],
            [new AllocationRequest(Jan.InvoiceId, 50m), new AllocationRequest(FebA.InvoiceId, 50.01m)]);

        AssertRefused(outcome, 100m);
        Assert.Contains("more than the payment", Assert.Single(outcome.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Request_one_cent_over_the_open_amount_is_refused()
    {
        var outcome = PaymentAllocator.Allocate(100m, "EUR", [FebB], [new AllocationRequest(FebB.InvoiceId, 50.01m)]);

        AssertRefused(outcome, 100m);
        Assert.Contains("INV-002", Assert.Single(outcome.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Request_for_an_invoice_in_another_currency_is_refused_naming_the_invoice()
    {
        var outcome = PaymentAllocator.Allocate(100m, "EUR", [Jan, Dollars], [new AllocationRequest(Dollars.InvoiceId, 100m)]);

        AssertRefused(outcome, 100m);
        var error = Assert.Single(outcome.Errors);
        Assert.Contains("INV-USD-1", error, StringComparison.Ordinal);
        Assert.Contains("USD", error, StringComparison.Ordinal);
        Assert.Contains("EUR payment cannot be applied", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_for_an_invoice_not_open_for_the_customer_is_refused()
    {
        var outcome = PaymentAllocator.Allocate(100m, "EUR", [Jan], [new AllocationRequest(Guid.NewGuid(), 10m)]);

        AssertRefused(outcome, 100m);
        var error = Assert.Single(outcome.Errors);
        Assert.Contains("not open for this customer", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoice_chosen_twice_is_refused_naming_the_invoice()
    {
        // 30 + 30 fits both the 100 open and the 200 payment; the duplicate alone is the problem.
        var outcome = PaymentAllocator.Allocate(200m, "EUR", [Jan],
            [new AllocationRequest(Jan.InvoiceId, 30m), new AllocationRequest(Jan.InvoiceId, 30m)]);

        AssertRefused(outcome, 200m);
        var error = Assert.Single(outcome.Errors);
        Assert.Contains("INV-003", error, StringComparison.Ordinal);
        Assert.Contains("once", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_invoice_chosen_twice_gets_its_own_message()
    {
        var outcome = PaymentAllocator.Allocate(500m, "EUR", [Jan, FebA, FebB],
        [
            new AllocationRequest(Jan.InvoiceId, 10m),
            new AllocationRequest(FebA.InvoiceId, 10m),
            new AllocationRequest(Jan.InvoiceId, 10m),
            new AllocationRequest(FebB.InvoiceId, 10m),
            new AllocationRequest(FebA.InvoiceId, 10m),
        ]);

        AssertRefused(outcome, 500m);
        Assert.Equal(2, outcome.Errors.Count);
        Assert.Contains(outcome.Errors, e => e.Contains("INV-003", StringComparison.Ordinal));
        Assert.Contains(outcome.Errors, e => e.Contains("INV-001", StringComparison.Ordinal));
    }

    [Fact]
    public void Negative_request_is_refused_naming_the_invoice()
    {
        var outcome = PaymentAllocator.Allocate(100m, "EUR", [Jan, FebB],
            [new AllocationRequest(Jan.InvoiceId, 50m), new AllocationRequest(FebB.InvoiceId, -10m)]);

        AssertRefused(outcome, 100m);
        var error = Assert.Single(outcome.Errors);
        Assert.Contains("INV-002", error, StringComparison.Ordinal);
        Assert.Contains("cannot be negative", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_with_the_requests_is_reported_at_once()
    {
        // INV-002: 60 > 50 open; INV-USD-1: wrong currency; total 60 + 10 = 70 > 65.
        var outcome = PaymentAllocator.Allocate(65m, "EUR", [FebB, Dollars],
            [new AllocationRequest(FebB.InvoiceId, 60m), new AllocationRequest(Dollars.InvoiceId, 10m)]);

        AssertRefused(outcome, 65m);
        Assert.Equal(3, outcome.Errors.Count);
        Assert.Contains(outcome.Errors, e => e.Contains("INV-002", StringComparison.Ordinal));
        Assert.Contains(outcome.Errors, e => e.Contains("INV-USD-1", StringComparison.Ordinal));
        Assert.Contains(outcome.Errors, e => e.Contains("more than the payment", StringComparison.Ordinal));
    }

    private static void AssertRefused(AllocationOutcome outcome, decimal payment)
    {
        Assert.False(outcome.Succeeded);
        Assert.Empty(outcome.Allocations);
        Assert.Equal(payment, outcome.Unapplied);
    }
}
