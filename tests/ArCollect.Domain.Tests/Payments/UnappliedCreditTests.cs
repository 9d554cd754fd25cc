using ArCollect.Domain.PaymentPlans;
using ArCollect.Domain.Payments;

namespace ArCollect.Domain.Tests.Payments;

public sealed class UnappliedCreditTests
{
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();
    private static readonly Guid Unplanned = Guid.NewGuid();

    [Fact]
    public void A_planned_invoice_is_due_on_the_first_instalment_that_still_carries_an_unpaid_share_of_it()
    {
        // 3 x 100 from 22 June fill INV-1 (100) then INV-2 (200); 150 is paid, so INV-1 is settled and INV-2's first
        // unpaid cent sits in the second instalment (22 July), not the third that pays its last cent (22 August).
        var schedule = PaymentPlanSchedule.Build(300m, "EUR", 3, new DateOnly(2026, 6, 22));
        var dates = PaymentPlanSchedule.FirstOpenDueDates(schedule, 150m, [(First, 100m), (Second, 200m)]);

        Assert.Equal(new DateOnly(2026, 6, 22), dates[First]);
        Assert.Equal(new DateOnly(2026, 7, 22), dates[Second]);
        Assert.Equal(new DateOnly(2026, 8, 22), PaymentPlanSchedule.InvoiceDueDates(schedule, [(First, 100m), (Second, 200m)])[Second]);
    }

    [Fact]
    public void Credit_covers_the_invoice_due_first_with_a_planned_invoice_due_on_its_instalment_not_its_own_older_date()
    {
        var invoices = new[]
        {
            new CreditableInvoice(First, "INV-1", new DateOnly(2026, 6, 7), "EUR", 100m),
            new CreditableInvoice(Unplanned, "INV-3", new DateOnly(2026, 6, 14), "EUR", 100m),
        };
        var credit = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["EUR"] = 100m };

        var byOwnDates = UnappliedCredit.Cover(invoices, credit, new Dictionary<Guid, DateOnly>());
        var withPlan = UnappliedCredit.Cover(invoices, credit, new Dictionary<Guid, DateOnly> { [First] = new DateOnly(2026, 6, 22) });

        Assert.Equal([First], byOwnDates.Keys);
        Assert.Equal(100m, Assert.Single(withPlan, c => c.Key == Unplanned).Value);
        Assert.DoesNotContain(First, withPlan.Keys);
    }
}
