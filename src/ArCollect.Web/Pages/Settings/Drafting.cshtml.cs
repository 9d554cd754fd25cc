using ArCollect.Domain.Drafting;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Drafting;
using ArCollect.Infrastructure.Email;
using ArCollect.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins choose whether follow-ups are written by an OpenAI-compatible language model (off by default) and see
/// exactly what the last request sent. The key is stored encrypted like the mail passwords and never shown again.
/// </summary>
public sealed class DraftingModel(
    ArCollectDbContext db,
    LanguageModelEndpoint endpoint,
    MailSecrets secrets,
    IValidator<DraftingSettingsInput> validator,
    TimeProvider time) : PageModel
{
    [BindProperty]
    public DraftingSettingsInput Input { get; set; } = new();

    public bool HasKey { get; private set; }
    public string? LastInstructions { get; private set; }
    public string? LastFacts { get; private set; }
    public DateTimeOffset? LastSentAt { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var saved = await LoadAsync(ct);
        if (saved is not null)
        {
            Input = new DraftingSettingsInput { UseLanguageModel = saved.UseLanguageModel, Endpoint = saved.Endpoint, Model = saved.Model };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ApplyValidation(nameof(Input), await validator.ValidateAsync(Input, ct));
        var url = string.IsNullOrWhiteSpace(Input.Endpoint) ? null : Input.Endpoint.Trim();
        if (ModelState.IsValid && url is not null)
        {
            var problem = LanguageModelEndpoint.Problem(url) ?? await endpoint.AddressProblemAsync(url, ct);
            if (problem is not null)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Endpoint)}", problem);
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var settings = await db.DraftingSettings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new DraftingSettings { Id = Guid.CreateVersion7() };
            db.DraftingSettings.Add(settings);
        }

        settings.UseLanguageModel = Input.UseLanguageModel;
        settings.Endpoint = url?.TrimEnd('/');
        settings.Model = string.IsNullOrWhiteSpace(Input.Model) ? null : Input.Model.Trim();
        if (Input.ClearApiKey)
        {
            settings.ApiKeyProtected = null;
        }
        else if (!string.IsNullOrWhiteSpace(Input.ApiKey))
        {
            settings.ApiKeyProtected = secrets.Protect(Input.ApiKey.Trim());
        }

        settings.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = Input.UseLanguageModel ? "Saved: follow-ups are now drafted by the language model." : "Saved: follow-ups are drafted from templates.";
        return RedirectToPage();
    }

    private async Task<DraftingSettings?> LoadAsync(CancellationToken ct)
    {
        var saved = await db.DraftingSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        HasKey = saved?.ApiKeyProtected is not null;
        LastInstructions = saved?.LastInstructions;
        LastFacts = saved?.LastFacts;
        LastSentAt = saved?.LastSentAt;
        return saved;
    }
}
