using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Worklist;

/// <summary>
/// Whom to chase first: accounts ordered by overdue amount x days overdue of the oldest item (until the risk model
/// exists), each with its next action, plus the open tasks; one-click call, note, promise and snooze.
/// </summary>
public sealed class IndexModel(ArCollectDbContext db, TenantContext tenant, TimeProvider time) : PageModel
{
    public sealed record Account(
        Guid CustomerId, string Name, string Currency, decimal Overdue, int OldestDays, int Invoices, decimal Score, string NextAction, bool UnreadReply,
        RiskBand? Band = null, double? ProbabilityLate = null);

    /// <summary>Weight of a customer the payment-delay model has not scored yet: between "will pay" and "will not".</summary>
    public const double UnscoredProbability = 0.5;

    public sealed record TaskRow(Guid Id, Guid CustomerId, string Customer, string Title, string? Details, DateOnly DueOn, TaskAssignee Assignee);

    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    [BindProperty]
    public PromiseInput Promise { get; set; } = new();

    [BindProperty]
    public NoteInput Note { get; set; } = new();

    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostCallAsync(CancellationToken ct) => AddActivityAsync(ActivityType.Call, "Call", ct);

    public Task<IActionResult> OnPostNoteAsync(CancellationToken ct) => AddActivityAsync(ActivityType.Note, "Note", ct);

