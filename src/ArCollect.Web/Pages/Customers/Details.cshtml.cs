using ArCollect.Domain.Activities;
using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Customers;

/// <summary>One customer on one page: what is owed and how old, recent payments, and the timeline with notes and calls.</summary>
public sealed class DetailsModel(
    ArCollectDbContext db,
    TenantContext tenant,
    TenantProvisioning provisioning,
    IValidator<NoteInput> noteValidator,
    TimeProvider time) : PageModel
{
    public CustomerOverview Overview { get; private set; } = null!;
    public CollectionsStatus? Collections { get; private set; }
    public IReadOnlyList<UserOption> Users { get; private set; } = [];

    /// <summary>The reminder policy the daily run uses for this customer.</summary>
    public string ReminderPolicy { get; private set; } = "";

    /// <summary>"German (Deutsch)", or "English, the company default" when the customer has no language of its own.</summary>
    public string ReminderLanguage { get; private set; } = "";

    [BindProperty]
    public NoteInput Note { get; set; } = new();

    public string UserName(Guid? id) => id is null ? "" : Users.FirstOrDefault(u => u.Id == id)?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound();
        }

        Note.Text = Note.Text?.Trim() ?? "";
        ModelState.ApplyValidation(nameof(Note), await noteValidator.ValidateAsync(Note, cancellationToken));
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = id,
            Type = Note.Type,
            At = time.GetUtcNow(),
            UserId = tenant.UserId,
            Summary = Note.Type == ActivityType.Call ? "Call logged" : "Note",
            Body = Note.Text,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = Note.Type == ActivityType.Call ? "The call is on the timeline." : "The note is on the timeline.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var overview = await CustomerOverview.LoadAsync(db, id, today, cancellationToken);
        if (overview is null)
        {
            return false;
        }

        Overview = overview;
        Collections = await CollectionsStatus.LoadAsync(db, id, cancellationToken);
        Users = await provisioning.ListUsersAsync(cancellationToken);
        var policyId = await db.Customers.Where(c => c.Id == id).Select(c => c.ReminderPolicyId).FirstOrDefaultAsync(cancellationToken);
        ReminderPolicy = (await ReminderPolicyOptions.LoadAsync(db, cancellationToken)).InEffect(policyId);

        ReminderLanguage = await ReminderLanguageAsync(id, cancellationToken);
        return true;
    }

    private async Task<string> ReminderLanguageAsync(Guid id, CancellationToken cancellationToken)
    {
        var own = await db.Customers.Where(c => c.Id == id).Select(c => c.Language).FirstOrDefaultAsync(cancellationToken);
        if (Languages.Find(own) is { } language)
        {
            return language.DisplayName;
        }

        var fallback = await db.Tenants.Where(t => t.Id == tenant.RequiredTenantId).Select(t => t.DefaultLanguage).FirstAsync(cancellationToken);
        return $"{Languages.Get(fallback).DisplayName}, the company default";
    }
}
