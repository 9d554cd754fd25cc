using ArCollect.Domain.Dunning;

namespace ArCollect.Domain.Tests.Dunning;

public sealed class ThankYouRuleTests
{
    private static readonly DateOnly RunDate = new(2026, 6, 15);

    private static SettledInvoice Paid(
        decimal paid = 100m, decimal writtenOff = 0m, decimal balance = 0m, int settledDaysAgo = 1,
        bool reminded = true, bool incentive = false, bool plan = false) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "INV-1", "EUR", paid, writtenOff, balance, RunDate.AddDays(-settledDaysAgo), reminded, incentive, plan);

    [Fact]
    public void A_reminded_invoice_paid_in_full_is_thanked_for() => Assert.True(ThankYouRule.Thanks(Paid(), RunDate));

    [Fact]
    public void An_invoice_settled_by_a_credit_note_alone_is_not_thanked_for() => Assert.False(ThankYouRule.Thanks(Paid(paid: 0m), RunDate));

    [Fact]
    public void An_invoice_with_any_write_off_is_not_thanked_for() => Assert.False(ThankYouRule.Thanks(Paid(paid: 90m, writtenOff: 10m), RunDate));

    [Fact]
    public void An_invoice_still_open_is_not_thanked_for() => Assert.False(ThankYouRule.Thanks(Paid(balance: 0.01m), RunDate));

    [Fact]
    public void An_invoice_collections_never_touched_is_not_thanked_for() => Assert.False(ThankYouRule.Thanks(Paid(reminded: false), RunDate));

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Invoices_with_a_prompt_payer_discount_or_on_a_plan_are_thanked_for_without_a_reminder(bool incentive, bool plan) =>
        Assert.True(ThankYouRule.Thanks(Paid(reminded: false, incentive: incentive, plan: plan), RunDate));

    [Fact]
    public void Settlements_older_than_the_lookback_are_not_thanked_for()
    {
        Assert.True(ThankYouRule.Thanks(Paid(settledDaysAgo: ThankYouRule.LookbackDays), RunDate));
        Assert.False(ThankYouRule.Thanks(Paid(settledDaysAgo: ThankYouRule.LookbackDays + 1), RunDate));
    }

    [Fact]
    public void Only_email_and_sms_are_thank_you_channels() =>
        Assert.Equal(StepActions.Sms, ThankYouRule.Channels(StepActions.Sms | StepActions.CreditHold | StepActions.CallTask));
}
