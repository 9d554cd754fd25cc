using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Portal;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Portal;

/// <summary>
/// One of the customer's disputes: its state, the messages the team sent to the customer and the customer's own, and
/// a form to answer. The answer goes through <see cref="DisputeService"/> onto the dispute and the timeline.
/// </summary>
public sealed class DisputeMessagesModel(ArCollectDbContext db, PortalSession session, DisputeService disputes, TimeProvider time)
    : PortalPageModel(db, session, time)
{
    public sealed record MessageRow(DisputeCommentKind Kind, string Body, DateTimeOffset At);

    public Guid DisputeId { get; private set; }
    public string InvoiceNumber { get; private set; } = "";
    public DisputeReason Reason { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "";
    public DisputeStatus Status { get; private set; }
    public DisputeOutcome? Outcome { get; private set; }
    public IReadOnlyList<MessageRow> Messages { get; private set; } = [];

    [BindProperty]
    public string? Answer { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await disputes.CustomerMessageAsync(id, CustomerId, Answer, ct);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddFieldError(nameof(Answer), "", result.Errors[0].Message);
            return Page();
        }

        TempData["PortalFlash"] = T["AnswerThanks"];
        return Redirect($"{Home}/disputes/{id}");
    }

    public string State => Status switch
    {
        DisputeStatus.Resolved when Outcome == DisputeOutcome.Rejected => T["Dispute_Rejected"],
        DisputeStatus.Resolved or DisputeStatus.Withdrawn => T["Dispute_Resolved"],
        _ => T["Dispute_Open"],
    };

    public bool IsClosed => Status is DisputeStatus.Resolved or DisputeStatus.Withdrawn;

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var customerId = CustomerId;
        var dispute = await Db.Disputes.AsNoTracking().Where(d => d.Id == id && d.CustomerId == customerId)
            .Join(Db.Invoices, d => d.InvoiceId, i => i.Id, (d, i) => new { d.Id, i.Number, d.Reason, d.Amount, i.Currency, d.Status, d.Outcome })
            .FirstOrDefaultAsync(ct);
        if (dispute is null)
        {
            return false;
        }

        (DisputeId, InvoiceNumber, Reason, Amount, Currency, Status, Outcome) = (dispute.Id, dispute.Number, dispute.Reason, dispute.Amount, dispute.Currency.Trim(), dispute.Status, dispute.Outcome);
        // Internal notes never leave the tenant: only messages to and from the customer are shown.
        Messages = await Db.DisputeComments.AsNoTracking()
            .Where(c => c.DisputeId == id && (c.Kind == DisputeCommentKind.ToCustomer || c.Kind == DisputeCommentKind.FromCustomer))
            .OrderBy(c => c.At).Select(c => new MessageRow(c.Kind, c.Body, c.At)).ToListAsync(ct);
        return true;
    }
}
