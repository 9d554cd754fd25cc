using ArCollect.Domain.Dunning;
using static ArCollect.Domain.Tests.Dunning.DunningFixtures;

namespace ArCollect.Domain.Tests.Dunning;

public class ReminderPlannerTests
{
    [Theory]
    [InlineData(-4, null)]
    [InlineData(-3, -3)]
    [InlineData(0, -3)]
    [InlineData(1, 1)]
    [InlineData(6, 1)]
    [InlineData(7, 7)]
    [InlineData(14, 14)]
    [InlineData(29, 14)]
    [InlineData(30, 30)]
    [InlineData(120, 30)]
    public void Invoice_reaches_the_latest_step_whose_offset_has_passed(int daysOverdue, int? expectedOffset)
    {
        var decision = Decide(Customer(), [Invoice("INV-1", daysOverdue)]);

        Assert.Equal(expectedOffset, decision.Due.SingleOrDefault()?.Step.OffsetDays);
    }

    [Fact]
    public void Step_already_reached_is_not_sent_again()
    {
        var invoice = Invoice("INV-1", 9);

        var decision = Decide(Customer(), [invoice], reached: [new ReachedStep(invoice.Id, StepAt(7).Id)]);

        Assert.Empty(decision.Due);
    }

    [Fact]
    public void Next_step_follows_once_its_offset_is_reached()
    {
        var invoice = Invoice("INV-1", 14);

        var decision = Decide(Customer(), [invoice], reached: [new ReachedStep(invoice.Id, StepAt(1).Id), new ReachedStep(invoice.Id, StepAt(7).Id)]);

        Assert.Equal(14, Assert.Single(decision.Due).Step.OffsetDays);
    }

    [Fact]
    public void Missed_runs_catch_up_with_one_reminder_at_the_latest_step_not_a_burst()
    {
        // Nothing was sent; 20 days overdue means steps +1 and +7 were missed: only +14 goes out.
        var decision = Decide(Customer(), [Invoice("INV-1", 20)]);

        var due = Assert.Single(decision.Due);
        Assert.Equal(14, due.Step.OffsetDays);
        Assert.Equal(20, due.DaysOverdue);
    }

    [Fact]
    public void All_due_invoices_of_a_customer_go_into_one_decision_ordered_by_due_date()
    {
        var early = Invoice("INV-9", 8);
        var late = Invoice("INV-2", 1);
        var notYet = Invoice("INV-5", -10);

        var decision = Decide(Customer(), [late, notYet, early]);

        Assert.Equal(["INV-9", "INV-2"], decision.Due.Select(d => d.Invoice.Number));
        Assert.Equal(7, decision.LeadStep!.OffsetDays);
        Assert.True(decision.SendsEmail);
    }

    [Fact]
    public void Lead_step_and_tone_come_from_the_most_overdue_invoice()
    {
        var decision = Decide(Customer(), [Invoice("INV-1", -3), Invoice("INV-2", 31)]);

        Assert.Equal(30, decision.LeadStep!.OffsetDays);
        Assert.Equal(ReminderTone.Final, decision.Tone!.Tone);
        Assert.Equal(StepActions.Email | StepActions.ManagerNotification, decision.Actions);
    }

    [Fact]
    public void Actions_of_every_due_step_are_combined()
    {
        var decision = Decide(Customer(), [Invoice("INV-1", 15), Invoice("INV-2", 30)]);

        Assert.Equal(StepActions.Email | StepActions.CollectorTask | StepActions.ManagerNotification, decision.Actions);
    }

    [Fact]
    public void Paid_invoice_is_skipped_as_paid()
    {
        var decision = Decide(Customer(), [Invoice("INV-1", 10, open: 0m)]);

        Assert.Empty(decision.Due);
        Assert.Equal("Paid.", Assert.Single(decision.Skipped).Reason);
    }

