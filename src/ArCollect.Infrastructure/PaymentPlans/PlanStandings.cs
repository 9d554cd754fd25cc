using ArCollect.Domain.PaymentPlans;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.PaymentPlans;

/// <summary>An active plan with its schedule and the current balance of each invoice it covers.</summary>
public sealed record ActivePlan(PaymentPlan Plan, IReadOnlyList<PlannedInstalment> Schedule, IReadOnlyList<(PaymentPlanInvoice Item, decimal Balance)> Invoices)
{
    public decimal Paid => PaymentPlanSchedule.PaidSinceStart(Invoices.Select(i => (i.Item.Amount, i.Item.BalanceAtStart, i.Balance)));

    public PlanStanding StandingOn(DateOnly today, int graceDays) => PaymentPlanSchedule.Evaluate(Schedule, Paid, today, graceDays);

    /// <summary>The covered invoices in plan order with the part of each the plan covers: the order instalments fill them in.</summary>
    public IReadOnlyList<(Guid InvoiceId, decimal Amount)> InvoicesInOrder =>
        Invoices.OrderBy(i => i.Item.Position).Select(i => (i.Item.InvoiceId, i.Item.Amount)).ToList();

    /// <summary>The day each covered invoice is due under the plan.</summary>
    public IReadOnlyDictionary<Guid, DateOnly> DueDates => PaymentPlanSchedule.InvoiceDueDates(Schedule, InvoicesInOrder);
}

/// <summary>An invoice's due date under an active plan, and the day the plan took effect.</summary>
public sealed record PlannedDue(Guid PlanId, DateOnly DueDate, DateOnly ActiveFrom);

/// <summary>
/// The one place that says how active payment plans change collections: the reminder run (and through it the
/// escalations), late fees and the cash forecast all read planned invoices' due dates from here.
/// </summary>
public static class PlanStandings
{
    /// <summary>Active plans of the given customers (all customers when null), tracked so the reminder run can settle them.</summary>
    public static async Task<IReadOnlyList<ActivePlan>> ActiveAsync(ArCollectDbContext db, IReadOnlyCollection<Guid>? customerIds, CancellationToken ct, bool track = true)
    {
        var query = (track ? db.PaymentPlans : db.PaymentPlans.AsNoTracking()).Where(p => p.Status == PaymentPlanStatus.Active);
        if (customerIds is not null)
        {
            query = query.Where(p => customerIds.Contains(p.CustomerId));
        }

        var plans = await query.Include(p => p.Instalments).Include(p => p.Invoices).AsSplitQuery().OrderBy(p => p.Id).ToListAsync(ct);
        if (plans.Count == 0)
        {
            return [];
        }

        var invoiceIds = plans.SelectMany(p => p.Invoices).Select(i => i.InvoiceId).Distinct().ToList();
        var balances = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Balance, ct);
        return plans.Select(p => new ActivePlan(
                p,
                p.Instalments.OrderBy(i => i.Number).Select(i => new PlannedInstalment(i.Number, i.DueDate, i.Amount)).ToList(),
                p.Invoices.OrderBy(i => i.Position).Select(i => (i, balances.GetValueOrDefault(i.InvoiceId))).ToList()))
            .ToList();
    }

    /// <summary>Planned due dates of every invoice on an active plan, by invoice id.</summary>
    public static IReadOnlyDictionary<Guid, PlannedDue> DueDates(IEnumerable<ActivePlan> plans)
    {
        var result = new Dictionary<Guid, PlannedDue>();
        foreach (var plan in plans)
        {
            foreach (var (invoiceId, due) in plan.DueDates)
            {
                result[invoiceId] = new PlannedDue(plan.Plan.Id, due, plan.Plan.ActiveFrom ?? DateOnly.FromDateTime(plan.Plan.CreatedAt.UtcDateTime));
            }
        }

        return result;
    }

    /// <summary>
    /// For every invoice on an active plan, the date of the first instalment still carrying an unpaid share of it: the
    /// order in which unapplied credit covers invoices (<see cref="Domain.Payments.UnappliedCredit"/>), the same in the
    /// reminder run and the late-fee run.
    /// </summary>
    public static IReadOnlyDictionary<Guid, DateOnly> FirstOpenDueDates(IEnumerable<ActivePlan> plans)
    {
        var result = new Dictionary<Guid, DateOnly>();
        foreach (var plan in plans)
        {
            foreach (var (invoiceId, due) in PaymentPlanSchedule.FirstOpenDueDates(plan.Schedule, plan.Paid, plan.InvoicesInOrder))
            {
                result[invoiceId] = due;
            }
        }

        return result;
    }

    /// <summary>
    /// The next instalment each plan asks for (what is left of it, its date, and each invoice's share of it): the
    /// reminder run chases a planned invoice by that date for that share.
    /// </summary>
    public static InstalmentRequest? NextRequest(ActivePlan plan) =>
        InstalmentRequest.Next(plan.Schedule, plan.Paid, plan.Plan.Currency,
            plan.InvoicesInOrder);

    /// <summary>
    /// From which day reminder steps count for each planned invoice: from the day the plan took effect, and for a later
    /// instalment from the day after the previous one's grace ended, so each instalment goes through the policy's steps.
    /// </summary>
    public static IReadOnlyDictionary<Guid, DateOnly> StepsCountFrom(IEnumerable<ActivePlan> plans, int graceDays)
    {
        var result = new Dictionary<Guid, DateOnly>();
        foreach (var plan in plans)
        {
            var from = plan.Plan.ActiveFrom ?? DateOnly.FromDateTime(plan.Plan.CreatedAt.UtcDateTime);
            if (NextRequest(plan) is { Number: > 1 } next && plan.Schedule.FirstOrDefault(i => i.Number == next.Number - 1) is { } previous)
            {
                var afterGrace = previous.DueDate.AddDays(graceDays + 1);
                from = afterGrace > from ? afterGrace : from;
            }

            foreach (var (item, _) in plan.Invoices)
            {
                result[item.InvoiceId] = from;
            }
        }

        return result;
    }

    /// <summary>
    /// For every invoice on an active plan of the tenant, what is still owed on it per instalment date
    /// (<see cref="PaymentPlanSchedule.OpenShares"/>): the cash forecast expects each share on its own date.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<(DateOnly DueDate, decimal Amount)>>> OpenSharesAsync(ArCollectDbContext db, CancellationToken ct)
    {
        var result = new Dictionary<Guid, IReadOnlyList<(DateOnly DueDate, decimal Amount)>>();
        foreach (var plan in await ActiveAsync(db, null, ct, track: false))
        {
            foreach (var (invoiceId, shares) in PaymentPlanSchedule.OpenShares(plan.Schedule, plan.Paid, plan.InvoicesInOrder))
            {
                result[invoiceId] = shares;
            }
        }

        return result;
    }
}
