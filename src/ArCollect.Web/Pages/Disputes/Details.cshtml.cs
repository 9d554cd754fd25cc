using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Disputes;

/// <summary>
/// One dispute: what it covers, its SLA, the suggested resolution from similar past disputes, status changes, owner,
/// internal notes and messages to the customer, and the resolution form (which "Accept suggestion" prefills).
/// </summary>
public sealed class DetailsModel(
    ArCollectDbContext db,
    DisputeService disputes,
    DisputeResolver resolver,
    DisputeSuggestions suggestions,
    TenantProvisioning provisioning,
    IValidator<ResolveDisputeInput> resolveValidator,
    IValidator<DisputeCommentInput> commentValidator,
    TimeProvider time) : PageModel
{
    public sealed record ItemRow(Guid InvoiceId, string Invoice, string? Line, decimal Amount);

    public sealed record NoteRow(DateTimeOffset At, string Kind, string Body, string? Author);

    public Dispute Dispute { get; private set; } = null!;
    public string Customer { get; private set; } = "";
    public string ReasonLabel { get; private set; } = "";
    public string? OwnerName { get; private set; }
    public SlaState Sla { get; private set; }
    public IReadOnlyList<ItemRow> Items { get; private set; } = [];
    public IReadOnlyList<NoteRow> Notes { get; private set; } = [];
    public IReadOnlyList<(DateTimeOffset At, string Summary)> Timeline { get; private set; } = [];
    public IReadOnlyList<UserOption> Users { get; private set; } = [];
    public DisputeSuggestion? Suggestion { get; private set; }
    public bool Accepted { get; private set; }
    public string? Done { get; private set; }

    [BindProperty]
    public ResolveDisputeInput Resolve { get; set; } = new();

    [BindProperty]
    public DisputeCommentInput Comment { get; set; } = new();

    [BindProperty]
    public Guid? OwnerUserId { get; set; }

    [BindProperty]
    public DisputePriority Priority { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool accept = false, string? done = null)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Done = done;
        Resolve = new ResolveDisputeInput { Date = Today() };
        if (accept && Suggestion is not null && Dispute.IsOpen)
        {
            // The clerk still confirms: accepting only fills the form in.
            Accepted = true;
            Resolve.Outcome = Suggestion.Outcome;
            Resolve.Amount = Suggestion.CreditAmount;
            Resolve.Explanation = Suggestion.Outcome == DisputeOutcome.Rejected
                ? $"We have reviewed your dispute about {ReasonLabel.ToLowerInvariant()} on invoice {(Items.Count > 0 ? Items[0].Invoice : "")} and checked it against the order and delivery records. "
                    + "We found the invoice correct, so it stands as billed. Please let us know if you have documents we have not seen."
                : $"Agreed after review ({ReasonLabel.ToLowerInvariant()}).";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, DisputeStatus to) =>
        await AfterAsync(id, await disputes.ChangeStatusAsync(id, to, HttpContext.RequestAborted), "Status", $"Dispute is now {DisputeLifecycle.Label(to).ToLowerInvariant()}.");

    public async Task<IActionResult> OnPostAssignAsync(Guid id) =>
        await AfterAsync(id, await disputes.AssignAsync(id, OwnerUserId, Priority, HttpContext.RequestAborted), "OwnerUserId", "Owner and priority saved.");

    public async Task<IActionResult> OnPostCommentAsync(Guid id)
    {
        ModelState.Clear();
        var validation = await commentValidator.ValidateAsync(Comment, HttpContext.RequestAborted);
        if (!validation.IsValid)
        {
            ModelState.ApplyValidation(nameof(Comment), validation);
            return await LoadAsync(id) ? Page() : NotFound();
        }

        return await AfterAsync(id, await disputes.CommentAsync(id, Comment, HttpContext.RequestAborted), nameof(Comment),
            Comment.ToCustomer ? "Message queued for the customer." : "Note added.");
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid id)
    {
        ModelState.Clear();
        var validation = await resolveValidator.ValidateAsync(Resolve, HttpContext.RequestAborted);
        if (!validation.IsValid)
        {
            ModelState.ApplyValidation(nameof(Resolve), validation);
            return await LoadAsync(id) ? Page() : NotFound();
        }

        var result = await resolver.ResolveAsync(id, Resolve, HttpContext.RequestAborted);
        return await AfterAsync(id, result, nameof(Resolve), $"Dispute resolved: {DisputeLifecycle.Label(Resolve.Outcome!.Value).ToLowerInvariant()}.");
    }

    private async Task<IActionResult> AfterAsync(Guid id, DisputeResult result, string prefix, string done)
    {
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            return RedirectToPage(new { id, done });
        }

        ModelState.Clear();
        foreach (var (field, message) in result.Errors)
        {
            // Status and owner changes have no field of their own on the page: their errors show at the top.
            if (prefix is "Status" or "OwnerUserId")
            {
                ModelState.AddModelError("", message);
            }
            else
            {
                ModelState.AddFieldError(prefix, field, message);
            }
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var dispute = await db.Disputes.AsNoTracking().Include(d => d.Items).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dispute is null)
        {
            return false;
        }

        Dispute = dispute;
        Priority = dispute.Priority;
        OwnerUserId = dispute.OwnerUserId;
        Customer = await db.Customers.Where(c => c.Id == dispute.CustomerId).Select(c => c.Name).SingleAsync(ct);
        var codes = await DisputeSetup.ReasonCodesAsync(db, ct);
        ReasonLabel = codes.TryGetValue(dispute.ReasonCode, out var code) ? code.Label : dispute.ReasonCode;
        Users = await provisioning.ListUsersAsync(ct);
        var names = Users.ToDictionary(u => u.Id, u => u.Name);
        OwnerName = dispute.OwnerUserId is { } owner ? names.GetValueOrDefault(owner, "(former user)") : null;
        var policies = await db.DisputeSlaPolicies.AsNoTracking().ToListAsync(ct);
        Sla = DisputeSla.StateOf(dispute.OpenedAt, dispute.DueAt, dispute.ResolvedAt, dispute.IsOpen, time.GetUtcNow(),
            DisputeSla.PolicyFor(policies, dispute.ReasonCode, dispute.Priority)?.AtRiskPercent ?? 75);

        var items = dispute.Items.Count > 0 ? dispute.Items.Select(i => (i.InvoiceId, i.InvoiceLineId, i.Amount)).ToList() : [(dispute.InvoiceId, (Guid?)null, dispute.Amount)];
        var invoiceIds = items.Select(i => i.InvoiceId).ToList();
        var numbers = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, ct);
        var lineIds = items.Where(i => i.InvoiceLineId != null).Select(i => i.InvoiceLineId!.Value).ToList();
        var lines = await db.InvoiceLines.AsNoTracking().Where(l => lineIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Description, ct);
        Items = items.Select(i => new ItemRow(i.InvoiceId, numbers.GetValueOrDefault(i.InvoiceId, "?"), i.InvoiceLineId is { } l ? lines.GetValueOrDefault(l) : null, i.Amount)).ToList();

        var comments = await db.DisputeComments.AsNoTracking().Where(c => c.DisputeId == id).OrderByDescending(c => c.At).ToListAsync(ct);
        Notes = comments.Select(c => new NoteRow(c.At, c.Kind switch
        {
            DisputeCommentKind.ToCustomer => "To customer",
            DisputeCommentKind.FromCustomer => "From customer",
            _ => "Internal",
        }, c.Body, c.UserId is { } u ? names.GetValueOrDefault(u) : null)).ToList();
        Timeline = (await db.Activities.AsNoTracking()
            .Where(a => a.CustomerId == dispute.CustomerId && invoiceIds.Contains(a.InvoiceId!.Value) && (a.Type == ActivityType.Dispute || a.Type == ActivityType.Alert))
            .OrderByDescending(a => a.At).Take(50).Select(a => new { a.At, a.Summary }).ToListAsync(ct))
            .Select(a => (a.At, a.Summary)).ToList();
        Suggestion = dispute.IsOpen ? await suggestions.ForAsync(id, ct) : null;
        return true;
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
