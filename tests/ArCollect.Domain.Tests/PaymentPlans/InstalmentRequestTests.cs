using ArCollect.Domain.PaymentPlans;

namespace ArCollect.Domain.Tests.PaymentPlans;

public sealed class InstalmentRequestTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    // 900.00 in three monthly instalments of 300.00, over invoice A (500.00) then B (400.00).
    private static readonly IReadOnlyList<PlannedInstalment> Schedule = PaymentPlanSchedule.Build(900m, "EUR", 3, new DateOnly(2026, 3, 1));
    private static readonly (Guid, decimal)[] Invoices = [(A, 500m), (B, 400m)];

    [Fact]
    public void Nothing_paid_asks_for_the_first_instalment_all_of_it_on_the_first_invoice()
    {
        var request = InstalmentRequest.Next(Schedule, 0m, "EUR", Invoices)!;
        Assert.Equal((1, 3, new DateOnly(2026, 3, 1), 300m), (request.Number, request.Count, request.DueDate, request.Amount));
        Assert.Equal(300m, request.PerInvoice[A]);
        Assert.False(request.PerInvoice.ContainsKey(B));
    }

    [Fact]
    public void The_second_instalment_is_split_where_the_first_invoice_ends()
    {
        var request = InstalmentRequest.Next(Schedule, 300m, "EUR", Invoices)!;
        Assert.Equal((2, new DateOnly(2026, 4, 1), 300m), (request.Number, request.DueDate, request.Amount));
        Assert.Equal(200m, request.PerInvoice[A]);
        Assert.Equal(100m, request.PerInvoice[B]);
    }

    [Fact]
    public void A_part_paid_instalment_asks_for_what_is_left_of_it()
    {
        var request = InstalmentRequest.Next(Schedule, 650m, "EUR", Invoices)!;
        Assert.Equal((3, 250m), (request.Number, request.Amount));
        Assert.Equal(250m, request.PerInvoice[B]);
        Assert.Null(InstalmentRequest.Next(Schedule, 900m, "EUR", Invoices));
    }
}
