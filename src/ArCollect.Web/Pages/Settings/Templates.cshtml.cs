using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Pages.Settings;

/// <summary>Admins edit the reminder templates of each tone and preview them against a real customer before saving.</summary>
public sealed class TemplatesModel(
    ArCollectDbContext db, ReminderTemplateEngine engine, TenantContext tenant, TimeProvider time, IOptions<DunningOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ReminderTone Tone { get; set; } = ReminderTone.Friendly;

    [BindProperty]
    public TemplateInput Input { get; set; } = new();

    public IReadOnlyList<TemplatePreview.PreviewCustomer> Customers { get; private set; } = [];

    public RenderedReminder? Preview { get; private set; }

    public string? PreviewProblem { get; private set; }

    public bool Saved { get; private set; }

    public bool IsCustomised { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var saved = await SavedAsync(ct);
        IsCustomised = saved is not null;
        var template = saved ?? DefaultTemplates.For(Tone);
        Input = new TemplateInput { Subject = template.Subject, HtmlBody = template.HtmlBody, TextBody = template.TextBody };
        await LoadCustomersAsync(ct);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (Check())
        {
            await PreviewAsync(ct);
        }

        await LoadCustomersAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (Check())
        {
            var saved = await SavedAsync(ct);
            if (saved is null)
            {
                saved = new MessageTemplate { Id = Guid.CreateVersion7(), Tone = Tone, Language = DefaultTemplates.Language, Subject = "", HtmlBody = "", TextBody = "" };
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

        await LoadCustomersAsync(ct);
        return Page();
    }

    private bool Check()
    {
        foreach (var problem in engine.Check(Input.Subject, Input.HtmlBody, Input.TextBody))
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

        var template = new MessageTemplate { Tone = Tone, Language = DefaultTemplates.Language, Subject = Input.Subject, HtmlBody = Input.HtmlBody, TextBody = Input.TextBody };
        (Preview, PreviewProblem) = await engine.RenderAsync(template, model);
    }

    private Task<MessageTemplate?> SavedAsync(CancellationToken ct) =>
        db.MessageTemplates.FirstOrDefaultAsync(t => t.Tone == Tone && t.Language == DefaultTemplates.Language && t.TenantId == tenant.TenantId, ct);

    private async Task LoadCustomersAsync(CancellationToken ct)
    {
        Customers = await TemplatePreview.CustomersAsync(db, 200, ct);
        Input.PreviewCustomerId ??= Customers.Count > 0 ? Customers[0].Id : null;
    }

    public sealed class TemplateInput
    {
        public string Subject { get; set; } = "";
        public string HtmlBody { get; set; } = "";
        public string TextBody { get; set; } = "";
        public Guid? PreviewCustomerId { get; set; }
    }
}
