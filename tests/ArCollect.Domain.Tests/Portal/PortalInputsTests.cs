using ArCollect.Domain.Disputes;
using ArCollect.Domain.Portal;

namespace ArCollect.Domain.Tests.Portal;

public sealed class PortalInputsTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static Dictionary<string, string> Errors(FluentValidation.Results.ValidationResult result) =>
        result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);

    [Fact]
    public void A_promise_from_today_to_the_maximum_for_up_to_the_open_amount_is_accepted()
    {
        var validator = new PortalPromiseInputValidator(Today, 30, 400m);

        Assert.True(validator.Validate(new PortalPromiseInput { Date = Today, Amount = 0.01m }).IsValid);
        Assert.True(validator.Validate(new PortalPromiseInput { Date = Today.AddDays(30), Amount = 400m }).IsValid);
    }

    [Fact]
    public void A_promise_in_the_past_beyond_the_maximum_above_the_open_amount_or_with_fractions_of_cents_names_the_field()
    {
        var validator = new PortalPromiseInputValidator(Today, 30, 400m);

        Assert.Equal("The date cannot be in the past.", Errors(validator.Validate(new PortalPromiseInput { Date = Today.AddDays(-1), Amount = 1m }))["Date"]);
        Assert.Equal("The date can be at most 30 days ahead (2026-07-15).", Errors(validator.Validate(new PortalPromiseInput { Date = Today.AddDays(31), Amount = 1m }))["Date"]);
        Assert.Equal("The amount cannot be more than the open 400.00.", Errors(validator.Validate(new PortalPromiseInput { Date = Today, Amount = 400.01m }))["Amount"]);
        Assert.Equal("The amount can have at most two decimals.", Errors(validator.Validate(new PortalPromiseInput { Date = Today, Amount = 1.005m }))["Amount"]);
        Assert.Equal("Enter the date you will pay by.", Errors(validator.Validate(new PortalPromiseInput { Amount = 1m }))["Date"]);
    }

    [Fact]
    public void A_dispute_needs_a_reason_a_message_and_an_amount_within_each_invoices_open_amount()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var validator = new PortalDisputeInputValidator(new Dictionary<Guid, decimal> { [first] = 100m, [second] = 50m });
        var input = new PortalDisputeInput
        {
            Reason = DisputeReason.PricingError,
            Message = "Wrong price",
            Lines = [new() { InvoiceId = first, Amount = 100m }, new() { InvoiceId = second, Amount = 50.01m }, new() { InvoiceId = Guid.NewGuid(), Amount = null }],
        };

        var errors = Errors(validator.Validate(input));

        Assert.Equal("The amount cannot be more than the open 50.00.", errors["Lines[1].Amount"]);
        Assert.Equal("This invoice is not open.", errors["Lines[2].InvoiceId"]);
        Assert.False(errors.ContainsKey("Lines[0].Amount"));
        var empty = Errors(validator.Validate(new PortalDisputeInput { Lines = [new() { InvoiceId = first }] }));
        Assert.Equal("Choose a reason.", empty["Reason"]);
        Assert.Equal("Tell us what is wrong.", empty["Message"]);
        Assert.Equal("Enter the disputed amount of at least one invoice.", empty["Lines"]);
    }
}
