using ArCollect.Domain.Dunning;

namespace ArCollect.Domain.Tests.Dunning;

public class ToneRuleTests
{
    [Fact]
    public void Reliable_payer_gets_one_notch_gentler_with_the_record_as_reason()
    {
        // 9 of 10 on time = 90%, the threshold.
        var choice = ToneRule.Choose(ReminderTone.Firm, new PaymentHistory(10, 9, 4m));

        Assert.Equal(ReminderTone.Neutral, choice.Tone);
        Assert.Equal("Gentler than policy (firm to neutral): usually pays on time, 9 of 10 invoices paid on time.", choice.Reason);
    }

    [Fact]
    public void Friendly_cannot_get_gentler()
    {
        Assert.Equal(ReminderTone.Friendly, ToneRule.Choose(ReminderTone.Friendly, new PaymentHistory(20, 20, 0m)).Tone);
    }

    [Fact]
    public void Just_below_the_on_time_threshold_keeps_the_policy_tone()
    {
        // 8 of 10 = 80% on time; 2 late is 20%, far from chronic.
        var choice = ToneRule.Choose(ReminderTone.Neutral, new PaymentHistory(10, 8, 30m));

        Assert.Equal(ReminderTone.Neutral, choice.Tone);
        Assert.Equal("Policy tone neutral: mixed record, 8 of 10 invoices paid on time.", choice.Reason);
    }

    [Fact]
    public void Chronic_late_payer_gets_one_notch_firmer()
    {
        // 6 of 10 late = 60% >= 50%, 21.5 days late on average >= 10.
        var choice = ToneRule.Choose(ReminderTone.Friendly, new PaymentHistory(10, 4, 21.5m));

        Assert.Equal(ReminderTone.Neutral, choice.Tone);
        Assert.Equal("Firmer than policy (friendly to neutral): chronic late payer, 6 of 10 invoices late by 21.5 days on average.", choice.Reason);
    }

    [Fact]
    public void Often_late_but_only_by_a_few_days_is_not_chronic()
    {
        Assert.Equal(ReminderTone.Neutral, ToneRule.Choose(ReminderTone.Neutral, new PaymentHistory(10, 2, 3m)).Tone);
    }

    [Fact]
    public void Firmer_never_turns_a_firm_step_into_a_final_notice()
    {
        Assert.Equal(ReminderTone.Firm, ToneRule.Choose(ReminderTone.Firm, new PaymentHistory(10, 0, 40m)).Tone);
    }

    [Fact]
    public void Final_notice_is_never_softened()
    {
        var choice = ToneRule.Choose(ReminderTone.Final, new PaymentHistory(10, 10, 0m));

        Assert.Equal(ReminderTone.Final, choice.Tone);
        Assert.Equal("Final notice keeps its tone (10 of 10 invoices paid on time).", choice.Reason);
    }

    [Fact]
    public void Fewer_than_three_paid_invoices_is_too_little_history()
    {
        var choice = ToneRule.Choose(ReminderTone.Firm, new PaymentHistory(2, 2, 0m));

        Assert.Equal(ReminderTone.Firm, choice.Tone);
        Assert.Equal("Policy tone firm: too little history (2 paid invoices) to adjust.", choice.Reason);
    }
}
