using System.Linq.Expressions;
using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Tests.Invoices;

public class InvoiceStatusRulesTests
{
    private static readonly DateOnly Today = new(2025, 3, 15);

    private static Invoice NewInvoice(
        decimal total = 100m,
        decimal paid = 0m,
        decimal credited = 0m,
        decimal writtenOff = 0m,
        int dueInDays = 10,
        bool disputed = false) => new()
        {
            Number = "INV-1",
            Currency = "EUR",
            IssueDate = Today.AddDays(-30),
            DueDate = Today.AddDays(dueInDays),
            Total = total,
            AmountPaid = paid,
            AmountCredited = credited,
            AmountWrittenOff = writtenOff,
            IsDisputed = disputed,
        };

    [Fact]
    public void Unpaid_invoice_not_yet_due_is_open()
    {
        Assert.Equal(InvoiceStatus.Open, InvoiceStatusRules.Derive(NewInvoice(dueInDays: 10), Today));
    }

    [Fact]
    public void Unpaid_invoice_due_today_is_open_not_overdue()
    {
        Assert.Equal(InvoiceStatus.Open, InvoiceStatusRules.Derive(NewInvoice(dueInDays: 0), Today));
    }

    [Fact]
    public void Unpaid_invoice_due_yesterday_is_overdue()
    {
        Assert.Equal(InvoiceStatus.Overdue, InvoiceStatusRules.Derive(NewInvoice(dueInDays: -1), Today));
    }

    [Fact]
    public void Partly_paid_invoice_not_yet_due_is_partially_paid()
    {
        Assert.Equal(InvoiceStatus.PartiallyPaid, InvoiceStatusRules.Derive(NewInvoice(paid: 40m), Today));
    }

    [Fact]
    public void Partly_paid_invoice_due_today_is_partially_paid()
    {
        Assert.Equal(InvoiceStatus.PartiallyPaid, InvoiceStatusRules.Derive(NewInvoice(paid: 40m, dueInDays: 0), Today));
    }

    [Fact]
    public void Partly_credited_invoice_not_yet_due_is_partially_paid()
    {
        Assert.Equal(InvoiceStatus.PartiallyPaid, InvoiceStatusRules.Derive(NewInvoice(credited: 25m), Today));
    }

    [Fact]
    public void Partially_paid_invoice_past_due_is_overdue()
    {
        Assert.Equal(InvoiceStatus.Overdue, InvoiceStatusRules.Derive(NewInvoice(paid: 40m, dueInDays: -1), Today));
    }

    [Fact]
    public void Invoice_one_cent_short_is_still_partially_paid()
    {
        // 100.00 - 99.99 = 0.01 still open.
        Assert.Equal(InvoiceStatus.PartiallyPaid, InvoiceStatusRules.Derive(NewInvoice(paid: 99.99m), Today));
    }

    [Fact]
    public void Fully_paid_invoice_is_paid()
    {
        Assert.Equal(InvoiceStatus.Paid, InvoiceStatusRules.Derive(NewInvoice(paid: 100m), Today));
    }

    [Fact]
    public void Fully_paid_invoice_past_due_is_paid_not_overdue()
    {
        Assert.Equal(InvoiceStatus.Paid, InvoiceStatusRules.Derive(NewInvoice(paid: 100m, dueInDays: -45), Today));
    }

    [Fact]
    public void Overpaid_invoice_is_paid()
    {
        Assert.Equal(InvoiceStatus.Paid, InvoiceStatusRules.Derive(NewInvoice(paid: 120m, dueInDays: -5), Today));
    }

    [Fact]
    public void Fully_credited_invoice_counts_as_paid()
    {
        Assert.Equal(InvoiceStatus.Paid, InvoiceStatusRules.Derive(NewInvoice(credited: 100m, dueInDays: -5), Today));
    }

    [Fact]
    public void Invoice_settled_by_payment_and_credit_together_is_paid()
    {
        // 60 paid + 40 credited = 100 total.
        Assert.Equal(InvoiceStatus.Paid, InvoiceStatusRules.Derive(NewInvoice(paid: 60m, credited: 40m), Today));
    }

    [Fact]
    public void Invoice_closed_entirely_by_write_off_is_written_off()
    {
        Assert.Equal(InvoiceStatus.WrittenOff, InvoiceStatusRules.Derive(NewInvoice(writtenOff: 100m, dueInDays: -120), Today));
    }

