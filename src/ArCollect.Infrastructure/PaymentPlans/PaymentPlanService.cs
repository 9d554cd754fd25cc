using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.PaymentPlans;
using ArCollect.Domain.Portal;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.PaymentPlans;

/// <summary>An invoice a new plan would cover, with the part of it the plan pays (its undisputed open amount).</summary>
public sealed record PlanCandidate(Guid InvoiceId, string Number, DateOnly DueDate, decimal Amount, decimal Balance);

/// <summary>What creating or deciding a plan did: the plan, or field errors (field name, message).</summary>
public sealed record PlanResult(PaymentPlan? Plan, IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Makes payment plans for the current tenant: from the portal (the customer) and from the customer page (a clerk),
/// approved at once inside the tenant's rules, otherwise pending until a Manager decides. Every step writes a timeline entry.
/// </summary>
public sealed class PaymentPlanService(ArCollectDbContext db, TenantContext tenant, TimeProvider time)
{
    /// <summary>The tenant's local date, as the reminder run uses.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken ct)
    {
        var zone = await db.Tenants.AsNoTracking().Where(t => t.Id == db.CurrentTenantId).Select(t => t.TimeZone).FirstAsync(ct);
        return ReminderRunner.LocalDate(time.GetUtcNow(), zone);
    }

    public async Task<PortalSettings> SettingsAsync(CancellationToken ct) =>
        await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? PortalSettings.Defaults(db.CurrentTenantId!.Value);

    public async Task<PaymentPlanRules> RulesAsync(PortalSettings settings, CancellationToken ct)
    {
        var currencies = await db.PaymentPlanCurrencyRules.AsNoTracking().ToListAsync(ct);
        return new PaymentPlanRules(settings.PlanMaxInstalments, PaymentPlanRules.ParseBands(settings.PlanEligibleBands),
            currencies.ToDictionary(c => c.Currency.Trim(), StringComparer.Ordinal));
    }

    /// <summary>The customer's open invoices in the currency that no live plan covers yet, oldest due first.</summary>
    public async Task<IReadOnlyList<PlanCandidate>> CandidatesAsync(Guid customerId, string currency, CancellationToken ct)
    {
        var planned = db.PaymentPlanInvoices.Join(db.PaymentPlans.Where(p => p.Status == PaymentPlanStatus.Active || p.Status == PaymentPlanStatus.Pending),
            i => i.PlanId, p => p.Id, (i, p) => i.InvoiceId);
        var rows = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.State == InvoiceState.Issued && i.Balance > 0 && i.Currency == currency && !planned.Contains(i.Id))
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .Select(i => new { i.Id, i.Number, i.DueDate, i.Balance, i.DisputedAmount, i.IsDisputed })
            .ToListAsync(ct);
        return rows.Select(i => new PlanCandidate(i.Id, i.Number, i.DueDate, DisputedBalance.Chaseable(i.Balance, i.DisputedAmount, i.IsDisputed), i.Balance))
            .Where(c => c.Amount > 0m).ToList();
    }

    /// <summary>
    /// Makes a plan over all of the customer's plannable invoices in <paramref name="currency"/>. Inside the rules (or
    /// made by a Manager) it is active at once; otherwise it waits for a Manager, who gets a task.
    /// </summary>
    public async Task<PlanResult> CreateAsync(Guid customerId, string currency, PaymentPlanRequestInput input, string source, bool byManager, CancellationToken ct)
    {
        var today = await TodayAsync(ct);
        var settings = await SettingsAsync(ct);
        var validation = await new PaymentPlanRequestInputValidator(today, settings.MaxPromiseDays).ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return new PlanResult(null, validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One plan request at a time per customer: a double click must not make two plans.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"payment-plan:" + customerId}, 0))", ct);
        var candidates = await CandidatesAsync(customerId, currency, ct);
        if (candidates.Count == 0)
        {
            return new PlanResult(null, [("Instalments", $"Nothing open in {currency} can go on a plan: it is already on one, disputed or paid.")]);
        }

        var total = candidates.Sum(c => c.Amount);
        var schedule = PaymentPlanSchedule.Build(total, currency, input.Instalments!.Value, input.FirstDate!.Value);
        var band = await db.CustomerScores.AsNoTracking().Where(s => s.CustomerId == customerId).Select(s => (Domain.Risk.RiskBand?)s.Band).FirstOrDefaultAsync(ct);
        var breaks = (await RulesAsync(settings, ct)).Breaks(schedule, total, currency, band?.ToString());
        var now = time.GetUtcNow();
        var active = breaks.Count == 0 || byManager;
        var plan = new PaymentPlan
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            Currency = currency,
            Total = total,
            InstalmentCount = schedule.Count,
            FirstDate = schedule[0].DueDate,
            Status = active ? PaymentPlanStatus.Active : PaymentPlanStatus.Pending,
            Source = source,
            OutsideRules = breaks.Count == 0 ? null : string.Join("; ", breaks),
            CreatedBy = tenant.UserId,
            CreatedAt = now,
            ActiveFrom = active ? today : null,
            DecidedAt = active ? now : null,
            DecidedBy = active ? tenant.UserId : null,
            DecisionReason = !active ? null : breaks.Count == 0 ? "Inside the plan rules." : "Made by a Manager.",
            Instalments = schedule.Select(s => new PaymentPlanInstalment { Id = Guid.CreateVersion7(), Number = s.Number, DueDate = s.DueDate, Amount = s.Amount }).ToList(),
            Invoices = candidates.Select((c, n) => new PaymentPlanInvoice { Id = Guid.CreateVersion7(), InvoiceId = c.InvoiceId, Position = n + 1, Amount = c.Amount, BalanceAtStart = c.Balance }).ToList(),
        };
        db.PaymentPlans.Add(plan);
        var who = source == PlanSources.Portal ? "Customer asked in the portal for" : "Offered";
        var state = active ? "approved" : $"waiting for a Manager ({plan.OutsideRules})";
        Timeline(customerId, $"{who} a payment plan: {currency} {total:N2} in {schedule.Count} instalments from {schedule[0].DueDate:yyyy-MM-dd}, {state}",
            $"Invoices: {string.Join(", ", candidates.Select(c => c.Number))}\nSchedule: {string.Join(", ", schedule.Select(s => $"{s.DueDate:yyyy-MM-dd} {s.Amount:N2}"))}");
        if (!active)
        {
            var name = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstAsync(ct);
            db.CollectionTasks.Add(new CollectionTask
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customerId,
                Assignee = TaskAssignee.Manager,
                Title = $"Decide on {name}'s payment plan request",
                Details = $"{currency} {total:N2} in {schedule.Count} instalments; outside the rules: {plan.OutsideRules}.",
                DueOn = today,
                Status = CollectionTaskStatus.Open,
                Source = "PaymentPlan",
                SourceKey = $"plan-request:{plan.Id:N}",
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new PlanResult(plan, []);
    }

    /// <summary>A Manager approves (the plan becomes active today) or rejects (with a reason) a pending plan.</summary>
    public async Task<PlanResult> DecideAsync(Guid planId, PaymentPlanDecisionInput input, CancellationToken ct)
    {
        var validation = await new PaymentPlanDecisionInputValidator().ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return new PlanResult(null, validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tenantId = tenant.RequiredTenantId;
        var plan = await db.PaymentPlans.FromSql($"SELECT * FROM payment_plans WHERE tenant_id = {tenantId} AND id = {planId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return new PlanResult(null, [("PlanId", "There is no such plan.")]);
        }

        if (plan.Status != PaymentPlanStatus.Pending)
        {
            return new PlanResult(null, [("PlanId", $"This plan was already {plan.Status.ToString().ToLowerInvariant()}.")]);
        }

        var now = time.GetUtcNow();
        plan.Status = input.Approve ? PaymentPlanStatus.Active : PaymentPlanStatus.Rejected;
        plan.DecidedAt = now;
        plan.DecidedBy = tenant.UserId;
        plan.DecisionReason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        plan.ActiveFrom = input.Approve ? await TodayAsync(ct) : null;
        plan.EndedAt = input.Approve ? null : now;
        Timeline(plan.CustomerId, $"Payment plan of {plan.Currency} {plan.Total:N2} in {plan.InstalmentCount} instalments {(input.Approve ? "approved" : "rejected")} by a Manager"
            + (plan.DecisionReason is null ? "" : $": {plan.DecisionReason}"), null);
        await db.CollectionTasks.Where(t => t.SourceKey == $"plan-request:{plan.Id:N}" && t.Status == CollectionTaskStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, CollectionTaskStatus.Done).SetProperty(t => t.CompletedAt, now), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new PlanResult(plan, []);
    }

    /// <summary>The customer's plans, newest first, with where each active one stands today.</summary>
    public async Task<IReadOnlyList<PlanSummary>> ForCustomerAsync(Guid customerId, CancellationToken ct, int take = 10)
    {
        var today = await TodayAsync(ct);
        var grace = (await SettingsAsync(ct)).PlanGraceDays;
        var plans = await db.PaymentPlans.AsNoTracking().Include(p => p.Instalments).Include(p => p.Invoices).AsSplitQuery()
            .Where(p => p.CustomerId == customerId).OrderByDescending(p => p.CreatedAt).Take(take).ToListAsync(ct);
        var invoiceIds = plans.SelectMany(p => p.Invoices).Select(i => i.InvoiceId).Distinct().ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => new { i.Number, i.Balance }, ct);
        return plans.Select(p =>
        {
            var schedule = p.Instalments.OrderBy(i => i.Number).Select(i => new PlannedInstalment(i.Number, i.DueDate, i.Amount)).ToList();
            var paid = PaymentPlanSchedule.PaidSinceStart(p.Invoices.Select(i => (i.Amount, i.BalanceAtStart, invoices.TryGetValue(i.InvoiceId, out var x) ? x.Balance : 0m)));
            var standing = PaymentPlanSchedule.Evaluate(schedule, paid, today, grace);
            var numbers = p.Invoices.OrderBy(i => i.Position).Select(i => invoices.TryGetValue(i.InvoiceId, out var x) ? x.Number : "?").ToList();
            return new PlanSummary(p, schedule, standing, numbers);
        }).ToList();
    }

    private void Timeline(Guid customerId, string summary, string? body) => db.Activities.Add(new Activity
    {
        Id = Guid.CreateVersion7(),
        CustomerId = customerId,
        Type = ActivityType.PaymentPlan,
        At = time.GetUtcNow(),
        UserId = tenant.UserId,
        Summary = summary.Length > 500 ? summary[..497] + "..." : summary,
        Body = body,
    });
}

/// <summary>A plan as pages show it: its schedule, where it stands (money applied counts in order), the invoices it covers.</summary>
public sealed record PlanSummary(PaymentPlan Plan, IReadOnlyList<PlannedInstalment> Schedule, PlanStanding Standing, IReadOnlyList<string> InvoiceNumbers)
{
    public bool IsLive => Plan.Status is PaymentPlanStatus.Active or PaymentPlanStatus.Pending;

    /// <summary>The next instalment still open on an active plan, and what is left to pay on it.</summary>
    public (PlannedInstalment Instalment, decimal Outstanding)? NextInstalment =>
        Plan.Status == PaymentPlanStatus.Active && Standing.Next is { } next ? (next, Standing.NextOutstanding(Schedule)) : null;
}

/// <summary>Who made a plan.</summary>
public static class PlanSources
{
    public const string Portal = "Portal";
    public const string Clerk = "Clerk";
}
