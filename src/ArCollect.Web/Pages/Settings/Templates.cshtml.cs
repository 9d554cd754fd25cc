using ArCollect.Domain.Common;
using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins edit the reminder templates of each tone and language, preview them against a real customer before saving,
/// reset them to the shipped default, and choose the language of customers without one.
/// </summary>
public sealed class TemplatesModel(
    ArCollectDbContext db, ReminderTemplateEngine engine, TenantContext tenant, TimeProvider time, IOptions<DunningOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ReminderTone Tone { get; set; } = ReminderTone.Friendly;

    /// <summary>ISO 639-1 code of the template being edited; anything unsupported shows English.</summary>
    [BindProperty(SupportsGet = true)]
    public string Language { get; set; } = Languages.English;

    public string DefaultLanguage { get; private set; } = Languages.English;

    /// <summary>Languages with a saved template for the current tone.</summary>
    public IReadOnlySet<string> CustomisedLanguages { get; private set; } = new HashSet<string>();

    [BindProperty]
    public TemplateInput Input { get; set; } = new();

    public IReadOnlyList<TemplatePreview.PreviewCustomer> Customers { get; private set; } = [];

    public RenderedReminder? Preview { get; private set; }

    public string? PreviewProblem { get; private set; }

    public bool Saved { get; private set; }

    public bool IsCustomised { get; private set; }

    /// <summary>False when no template ships in this language: the editor starts from the English one.</summary>
    public bool HasShippedDefault => DefaultTemplates.IsShipped(Language);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Language = Languages.Get(Language).Code;
        var saved = await SavedAsync(ct);
        IsCustomised = saved is not null;
        var template = saved ?? Shipped();
        Input = new TemplateInput { Subject = template.Subject, HtmlBody = template.HtmlBody, TextBody = template.TextBody };
        await LoadPageAsync(ct);
    }

    /// <summary>Deletes the tenant's template of this tone and language, so the run uses the shipped one again.</summary>
    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        Language = Languages.Get(Language).Code;
        await db.MessageTemplates.Where(t => t.Tone == Tone && t.Language == Language).ExecuteDeleteAsync(ct);
        TempData["Flash"] = $"The {Tone} template in {Languages.Get(Language).Name} is back to the shipped default.";
        return Redirect($"/Settings/Templates?tone={Tone}&language={Language}");
    }

    /// <summary>Sets the language of reminders to customers who have none of their own.</summary>
    public async Task<IActionResult> OnPostDefaultLanguageAsync(string? defaultLanguage, CancellationToken ct)
    {
        if (!Languages.IsSupported(defaultLanguage))
        {
            ModelState.Clear();
            ModelState.AddModelError("defaultLanguage", $"Default language must be one of {Languages.Codes}.");
            await OnGetAsync(ct);
            return Page();
        }

        await db.Tenants.Where(t => t.Id == tenant.RequiredTenantId).ExecuteUpdateAsync(s => s.SetProperty(t => t.DefaultLanguage, defaultLanguage), ct);
        TempData["Flash"] = $"Customers without a language now get reminders in {Languages.Get(defaultLanguage).Name}.";
        return Redirect($"/Settings/Templates?tone={Tone}&language={Language}");
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Language = Languages.Get(Language).Code;
        if (await CheckAsync())
        {
            await PreviewAsync(ct);
        }

        await LoadPageAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Language = Languages.Get(Language).Code;
        if (await CheckAsync())
        {
            var saved = await SavedAsync(ct);
            if (saved is null)
            {
                saved = new MessageTemplate { Id = Guid.CreateVersion7(), Tone = Tone, Language = Language, Subject = "", HtmlBody = "", TextBody = "" };
                db.MessageTemplates.Add(saved);
            }

            saved.Subject = Input.Subject;
            saved.HtmlBody = Input.HtmlBody;
            saved.TextBody = Input.TextBody;
            saved.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            Saved = true;
            IsCustomised = true;
            await PreviewAsync(ct);
        }

        await LoadPageAsync(ct);
        return Page();
    }

    private async Task<bool> CheckAsync()
    {
        foreach (var problem in await engine.CheckAsync(Input.Subject, Input.HtmlBody, Input.TextBody))
        {
            ModelState.AddModelError($"Input.{problem.Part}", problem.Issue.ToString());
        }

        return ModelState.IsValid;
    }

    private async Task PreviewAsync(CancellationToken ct)
    {
        if (Input.PreviewCustomerId is not { } customerId)
        {
            PreviewProblem = "Choose a customer to preview with.";
            return;
        }

        var today = ReminderRunner.LocalDate(time.GetUtcNow(), "Etc/UTC");
        var model = await TemplatePreview.ModelAsync(db, customerId, Tone, today, options.Value, ct);
        if (model is null)
        {
            PreviewProblem = "That customer no longer exists.";
            return;
        }

        var template = new MessageTemplate { Tone = Tone, Language = Language, Subject = Input.Subject, HtmlBody = Input.HtmlBody, TextBody = Input.TextBody };
        (Preview, PreviewProblem) = await engine.RenderAsync(template, model);
    }

    private Task<MessageTemplate?> SavedAsync(CancellationToken ct) =>
        db.MessageTemplates.FirstOrDefaultAsync(t => t.Tone == Tone && t.Language == Language && t.TenantId == tenant.TenantId, ct);

    private MessageTemplate Shipped() => DefaultTemplates.For(Tone, Language) ?? DefaultTemplates.For(Tone);

    private async Task LoadPageAsync(CancellationToken ct)
    {
        Customers = await TemplatePreview.CustomersAsync(db, 200, ct);
        Input.PreviewCustomerId ??= Customers.Count > 0 ? Customers[0].Id : null;
        DefaultLanguage = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.RequiredTenantId).Select(t => t.DefaultLanguage).SingleAsync(ct);
        CustomisedLanguages = (await db.MessageTemplates.AsNoTracking().Where(t => t.Tone == Tone).Select(t => t.Language).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }

    public sealed class TemplateInput
    {
        public string Subject { get; set; } = "";
        public string HtmlBody { get; set; } = "";
        public string TextBody { get; set; } = "";
        public Guid? PreviewCustomerId { get; set; }
    }
}
