using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Calls;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Worklist;

/// <summary>
/// Whom to chase first: by default the signed-in collector's accounts and tasks (all of them as a toggle), ranked in
/// SQL by expected value of acting now in the tenant's base currency, one page at a time; each row has its next action
/// and one-click call, note, promise and snooze, confirmed next to the row after a redirect (no resubmission on refresh).
/// </summary>
public sealed class IndexModel(ArCollectDbContext db, TenantContext tenant, TimeProvider time, CallOutcomes callOutcomes) : PageModel
{
    public sealed record Account(
        Guid CustomerId, string Name, string Currency, decimal Overdue, int OldestDays, int Invoices, decimal Score, string NextAction, bool UnreadReply,
        RiskBand? Band = null, double? ProbabilityLate = null);

    /// <summary>Weight of a customer the payment-delay model has not scored yet: between "will pay" and "will not".</summary>
    public const double UnscoredProbability = 0.5;

    public const int PageSize = 25;

    public sealed record TaskRow(Guid Id, Guid CustomerId, string Customer, string Title, string? Details, DateOnly DueOn, TaskAssignee Assignee, string? CallScript = null);

    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Every collector's accounts instead of the signed-in user's.</summary>
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public bool HasNextPage { get; private set; }

    /// <summary>Open tasks are paged too (a phone shows one short page, not a list thousands of pixels tall).</summary>
    public const int TaskPageSize = 8;

    [BindProperty(Name = "tp", SupportsGet = true)]
    public int TaskPage { get; set; } = 1;

    public bool HasNextTaskPage { get; private set; }

    /// <summary>True when "my accounts" was asked for but the user has none assigned, so every account is shown.</summary>
    public bool NoneAssigned { get; private set; }

    public string BaseCurrency { get; private set; } = "";

    [BindProperty]
    public PromiseInput Promise { get; set; } = new();

    [BindProperty]
    public NoteInput Note { get; set; } = new();

    [BindProperty]
    public CallResultInput CallResult { get; set; } = new();

    /// <summary>Reason codes a call's dispute can be opened with.</summary>
    public IReadOnlyList<DisputeReasonCode> Reasons { get; private set; } = [];

    /// <summary>The call task whose outcome was refused, so its form stays open with the error.</summary>
    public Guid? FailedCallTask { get; private set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>The customer whose row the confirmation belongs to.</summary>
    [TempData]
    public Guid? DoneCustomer { get; set; }

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

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

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
        return Confirm(Promise.CustomerId, $"Promise recorded for {customer.Name}.");
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
        return Confirm(null, $"Snoozed until {until:yyyy-MM-dd}.");
    }