    [Fact]
    public void Invoice_closed_by_writing_off_the_rest_after_a_part_payment_is_written_off()
    {
        // 70 paid + 30 written off = 100 total.
        Assert.Equal(InvoiceStatus.WrittenOff, InvoiceStatusRules.Derive(NewInvoice(paid: 70m, writtenOff: 30m), Today));
    }

    [Fact]
    public void Partial_write_off_with_balance_left_is_not_written_off()
    {
        // 100 - 30 written off = 70 still open, nothing paid or credited, not yet due.
        Assert.Equal(InvoiceStatus.Open, InvoiceStatusRules.Derive(NewInvoice(writtenOff: 30m), Today));
    }

    [Fact]
    public void Partial_write_off_with_balance_left_past_due_is_overdue()
    {
        Assert.Equal(InvoiceStatus.Overdue, InvoiceStatusRules.Derive(NewInvoice(writtenOff: 30m, dueInDays: -1), Today));
    }

    [Fact]
    public void Partial_write_off_after_a_part_payment_with_balance_left_is_partially_paid()
    {
        // 100 - 50 paid - 20 written off = 30 open.
        Assert.Equal(InvoiceStatus.PartiallyPaid, InvoiceStatusRules.Derive(NewInvoice(paid: 50m, writtenOff: 20m), Today));
    }

    [Fact]
    public void Disputed_invoice_not_yet_due_is_disputed()
    {
        Assert.Equal(InvoiceStatus.Disputed, InvoiceStatusRules.Derive(NewInvoice(disputed: true), Today));
    }

    [Fact]
    public void Disputed_overdue_invoice_is_disputed()
    {
        Assert.Equal(InvoiceStatus.Disputed, InvoiceStatusRules.Derive(NewInvoice(disputed: true, dueInDays: -60), Today));
    }

    [Fact]
    public void Disputed_partly_paid_invoice_is_disputed()
    {
        Assert.Equal(InvoiceStatus.Disputed, InvoiceStatusRules.Derive(NewInvoice(paid: 40m, disputed: true), Today));
    }

    [Fact]
    public void Paid_invoice_that_is_disputed_is_paid()
    {
        Assert.Equal(InvoiceStatus.Paid, InvoiceStatusRules.Derive(NewInvoice(paid: 100m, disputed: true, dueInDays: -10), Today));
    }

    [Fact]
    public void Written_off_invoice_that_is_disputed_is_written_off()
    {
        Assert.Equal(InvoiceStatus.WrittenOff, InvoiceStatusRules.Derive(NewInvoice(writtenOff: 100m, disputed: true), Today));
    }

    [Fact]
    public void Invoice_status_on_a_day_uses_the_rule()
    {
        var invoice = NewInvoice(paid: 40m, dueInDays: 0);

        Assert.Equal(InvoiceStatus.PartiallyPaid, invoice.StatusOn(Today));
        Assert.Equal(InvoiceStatus.Overdue, invoice.StatusOn(Today.AddDays(1)));
    }

    [Fact]
    public void Open_amount_is_total_less_paid_credited_and_written_off()
    {
        // 250.00 - 100.00 - 40.50 - 9.50 = 100.00
        var invoice = NewInvoice(total: 250m, paid: 100m, credited: 40.50m, writtenOff: 9.50m);

        Assert.Equal(100.00m, invoice.OpenAmount);
    }

    [Theory]
    [InlineData(0, 0, 0, 10, false, InvoiceStatus.Open)]
    [InlineData(0, 0, 0, 0, false, InvoiceStatus.Open)]
    [InlineData(0, 0, 0, -1, false, InvoiceStatus.Overdue)]
    [InlineData(40, 0, 0, 10, false, InvoiceStatus.PartiallyPaid)]
    [InlineData(0, 25, 0, 10, false, InvoiceStatus.PartiallyPaid)]
    [InlineData(40, 0, 0, -1, false, InvoiceStatus.Overdue)]
    [InlineData(100, 0, 0, -45, false, InvoiceStatus.Paid)]
    [InlineData(0, 100, 0, -5, false, InvoiceStatus.Paid)]
    [InlineData(100, 0, 0, -10, true, InvoiceStatus.Paid)]
    [InlineData(70, 0, 30, 10, false, InvoiceStatus.WrittenOff)]
    [InlineData(0, 0, 30, 10, false, InvoiceStatus.Open)]
    [InlineData(0, 0, 0, -60, true, InvoiceStatus.Disputed)]
    [InlineData(40, 0, 0, 10, true, InvoiceStatus.Disputed)]
    public void Query_expression_gives_the_hand_worked_status(
        int paid, int credited, int writtenOff, int dueInDays, bool disputed, InvoiceStatus expected)
    {
        var invoice = NewInvoice(paid: paid, credited: credited, writtenOff: writtenOff, dueInDays: dueInDays, disputed: disputed);

        Assert.Equal(expected, InvoiceStatusRules.Derive(invoice, Today));
        Assert.Equal(expected, InvoiceStatusRules.AsOf(Today).Compile()(invoice));
        foreach (var status in Enum.GetValues<InvoiceStatus>())
        {
            Assert.Equal(status == expected, InvoiceStatusRules.Is(status, Today).Compile()(invoice));
        }
    }

