using ArCollect.Domain.Invoices;

namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// When a customer of each behaviour would pay an invoice in full, if nothing gets in the way. This is where the
/// signal for aging and for the payment-delay model comes from, so each behaviour has a distinct shape.
/// </summary>
internal static class PaymentTiming
{
    /// <summary>The planned receipt date (a weekday, never before issue), or null for an invoice the customer will never pay.</summary>
    public static DateOnly? PlannedPayment(DemoRandom random, CustomerProfile profile, Invoice invoice)
    {
        var due = invoice.DueDate;
        var behaviour = profile.BehaviourOn(due);
        DateOnly? planned = behaviour switch
        {
            PaymentBehaviour.PromptPayer => random.Chance(0.93)
                ? due.AddDays(-random.Between(0, 3))
                : due.AddDays(random.Between(1, 6)),
            PaymentBehaviour.EarlyWithDiscount => random.Chance(0.9)
                ? invoice.IssueDate.AddDays(random.Between(2, 10))
                : due.AddDays(-random.Between(0, 2)),
            PaymentBehaviour.HabituallyLate => random.Chance(0.85)
                ? due.AddDays(random.Between(5, 20))
                : due.AddDays(random.Between(0, 4)),
            PaymentBehaviour.ChronicLate => random.Chance(0.1)
                ? null
                : due.AddDays(random.Between(30, 90)),
            PaymentBehaviour.Disputer => due.AddDays(random.Between(5, 40)),
            PaymentBehaviour.Seasonal => IsBusySeason(due)
                ? due.AddDays(random.Between(15, 45))
                : due.AddDays(random.Between(-2, 3)),
            PaymentBehaviour.Deteriorating => due.AddDays(DeterioratingDelay(random, profile.Since, due)),
            _ => throw new ArgumentOutOfRangeException(nameof(profile), behaviour, "Unknown payment behaviour."),
        };

        if (planned is not { } date)
        {
            return null;
        }

        // Bank receipts land on weekdays.
        return DemoCalendar.NextWeekday(date < invoice.IssueDate ? invoice.IssueDate : date);
    }

    /// <summary>Summer holidays and year-end close slow some customers' payables departments.</summary>
    private static bool IsBusySeason(DateOnly due) => due.Month is 7 or 8 or 10 or 11 or 12;

    /// <summary>On time for the first twelve months as a customer, then about four more days late every month.</summary>
    private static int DeterioratingDelay(DemoRandom random, DateOnly since, DateOnly due)
    {
        var months = (due.DayNumber - since.DayNumber) / 30.44;
        if (months < 12)
        {
            return random.Between(-2, 2);
        }

        var mean = 5 + ((months - 12) * 4);
        return Math.Max(0, (int)Math.Round(mean + (random.Normal() * mean * 0.3)));
    }
}
