using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Replies;
using ArCollect.Infrastructure.Tenancy;
using Ganss.Xss;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Replies;

/// <summary>One reply: what the customer wrote (HTML sanitised), what was understood, and the suggested action to accept with one click.</summary>
public sealed class DetailsModel(ArCollectDbContext db, ReplyActions actions, TenantContext tenant) : PageModel
{
    private static readonly HtmlSanitizer Sanitizer = new();

    public sealed record OpenInvoice(Guid Id, string Number, decimal Balance, string Currency);

    public ReplyClassification Reply { get; private set; } = null!;
    public InboundMessage Message { get; private set; } = null!;
    public string? CustomerName { get; private set; }
    public string? CustomerCurrency { get; private set; }
    public string? SafeHtml { get; private set; }
    public IReadOnlyList<OpenInvoice> Invoices { get; private set; } = [];

    /// <summary>The suggested action in words.</summary>
    public string Suggestion { get; private set; } = "";

    [BindProperty]
    public DateOnly? PromisedDate { get; set; }

    [BindProperty]
    public decimal? Amount { get; set; }

    [BindProperty]
    public Guid? InvoiceId { get; set; }

    [BindProperty]
    public DisputeReason Reason { get; set; }

    [BindProperty]
    public string AssignTo { get; set; } = "";

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        PromisedDate = Reply.PromisedDate;
        Reason = Reply.DisputeReason ?? DisputeReason.Other;
        var named = Invoices.FirstOrDefault(i => (Reply.InvoiceNumbers ?? "").Split(", ").Contains(i.Number, StringComparer.OrdinalIgnoreCase));
        var first = Invoices.Count > 0 ? Invoices[0] : null;
        InvoiceId = (named ?? first)?.Id;
        Amount = Reply.SuggestedAction switch
        {
            ReplyAction.OpenDispute => Reply.Amount is { } a && named is not null && a <= named.Balance ? a : named?.Balance ?? first?.Balance,
            ReplyAction.RecordPromise => Reply.Amount ?? (Invoices.Count > 0 ? Invoices.Where(i => i.Currency == CustomerCurrency).Sum(i => i.Balance) : null),
            _ => Reply.Amount,
        };
        return Page();
    }

    public Task<IActionResult> OnPostPromiseAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, reply => actions.RecordPromiseAsync(reply, PromisedDate, Amount, tenant.UserId, ct), "Promise recorded; reminders wait until the promised date.", ct);

    public Task<IActionResult> OnPostDisputeAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, reply => actions.OpenDisputeAsync(reply, InvoiceId, Reason, Amount, tenant.UserId, ct), "Dispute opened; the invoice is no longer chased while it is open.", ct);

    public Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, reply => actions.CreateAnswerTaskAsync(reply, tenant.UserId, ct), "Task created for the collector to answer.", ct);

    public async Task<IActionResult> OnPostPaymentAsync(Guid id, CancellationToken ct)
    {
        var reply = await actions.FindAsync(id, ct);
        if (reply is null)
        {
            return NotFound();
        }

        var errors = await actions.MarkTakenAsync(reply, tenant.UserId, ct);
        if (errors.Count > 0)
        {
            return await ShowErrorsAsync(id, errors, ct);
        }

        return Redirect($"/Payments/Record?customerId={reply.CustomerId}");
    }

    public async Task<IActionResult> OnPostDismissAsync(Guid id, CancellationToken ct)
    {
        var reply = await actions.FindAsync(id, ct);
        if (reply is null)
        {
            return NotFound();
        }

        await actions.DismissAsync(reply, tenant.UserId, ct);
        Notice = "Suggestion dismissed.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct)
    {
        var reply = await actions.FindAsync(id, ct);
        if (reply is null)
        {
            return NotFound();
        }

        await actions.AcknowledgeAsync(reply, tenant.UserId, ct);
        Notice = "Acknowledged; automated reminders to this customer resume.";
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, reply => actions.AssignAsync(reply, AssignTo, tenant.UserId, ct), "Reply put on the customer and classified again.", ct, follow: true);

    private async Task<IActionResult> ActAsync(Guid id, Func<ReplyClassification, Task<IReadOnlyList<ReplyActionError>>> act, string done, CancellationToken ct, bool follow = false)
    {
        var reply = await actions.FindAsync(id, ct);
        if (reply is null)
        {
            return NotFound();
        }

        var messageId = reply.InboundMessageId;
        var errors = await act(reply);
        if (errors.Count > 0)
        {
            return await ShowErrorsAsync(id, errors, ct);
        }

        Notice = done;
        if (follow)
        {
            // Assigning classifies again under a new id.
            var again = await db.ReplyClassifications.AsNoTracking().Where(r => r.InboundMessageId == messageId).Select(r => r.Id).FirstAsync(ct);
            return RedirectToPage(new { id = again });
        }

        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ShowErrorsAsync(Guid id, IReadOnlyList<ReplyActionError> errors, CancellationToken ct)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field == "CustomerName" ? nameof(AssignTo) : error.Field, error.Message);
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var reply = await db.ReplyClassifications.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (reply is null)
        {
            return false;
        }

        Reply = reply;
        Message = await db.InboundMessages.AsNoTracking().FirstAsync(m => m.Id == reply.InboundMessageId, ct);
        if (reply.CustomerId is { } customerId)
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Name, c.Currency }).FirstAsync(ct);
            (CustomerName, CustomerCurrency) = (customer.Name, customer.Currency);
            Invoices = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId && i.Balance > 0)
                .OrderBy(i => i.DueDate).Select(i => new OpenInvoice(i.Id, i.Number, i.Balance, i.Currency)).ToListAsync(ct);
        }

        Suggestion = new ReplySuggestion(reply.SuggestedAction, reply.DisputeReason, reply.PromisedDate,
            reply.Amount is { } amount ? new ExtractedAmount(amount, reply.Currency) : null,
            reply.InvoiceNumbers?.Split(", ")[0], reply.PaymentReferences?.Split(", ")[0]).Describe();
        SafeHtml = reply.HtmlBody is null ? null : Sanitizer.Sanitize(reply.HtmlBody);
        return true;
    }
}