    [Fact]
    public void Disputed_invoice_gets_no_reminder_but_the_others_do()
    {
        var decision = Decide(Customer(), [Invoice("INV-1", 10, disputed: true), Invoice("INV-2", 10)]);

        Assert.Equal("INV-2", Assert.Single(decision.Due).Invoice.Number);
        Assert.StartsWith("Disputed", Assert.Single(decision.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Promise_for_one_invoice_pauses_only_that_invoice_until_the_promised_date()
    {
        var promised = Invoice("INV-1", 10);
        var other = Invoice("INV-2", 10);
        var promise = new DunningPromise(Guid.NewGuid(), promised.Id, RunDate, 100m, PromiseStatus.Open);

        var decision = Decide(Customer(), [promised, other], promises: [promise]);

        Assert.Equal("INV-2", Assert.Single(decision.Due).Invoice.Number);
        Assert.Equal("Promised to pay by 2026-03-16.", Assert.Single(decision.Skipped).Reason);
    }

    [Fact]
    public void Account_wide_promise_pauses_every_invoice()
    {
        var promise = new DunningPromise(Guid.NewGuid(), null, RunDate.AddDays(5), 500m, PromiseStatus.Open);

        var decision = Decide(Customer(), [Invoice("INV-1", 10), Invoice("INV-2", 3)], promises: [promise]);

        Assert.Empty(decision.Due);
        Assert.Equal(2, decision.Skipped.Count);
    }

    [Fact]
    public void Reminders_resume_the_day_after_the_promised_date_passes_unpaid()
    {
        var invoice = Invoice("INV-1", 10);
        var promise = new DunningPromise(Guid.NewGuid(), invoice.Id, RunDate.AddDays(-1), 100m, PromiseStatus.Open);

        var decision = Decide(Customer(), [invoice], promises: [promise]);

        Assert.Equal(7, Assert.Single(decision.Due).Step.OffsetDays);
    }

    [Fact]
    public void Kept_or_broken_promises_pause_nothing()
    {
        var invoice = Invoice("INV-1", 10);
        var broken = new DunningPromise(Guid.NewGuid(), invoice.Id, RunDate.AddDays(5), 100m, PromiseStatus.Broken);

        Assert.Single(Decide(Customer(), [invoice], promises: [broken]).Due);
    }

    [Fact]
    public void Invoice_on_a_payment_plan_on_track_is_skipped()
    {
        var decision = Decide(Customer(), [Invoice("INV-1", 10, plan: true)]);

        Assert.Empty(decision.Due);
        Assert.Equal("On a payment plan that is on track.", Assert.Single(decision.Skipped).Reason);
    }

    [Fact]
    public void Do_not_contact_customer_reaches_the_step_but_gets_no_email()
    {
        var decision = Decide(Customer(doNotContact: true), [Invoice("INV-1", 15)]);

        Assert.Single(decision.Due);
        Assert.False(decision.SendsEmail);
        Assert.Equal("Customer is marked do-not-contact.", decision.NoEmailReason);
        Assert.True(decision.Actions.HasFlag(StepActions.CollectorTask));
    }

    [Fact]
    public void Bounced_primary_falls_back_to_another_live_contact()
    {
        var bounced = new DunningContact(Guid.NewGuid(), "Anna", "anna@acme.example", true, true);
        var backup = new DunningContact(Guid.NewGuid(), "Ben", "ben@acme.example", false, false);

        var decision = Decide(Customer(contacts: [bounced, backup]), [Invoice("INV-1", 2)]);

        Assert.Equal("ben@acme.example", Assert.Single(decision.Recipients).Email);
        Assert.True(decision.SendsEmail);
    }

    [Fact]
    public void Only_bounced_contacts_means_no_email_and_a_reason()
    {
        var bounced = new DunningContact(Guid.NewGuid(), "Anna", "anna@acme.example", true, true);

        var decision = Decide(Customer(contacts: [bounced]), [Invoice("INV-1", 2)]);

        Assert.False(decision.SendsEmail);
        Assert.StartsWith("No deliverable contact", decision.NoEmailReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_live_primary_contacts_all_receive_the_message()
    {
        var a = new DunningContact(Guid.NewGuid(), "Anna", "anna@acme.example", true, false);
        var b = new DunningContact(Guid.NewGuid(), "Ben", "ben@acme.example", true, false);
        var c = new DunningContact(Guid.NewGuid(), "Cem", "cem@acme.example", false, false);

        var decision = Decide(Customer(contacts: [a, b, c]), [Invoice("INV-1", 2)]);

        Assert.Equal(["anna@acme.example", "ben@acme.example"], decision.Recipients.Select(r => r.Email));
    }

    [Fact]
    public void Minimum_overdue_amount_counts_the_customers_overdue_total_in_that_currency()
    {
        var steps = CustomSteps((7, ReminderTone.Firm, 500m, null));

        // EUR overdue: 300 + 250 = 550 >= 500; USD overdue: 400 < 500 and EUR does not count towards it.
        var decision = Decide(Customer(), [Invoice("E1", 8, 300m), Invoice("E2", 9, 250m), Invoice("U1", 8, 400m, "USD")], steps: steps);

        Assert.Equal(["E2", "E1"], decision.Due.Select(d => d.Invoice.Number));
    }

    [Fact]
    public void Disputed_amounts_do_not_count_towards_the_minimum()
    {
        var steps = CustomSteps((7, ReminderTone.Firm, 500m, null));

        var decision = Decide(Customer(), [Invoice("E1", 8, 300m), Invoice("E2", 9, 250m, disputed: true)], steps: steps);

        Assert.Empty(decision.Due);
    }

    [Fact]
    public void Segment_condition_matches_case_insensitively_and_excludes_other_segments()
    {
        var steps = CustomSteps((1, ReminderTone.Neutral, null, "Enterprise"), (1, ReminderTone.Friendly, null, "SMB"));

        var decision = Decide(Customer(segment: "enterprise"), [Invoice("INV-1", 3)], steps: steps);

        Assert.Equal(ReminderTone.Neutral, Assert.Single(decision.Due).Step.Tone);
    }

    [Fact]
    public void Step_with_a_risk_band_condition_never_applies_while_customers_have_no_band()
    {
        var steps = CustomSteps((1, ReminderTone.Neutral, null, null));
        steps[0].RiskBand = "High";

        Assert.Empty(Decide(Customer(), [Invoice("INV-1", 3)], steps: steps).Due);
    }

    [Fact]
    public void Same_decision_yields_the_same_key_whatever_the_invoice_order()
    {
        var a = Invoice("INV-1", 8);
        var b = Invoice("INV-2", 1);
        var customer = Customer();

        var first = Decide(customer, [a, b]).IdempotencyKey;
        var second = Decide(customer, [b, a]).IdempotencyKey;

        Assert.Equal(first, second);
        Assert.StartsWith($"reminder:{customer.Id:N}:{StepAt(7).Id:N}:", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_invoice_set_yields_a_different_key()
    {
        var a = Invoice("INV-1", 8);
        var b = Invoice("INV-2", 8);
        var customer = Customer();

        Assert.NotEqual(Decide(customer, [a]).IdempotencyKey, Decide(customer, [a, b]).IdempotencyKey);
    }

    private static List<ReminderStep> CustomSteps(params (int Offset, ReminderTone Tone, decimal? Min, string? Segment)[] steps) =>
        steps.Select(s => new ReminderStep
        {
            Id = Guid.NewGuid(),
            OffsetDays = s.Offset,
            Tone = s.Tone,
            Actions = StepActions.Email,
            MinOverdueAmount = s.Min,
            Segment = s.Segment,
        }).ToList();
}