    public async Task<IActionResult> OnPostPromiseAsync(CancellationToken ct)
    {
        ModelState.Clear();
        foreach (var error in new PromiseInputValidator(Today).Validate(Promise).Errors)
        {
            ModelState.AddModelError($"Promise.{error.PropertyName}", error.ErrorMessage);
        }

        var customer = await db.Customers.Where(c => c.Id == Promise.CustomerId).Select(c => new { c.Name, c.Currency }).SingleOrDefaultAsync(ct);
        if (customer is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var now = time.GetUtcNow();
            db.Promises.Add(new PromiseToPay
            {
                Id = Guid.CreateVersion7(),
                CustomerId = Promise.CustomerId,
                PromisedDate = Promise.Date!.Value,
                Amount = Promise.Amount!.Value,
                Currency = customer.Currency,
                Status = PromiseStatus.Open,
                CreatedAt = now,
                CreatedBy = tenant.UserId,
            });
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = Promise.CustomerId,
                Type = ActivityType.PromiseToPay,
                At = now,
                UserId = tenant.UserId,
                Summary = $"Promised {customer.Currency} {Promise.Amount:N2} by {Promise.Date:yyyy-MM-dd}; reminders pause until then",
            });
            await db.SaveChangesAsync(ct);
            Done = $"Promise recorded for {customer.Name}.";
            Promise = new PromiseInput();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSnoozeAsync(Guid customerId, int days, CancellationToken ct)
    {
        var until = Today.AddDays(Math.Clamp(days, 1, 30));
        var changed = await db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.SnoozedUntil, until), ct);
        if (changed == 0)
        {
            return NotFound();
        }

        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            Type = ActivityType.Note,
            At = time.GetUtcNow(),
            UserId = tenant.UserId,
            Summary = $"Snoozed on the worklist until {until:yyyy-MM-dd}",
        });
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMarkReadAsync(Guid customerId, CancellationToken ct)
    {
        await db.InboundMessages.Where(m => m.CustomerId == customerId && !m.IsRead).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsRead, true), ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid taskId, CancellationToken ct)
    {
        var changed = await db.CollectionTasks.Where(t => t.Id == taskId && t.Status == CollectionTaskStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, CollectionTaskStatus.Done).SetProperty(t => t.CompletedAt, time.GetUtcNow()), ct);
        return changed == 0 ? NotFound() : RedirectToPage();
    }

    private async Task<IActionResult> AddActivityAsync(ActivityType type, string label, CancellationToken ct)
    {
        ModelState.Clear();
        foreach (var error in new NoteInputValidator().Validate(Note).Errors)
        {
            ModelState.AddModelError($"Note.{error.PropertyName}", error.ErrorMessage);
        }

        if (!await db.Customers.AnyAsync(c => c.Id == Note.CustomerId, ct))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var text = Note.Text.Trim();
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = Note.CustomerId,
                Type = type,
                At = time.GetUtcNow(),
                UserId = tenant.UserId,
                Summary = $"{label}: {(text.Length > 200 ? text[..200] + "..." : text)}",
                Body = text,
            });
            await db.SaveChangesAsync(ct);
            Done = $"{label} logged.";
            Note = new NoteInput();
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = Today;
        var rows = await db.Invoices.AsNoTracking()
            .Where(i => i.Balance > 0 && i.DueDate < today && !i.IsDisputed)
            .Join(db.Customers.Where(c => c.SnoozedUntil == null || c.SnoozedUntil <= today), i => i.CustomerId, c => c.Id, (i, c) => new { i, c.Name })
            .GroupBy(x => new { x.i.CustomerId, x.Name, x.i.Currency })
            .Select(g => new { g.Key.CustomerId, g.Key.Name, g.Key.Currency, Overdue = g.Sum(x => x.i.Balance), Oldest = g.Min(x => x.i.DueDate), Count = g.Count() })
            .ToListAsync(ct);
        // Expected value of acting now: probability of paying late x overdue amount x age (the model's score where there is one).
        var risk = await db.CustomerScores.AsNoTracking()
            .Select(s => new { s.CustomerId, s.ProbabilityLate, s.Band })
            .ToDictionaryAsync(s => s.CustomerId, ct);
        var scored = rows.Select(r => new
        {
            r,
            Days = today.DayNumber - r.Oldest.DayNumber,
            Risk = risk.GetValueOrDefault(r.CustomerId),
        })
            .Select(x => new { x.r, x.Days, x.Risk, Priority = x.r.Overdue * x.Days * (decimal)(x.Risk?.ProbabilityLate ?? UnscoredProbability) })
            .OrderByDescending(x => x.Priority).Take(100).ToList();
        var ids = scored.Select(x => x.r.CustomerId).Distinct().ToList();
        var tasks = await db.CollectionTasks.AsNoTracking().Where(t => t.Status == CollectionTaskStatus.Open)
            .Join(db.Customers, t => t.CustomerId, c => c.Id, (t, c) => new { t, c.Name })
            .OrderBy(x => x.t.DueOn).ThenBy(x => x.Name).Take(200)
            .Select(x => new TaskRow(x.t.Id, x.t.CustomerId, x.Name, x.t.Title, x.t.Details, x.t.DueOn, x.t.Assignee))
            .ToListAsync(ct);
        var promises = await db.Promises.AsNoTracking().Where(p => ids.Contains(p.CustomerId) && p.Status == PromiseStatus.Open)
            .Select(p => new { p.CustomerId, p.PromisedDate, p.Amount, p.Currency }).ToListAsync(ct);
        var unread = (await db.InboundMessages.Where(m => m.CustomerId != null && ids.Contains(m.CustomerId.Value) && !m.IsRead && !m.IsAutoReply)
            .Select(m => m.CustomerId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        Accounts = scored.Select(x =>
        {
            var task = tasks.FirstOrDefault(t => t.CustomerId == x.r.CustomerId);
            var promise = promises.Where(p => p.CustomerId == x.r.CustomerId).OrderBy(p => p.PromisedDate).FirstOrDefault();
            var next = unread.Contains(x.r.CustomerId) ? "Read the customer's reply"
                : task is not null ? task.Title
                : promise is not null ? $"Wait: promised {promise.Currency} {promise.Amount:N2} by {promise.PromisedDate:yyyy-MM-dd}"
                : x.Days >= 14 ? "Call the customer" : "Reminders are running";
            return new Account(
                x.r.CustomerId, x.r.Name, x.r.Currency, x.r.Overdue, x.Days, x.r.Count, x.Priority, next, unread.Contains(x.r.CustomerId),
                x.Risk?.Band, x.Risk?.ProbabilityLate);
        }).ToList();
        Tasks = tasks;
    }
}
