using ArCollect.Domain.Drafting;
using ArCollect.Infrastructure.Drafting;
using ArCollect.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Customers;

/// <summary>
/// "Draft a message": a follow-up written from the conversation so far, with the facts it used, for the clerk to edit
/// and send through the outbox. Nothing leaves without the clerk pressing Send; sending the same draft twice sends once.
/// </summary>
public sealed class FollowUpModel(
    FollowUpDrafter drafter,
    FollowUpFactsQuery factsQuery,
    FollowUpSender sender,
    IValidator<FollowUpInput> validator) : PageModel
{
    [BindProperty]
    public FollowUpInput Input { get; set; } = new();

    public FollowUpDraft Draft { get; private set; } = null!;
    public FollowUpRecipient Recipient { get; private set; } = null!;
    public bool ByLanguageModel { get; private set; }
    public string? ModelProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await drafter.DraftAsync(id, ct);
        if (result is null)
        {
            return NotFound();
        }

        (Draft, Recipient, ByLanguageModel, ModelProblem) = (result.Draft, result.Recipient, result.ByLanguageModel, result.ModelProblem);
        Input = new FollowUpInput { DraftKey = Guid.CreateVersion7(), Subject = Draft.Subject, Body = Draft.Body };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ModelState.ApplyValidation(nameof(Input), await validator.ValidateAsync(Input, ct));
        if (ModelState.IsValid)
        {
            var result = await sender.SendAsync(id, Input, ct);
            switch (result.Outcome)
            {
                case FollowUpSendOutcome.Missing:
                    return NotFound();
                case FollowUpSendOutcome.Queued:
                    TempData["Flash"] = "The follow-up is in the outbox and on the timeline.";
                    return Redirect($"/Customers/Details/{id}");
                case FollowUpSendOutcome.AlreadyQueued:
                    TempData["Flash"] = "This follow-up was already sent; it was not sent again.";
                    return Redirect($"/Customers/Details/{id}");
                default:
                    ModelState.AddModelError(string.Empty, result.Problem!);
                    break;
            }
        }

        // Show the facts again without asking the model a second time; the clerk's text stays as typed.
        var loaded = await factsQuery.LoadAsync(id, ct);
        if (loaded is not { } found)
        {
            return NotFound();
        }

        (Draft, Recipient) = (FollowUpComposer.Compose(found.Facts), found.Recipient);
        return Page();
    }
}
