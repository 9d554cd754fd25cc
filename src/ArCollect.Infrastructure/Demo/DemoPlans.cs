using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.PaymentPlans;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// Payment plans and promises on the demo tenant, so their pages have something to show on first start: one plan on
/// track, one breached a while ago, a few promises kept and broken, and a prompt-payer rule.
/// </summary>
public static class DemoPlans
{
    public static async Task<(int Plans, int Promises)> SeedAsync(ArCollectDbContext db, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        // Customers with at least two overdue invoices, from the end of the alphabet (the printed portal link is the first).
        var overdue = await db.Invoices.AsNoTracking()
            .Where(i => i.State == InvoiceState.Issued && i.Balance > 0 && !i.IsDisputed && i.DueDate < today)
            .GroupBy(i => i.CustomerId).Where(g => g.Count() >= 2).Select(g => g.Key).ToListAsync(ct);
        var customers = await db.Customers.AsNoTracking().Where(c => overdue.Contains(c.Id))
            .OrderByDescending(c => c.Name).Select(c => new { c.Id, c.Name, c.Currency }).Take(7).ToListAsync(ct);
        if (customers.Count < 2)
        {
            return (0, 0);
        }

        AddPlan(db, customers[0].Id, customers[0].Currency.Trim(), await OpenAsync(db, customers[0].Id, customers[0].Currency, ct), today.AddDays(10), today.AddDays(-5), PaymentPlanStatus.Active);
        AddPlan(db, customers[1].Id, customers[1].Currency.Trim(), await OpenAsync(db, customers[1].Id, customers[1].Currency, ct), today.AddDays(-40), today.AddDays(-50), PaymentPlanStatus.Breached);

        // A prompt-payer rule, so punctual demo customers see the offer in the portal and their next invoices get 2/10.
        db.IncentiveRules.Add(new Domain.Incentives.IncentiveRule
        {
            Id = Guid.CreateVersion7(),
            Name = "Prompt payers",
            MinOnTimePercent = 90m,
            LookbackMonths = 12,
            MinPaidInvoices = 3,
            DiscountPercent = 2m,
            DiscountDays = 10,
            CreatedAt = now,
            UpdatedAt = now,
        });

        var promises = 0;
        foreach (var (customer, n) in customers.Skip(2).Select((c, n) => (c, n)))
        {
            var paid = n % 2 == 0;
            var date = today.AddDays(-7 - (3 * n));
            db.Promises.Add(new PromiseToPay
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer.Id,
                PromisedDate = date,
                Amount = 500m,
                Currency = customer.Currency.Trim(),
                Status = paid ? PromiseStatus.Kept : PromiseStatus.Broken,
                CreatedAt = now.AddDays(-14 - (3 * n)),
            });
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer.Id,
                Type = ActivityType.PromiseToPay,
                At = new DateTimeOffset(date.AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero),
                Summary = paid
                    ? $"Promise kept: {customer.Currency.Trim()} 500.00 promised by {date:yyyy-MM-dd} has arrived"
                    : $"Promise broken: {customer.Currency.Trim()} 500.00 promised by {date:yyyy-MM-dd} has not arrived",
            });
            promises++;
        }

        await db.SaveChangesAsync(ct);
        return (2, promises);
    }

    private static async Task<List<(Guid Id, DateOnly Due, decimal Balance)>> OpenAsync(ArCollectDbContext db, Guid customerId, string currency, CancellationToken ct) =>
        (await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.State == InvoiceState.Issued && i.Balance > 0 && !i.IsDisputed && i.Currency == currency)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .Select(i => new { i.Id, i.DueDate, i.Balance }).ToListAsync(ct))
        .Select(i => (i.Id, i.DueDate, i.Balance)).ToList();

    private static void AddPlan(ArCollectDbContext db, Guid customerId, string currency, List<(Guid Id, DateOnly Due, decimal Balance)> invoices, DateOnly first, DateOnly madeOn, PaymentPlanStatus status)
    {
        var total = invoices.Sum(i => i.Balance);
        var schedule = PaymentPlanSchedule.Build(total, currency, 4, first);
        var made = new DateTimeOffset(madeOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var plan = new PaymentPlan
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            Currency = currency,
            Total = total,
            InstalmentCount = schedule.Count,
            FirstDate = first,
            Status = status,
            Source = "Portal",
            CreatedAt = made,
            DecidedAt = made,
            DecisionReason = "Inside the plan rules.",
            ActiveFrom = madeOn,
            EndedAt = status == PaymentPlanStatus.Breached ? new DateTimeOffset(first.AddDays(PortalDefaultsGrace + 1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero) : null,
            Instalments = schedule.Select(s => new PaymentPlanInstalment { Id = Guid.CreateVersion7(), Number = s.Number, DueDate = s.DueDate, Amount = s.Amount }).ToList(),
            Invoices = invoices.Select((i, n) => new PaymentPlanInvoice { Id = Guid.CreateVersion7(), InvoiceId = i.Id, Position = n + 1, Amount = i.Balance, BalanceAtStart = i.Balance }).ToList(),
        };
        db.PaymentPlans.Add(plan);
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            Type = ActivityType.PaymentPlan,
            At = made,
            Summary = $"Customer asked in the portal for a payment plan: {currency} {total:N2} in {schedule.Count} instalments from {first:yyyy-MM-dd}, approved",
        });
        if (status == PaymentPlanStatus.Breached)
        {
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customerId,
                Type = ActivityType.PaymentPlan,
                At = plan.EndedAt!.Value,
                Summary = $"Payment plan breached: instalment 1 of {schedule.Count} ({currency} {schedule[0].Amount:N2} open) was due {first:yyyy-MM-dd} and is unpaid after {PortalDefaultsGrace} days of grace; reminders resume",
            });
        }
    }

    private const int PortalDefaultsGrace = Domain.Portal.PortalSettings.DefaultPlanGraceDays;
}