    public async Task<IActionResult> OnPostMarkReadAsync(Guid customerId, CancellationToken ct)
    {
        await db.InboundMessages.Where(m => m.CustomerId == customerId && !m.IsRead).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsRead, true), ct);
        return Confirm(customerId, "Marked as read.");
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid taskId, CancellationToken ct)
    {
        var changed = await db.CollectionTasks.Where(t => t.Id == taskId && t.Status == CollectionTaskStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, CollectionTaskStatus.Done).SetProperty(t => t.CompletedAt, time.GetUtcNow()), ct);
        return changed == 0 ? NotFound() : Confirm(null, "Task done.");
    }

    /// <summary>One click records a call task's outcome through <see cref="CallOutcomes"/> (promise, dispute, wrong number...).</summary>
    public async Task<IActionResult> OnPostCallOutcomeAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (CallResult.Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            ModelState.AddModelError("CallResult.Outcome", "Choose what happened on the call.");
        }
        else if (CallResult.Note?.Length > 2000)
        {
            ModelState.AddModelError("CallResult.Note", "Use at most 2,000 characters for the call note.");
        }
        else
        {
            var result = await callOutcomes.RecordAsync(
                new CallOutcomeInput(CallResult.TaskId, outcome, CallResult.PromisedDate, CallResult.ReasonCode, CallResult.Note), Today, ct);
            if (result.NotFound)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                var customer = await db.CollectionTasks.Where(t => t.Id == CallResult.TaskId).Join(db.Customers, t => t.CustomerId, c => c.Id, (t, c) => c.Name).FirstAsync(ct);
                return Confirm(null, $"Call with {customer} recorded: {OutcomeLabel(outcome)}.");
            }

            ModelState.AddModelError($"CallResult.{result.Field ?? "Outcome"}", result.Error!);
        }

        FailedCallTask = CallResult.TaskId;
        await LoadAsync(ct);
        return Page();
    }

    public static string OutcomeLabel(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Reached => "reached",
        CallOutcome.Promise => "promise to pay",
        CallOutcome.Dispute => "dispute",
        CallOutcome.WrongNumber => "wrong number",
        _ => "no answer, voicemail left",
    };

    private RedirectToPageResult Confirm(Guid? customerId, string message)
    {
        Done = message;
        DoneCustomer = customerId;
        return RedirectToPage(new { all = All, p = PageNumber, tp = TaskPage });
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

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

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
        return Confirm(Note.CustomerId, $"{label} logged.");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = Today;
        PageNumber = Math.Max(1, PageNumber);
        var converter = await db.ConverterAsync(ct);
        BaseCurrency = converter.BaseCurrency;
        var user = tenant.UserId;
        NoneAssigned = !All && (user is null || !await db.Customers.AnyAsync(c => c.CollectorId == user, ct));
        var collector = All || NoneAssigned ? null : user;
        var ranked = await WorklistQuery.PageAsync(db, BaseCurrency, today, collector, (PageNumber - 1) * PageSize, PageSize + 1, ct);
        HasNextPage = ranked.Count > PageSize;
        ranked = ranked.Take(PageSize).ToList();
        var ids = ranked.Select(r => r.CustomerId).ToList();
        var risk = await db.CustomerScores.AsNoTracking().Where(s => ids.Contains(s.CustomerId))
            .Select(s => new { s.CustomerId, s.ProbabilityLate, s.Band })
            .ToDictionaryAsync(s => s.CustomerId, ct);
        TaskPage = Math.Max(1, TaskPage);
        var tasks = await TasksAsync(collector, (TaskPage - 1) * TaskPageSize, TaskPageSize + 1, ct);
        HasNextTaskPage = tasks.Count > TaskPageSize;
        Tasks = tasks.Take(TaskPageSize).ToList();
        if (Tasks.Any(t => t.CallScript is not null))
        {
            await DisputeSetup.EnsureReasonCodesAsync(db, ct);
            Reasons = await db.DisputeReasonCodes.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.SortOrder).ThenBy(r => r.Label).ToListAsync(ct);
        }

        var firstTask = await db.CollectionTasks.AsNoTracking().Where(t => t.Status == CollectionTaskStatus.Open && ids.Contains(t.CustomerId))
            .OrderBy(t => t.DueOn).Select(t => new { t.CustomerId, t.Title }).ToListAsync(ct);
        var promises = await db.Promises.AsNoTracking().Where(p => ids.Contains(p.CustomerId) && p.Status == PromiseStatus.Open)
            .Select(p => new { p.CustomerId, p.PromisedDate, p.Amount, p.Currency }).ToListAsync(ct);
        var unread = (await db.InboundMessages.Where(m => m.CustomerId != null && ids.Contains(m.CustomerId.Value) && !m.IsRead && !m.IsAutoReply)
            .Select(m => m.CustomerId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        Accounts = ranked.Select(r =>
        {
            var days = today.DayNumber - r.Oldest.DayNumber;
            var score = risk.GetValueOrDefault(r.CustomerId);
            var task = firstTask.FirstOrDefault(t => t.CustomerId == r.CustomerId);
            var promise = promises.Where(p => p.CustomerId == r.CustomerId).OrderBy(p => p.PromisedDate).FirstOrDefault();
            var next = unread.Contains(r.CustomerId) ? "Read the customer's reply"
                : promise is not null ? $"Wait: promised {promise.Currency} {promise.Amount:N2} by {promise.PromisedDate:yyyy-MM-dd}"
                : task is not null ? task.Title
                : days >= 14 ? "Call the customer" : "Reminders are running";
            return new Account(r.CustomerId, r.Name, BaseCurrency, r.Overdue, days, r.Invoices, r.Priority, next, unread.Contains(r.CustomerId), score?.Band, score?.ProbabilityLate);
        }).ToList();
    }

    /// <summary>
    /// Open tasks, soonest due first: the collector's own (assigned to them or on their customers) unless all are
    /// asked for. Finished tasks and stale ones (their customer owes nothing any more) leave the list.
    /// </summary>
    private async Task<List<TaskRow>> TasksAsync(Guid? collector, int skip, int take, CancellationToken ct) =>
        await db.CollectionTasks.AsNoTracking()
            .Where(t => t.Status == CollectionTaskStatus.Open)
            .Join(db.Customers, t => t.CustomerId, c => c.Id, (t, c) => new { t, c.Name, c.CollectorId })
            .Where(x => collector == null || x.t.AssignedUserId == collector || x.CollectorId == collector)
            .Where(x => db.Invoices.Any(i => i.CustomerId == x.t.CustomerId && i.Balance > 0))
            .OrderBy(x => x.t.DueOn).ThenBy(x => x.Name).ThenBy(x => x.t.Id).Skip(skip).Take(take)
            .Select(x => new TaskRow(x.t.Id, x.t.CustomerId, x.Name, x.t.Title, x.t.Details, x.t.DueOn, x.t.Assignee, x.t.CallScript))
            .ToListAsync(ct);
}
