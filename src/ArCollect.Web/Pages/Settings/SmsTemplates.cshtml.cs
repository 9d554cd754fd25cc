using ArCollect.Domain.Common;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Portal;
using ArCollect.Infrastructure.Sms;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins edit the SMS text of each tone and language, with a preview for a real customer and its length in
/// characters and segments, measured by <see cref="SmsSegments"/> on the rendered text as the sender sends it.
/// </summary>
public sealed class SmsTemplatesModel(
    ArCollectDbContext db, ReminderTemplateEngine engine, PortalLinks links, TenantContext tenant, TimeProvider time, IOptions<DunningOptions> options) : PageModel
{
    public const int MaxLength = 1600;

    [BindProperty(SupportsGet = true)]
    public ReminderTone Tone { get; set; } = ReminderTone.Friendly;

    [BindProperty(SupportsGet = true)]
    public string Language { get; set; } = Languages.English;

    [BindProperty]
    public string Body { get; set; } = "";

    [BindProperty]
    public Guid? PreviewCustomerId { get; set; }

    public IReadOnlyList<TemplatePreview.PreviewCustomer> Customers { get; private set; } = [];

    public IReadOnlySet<string> CustomisedLanguages { get; private set; } = new HashSet<string>();

    public bool IsCustomised { get; private set; }

    public bool Saved { get; private set; }

    /// <summary>The text as the customer would receive it, and its cost.</summary>
    public string? Preview { get; private set; }

    public SmsLength? Length { get; private set; }

    public string? PreviewProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Language = Languages.Get(Language).Code;
        var saved = await SavedAsync(ct);
        IsCustomised = saved is not null;
        Body = saved?.Body ?? Shipped().Body;
        await LoadAsync(ct);
        await PreviewAsync(ct);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Language = Languages.Get(Language).Code;
        IsCustomised = await SavedAsync(ct) is not null;
        await LoadAsync(ct);
        if (await CheckAsync())
        {
            await PreviewAsync(ct);
        }

        return Page();
    }

    /// <summary>The live count under the editor: the rendered text and its segments, as JSON (same rendering and measure as Preview).</summary>
    public async Task<IActionResult> OnPostMeasureAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Language = Languages.Get(Language).Code;
        if (!await CheckAsync())
        {
            return new JsonResult(new { problem = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)) });
        }

        await PreviewAsync(ct);
        return new JsonResult(new
        {
            problem = PreviewProblem,
            text = Preview,
            summary = Length?.ToString(),
            encoding = Length is { Encoding: SmsEncoding.Ucs2 } ? "UCS-2" : "GSM-7",
            units = Length?.Units,
            segments = Length?.Segments,
        });
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
                saved = new SmsTemplate { Id = Guid.CreateVersion7(), Tone = Tone, Language = Language, Body = "" };
                db.SmsTemplates.Add(saved);
            }

            saved.Body = Body.Trim();
            saved.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            Saved = true;
            IsCustomised = true;
            await LoadAsync(ct);
            await PreviewAsync(ct);
            return Page();
        }

        IsCustomised = await SavedAsync(ct) is not null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        Language = Languages.Get(Language).Code;
        await db.SmsTemplates.Where(t => t.Tone == Tone && t.Language == Language).ExecuteDeleteAsync(ct);
        TempData["Flash"] = $"The {Tone} SMS in {Languages.Get(Language).Name} is back to the shipped text.";
        return Redirect($"/Settings/SmsTemplates?tone={Tone}&language={Language}");
    }

    private async Task<bool> CheckAsync()
    {
        Body ??= "";
        if (string.IsNullOrWhiteSpace(Body))
        {
            ModelState.AddModelError(nameof(Body), "Enter the SMS text.");
        }
        else if (Body.Length > MaxLength)
        {
            ModelState.AddModelError(nameof(Body), $"Use at most {MaxLength} characters (about ten SMS segments).");
        }
        else
        {
            foreach (var problem in await engine.CheckAsync("SMS", "", Body))
            {
                ModelState.AddModelError(nameof(Body), problem.Issue.ToString());
            }
        }

        return ModelState.IsValid;
    }

    private async Task PreviewAsync(CancellationToken ct)
    {
        if (PreviewCustomerId is not { } customerId)
        {
            PreviewProblem = "Choose a customer with open invoices to preview with.";
            return;
        }

        var today = ReminderRunner.LocalDate(time.GetUtcNow(), "Etc/UTC");
        var model = await TemplatePreview.ModelAsync(db, customerId, Tone, today, options.Value, ct);
        if (model is null)
        {
            PreviewProblem = "That customer no longer exists.";
            return;
        }

        // A real portal link carries a token of this shape: the preview uses one (never issued) so the length is true.
        model = model with { PortalUrl = $"{await links.BaseUrlAsync(ct)}/portal/{PortalTokens.Create(tenant.RequiredTenantId)}" };
        var template = new SmsTemplate { Tone = Tone, Language = Language, Body = Body };
        var (rendered, failure) = await engine.RenderAsync(template.AsMessageTemplate(), model);
        PreviewProblem = failure;
        Preview = rendered?.Text.Trim();
        Length = Preview is null ? null : SmsSegments.Measure(Preview);
    }

    private Task<SmsTemplate?> SavedAsync(CancellationToken ct) =>
        db.SmsTemplates.FirstOrDefaultAsync(t => t.Tone == Tone && t.Language == Language, ct);

    private SmsTemplate Shipped() => DefaultSmsTemplates.For(Tone, Language) ?? DefaultSmsTemplates.For(Tone, Languages.English)!;

    private async Task LoadAsync(CancellationToken ct)
    {
        Customers = await TemplatePreview.CustomersAsync(db, 200, ct);
        PreviewCustomerId ??= Customers.Count > 0 ? Customers[0].Id : null;
        CustomisedLanguages = (await db.SmsTemplates.AsNoTracking().Where(t => t.Tone == Tone).Select(t => t.Language).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }
}