    [Fact]
    public void Query_expression_binds_the_day_it_was_built_for()
    {
        // Due on the 15th: open on the 15th, overdue on the 16th.
        var invoice = NewInvoice(dueInDays: 0);
        var onDueDate = InvoiceStatusRules.AsOf(Today).Compile();
        var dayAfter = InvoiceStatusRules.AsOf(Today.AddDays(1)).Compile();

        Assert.Equal(InvoiceStatus.Open, onDueDate(invoice));
        Assert.Equal(InvoiceStatus.Overdue, dayAfter(invoice));
    }

    [Fact]
    public void Query_expression_takes_only_the_invoice_and_keeps_the_day_out_of_literals()
    {
        var expression = InvoiceStatusRules.AsOf(Today);
        var finder = new DateOnlyConstantFinder();
        finder.Visit(expression.Body);

        Assert.Single(expression.Parameters);
        Assert.Equal(typeof(Invoice), expression.Parameters[0].Type);
        Assert.False(finder.FoundDateOnlyConstant, "today should be a captured value so the provider sends it as a parameter");
        Assert.True(finder.FoundDateOnlyMemberAccess);
    }

    [Fact]
    public void Query_expression_agrees_with_the_in_memory_rule_on_a_grid_of_invoices()
    {
        var statuses = Enum.GetValues<InvoiceStatus>();
        var seen = new HashSet<InvoiceStatus>();
        var checkedCases = 0;
        foreach (var today in new[] { Today, new DateOnly(2024, 2, 29), new DateOnly(2025, 1, 1) })
        {
            var asOf = InvoiceStatusRules.AsOf(today).Compile();
            var predicates = statuses.ToDictionary(s => s, s => InvoiceStatusRules.Is(s, today).Compile());
            foreach (var paid in new[] { 0m, 40m, 100m, 130m })
                foreach (var credited in new[] { 0m, 60m })
                    foreach (var writtenOff in new[] { 0m, 30m, 100m })
                        foreach (var dueInDays in new[] { -31, -1, 0, 1 })
                            foreach (var disputed in new[] { false, true })
                                foreach (var state in Enum.GetValues<InvoiceState>())
                                {
                                    var invoice = new Invoice
                                    {
                                        Number = "G",
                                        State = state,
                                        Currency = "EUR",
                                        Total = 100m,
                                        AmountPaid = paid,
                                        AmountCredited = credited,
                                        AmountWrittenOff = writtenOff,
                                        DueDate = today.AddDays(dueInDays),
                                        IsDisputed = disputed,
                                    };
                                    var derived = InvoiceStatusRules.Derive(invoice, today);
                                    seen.Add(derived);
                                    checkedCases++;

                                    Assert.Equal(derived, asOf(invoice));
                                    foreach (var status in statuses)
                                    {
                                        Assert.Equal(status == derived, predicates[status](invoice));
                                    }
                                }
        }

        // 3 days x 4 x 2 x 3 x 4 x 2 x 3 states = 1728 invoices, and the grid reaches every status.
        Assert.Equal(1728, checkedCases);
        Assert.Equal(statuses.ToHashSet(), seen);
    }

    private sealed class DateOnlyConstantFinder : ExpressionVisitor
    {
        public bool FoundDateOnlyConstant { get; private set; }

        public bool FoundDateOnlyMemberAccess { get; private set; }

        protected override Expression VisitConstant(ConstantExpression node)
        {
            FoundDateOnlyConstant |= node.Type == typeof(DateOnly);
            return base.VisitConstant(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            FoundDateOnlyMemberAccess |= node.Type == typeof(DateOnly) && node.Expression is ConstantExpression;
            return base.VisitMember(node);
        }
    }
}
