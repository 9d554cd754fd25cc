using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Portal;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Portal;
using ArCollect.Infrastructure.Replies;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Portal;

/// <summary>
/// The customer disputes part or all of one or more open invoices, with a reason, a message and up to five files
/// (PDF, PNG, JPEG, read from their content). It opens a dispute in the workflow (routed, with its SLA) covering the
/// chosen invoices, one per currency; the invoices show as disputed and the files stay with the dispute.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class DisputeModel(
    ArCollectDbContext db, PortalSession session, DisputeService disputes, PortalMessages portalMessages, PortalCodeService codes, TimeProvider time)
    : PortalPageModel(db, session, time)
{
    private const long MaxRequestBytes = (AttachmentRules.MaxFiles * (long)AttachmentRules.MaxBytes) + (1024 * 1024);

    public sealed record OpenInvoice(Guid Id, string Number, string Currency, decimal Balance, DateOnly DueDate, bool IsDisputed);

    [BindProperty]
    public PortalDisputeInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public IReadOnlyList<OpenInvoice> Invoices { get; private set; } = [];

    /// <summary>Set when the tenant asks for a one-time code and this link has not confirmed one: the form waits.</summary>
    public CodeStep? Code { get; private set; }

    private const string Purpose = "dispute";

    private string Action => $"{Home}/dispute";

    public async Task<IActionResult> OnPostSendCodeAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var sent = await codes.SendAsync(CustomerId, LinkId, Purpose, T, ct);
        Code = new CodeStep(Action, sent.Succeeded, sent.ErrorKey, T);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmCodeAsync(string? code, CancellationToken ct)
    {
        var confirmed = await codes.ConfirmAsync(LinkId, Purpose, code, ct);
        if (confirmed.Succeeded)
        {
            return Redirect(Action);
        }

        await LoadAsync(ct);
        Code = new CodeStep(Action, false, confirmed.ErrorKey, T);
        return Page();
    }

    public async Task OnGetAsync(Guid? invoice, CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.Lines = Invoices.Select(i => new PortalDisputeLine { InvoiceId = i.Id, Amount = i.Id == invoice ? i.Balance : null }).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Code is not null)
        {
            return Page();
        }

        var open = Invoices.ToDictionary(i => i.Id, i => i.Balance);
        ModelState.ApplyValidation(nameof(Input), await new PortalDisputeInputValidator(open).ValidateAsync(Input, ct));
        var attachments = await ReadFilesAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Through the dispute workflow, as a clerk's dispute: reason code, routing, SLA and timeline. One dispute per
        // currency (a dispute covers one customer's invoices in one currency); the files stay with the first.
        var chosen = Input.Lines.Where(l => l.Amount is not null).ToList();
        var disputeIds = new List<Guid>();
        foreach (var group in chosen.GroupBy(l => Invoices.First(i => i.Id == l.InvoiceId).Currency))
        {
            var opened = await disputes.OpenAsync(new OpenDisputeInput
            {
                Items = group.Select(l => new DisputeItemInput { InvoiceId = l.InvoiceId, Amount = l.Amount }).ToList(),
                ReasonCode = DisputeReasonCodes.DefaultCode(Input.Reason!.Value),
                Notes = Input.Message!.Trim(),
            }, ct);
            if (!opened.Succeeded)
            {
                foreach (var (_, message) in opened.Errors)
                {
                    ModelState.AddModelError(nameof(Input.Lines), message);
                }

                return Page();
            }

            disputeIds.Add(opened.Id!.Value);
        }

        foreach (var (name, type, content) in attachments)
        {
            Db.DisputeAttachments.Add(new DisputeAttachment
            {
                Id = Guid.CreateVersion7(),
                DisputeId = disputeIds[0],
                CustomerId = CustomerId,
                FileName = name,
                ContentType = type,
                Content = content,
                CreatedAt = Now,
            });
        }

        var numbers = chosen.Select(l => Invoices.First(i => i.Id == l.InvoiceId)).ToList();
        var summary = string.Join(", ", numbers.Select(i => $"{i.Number} ({i.Currency} {chosen.First(l => l.InvoiceId == i.Id).Amount:N2})"));
        var files = attachments.Count == 0 ? "" : $"\nAttachments: {string.Join(", ", attachments.Select(a => a.Name))}";
        AddTimelineEntry(ActivityType.Dispute, $"Customer disputed in the portal ({Input.Reason}): {summary}", $"{Input.Message!.Trim()}{files}",
            chosen.Count == 1 ? chosen[0].InvoiceId : null);
        // The customer's words are classified like an emailed reply: tone holds reminders, other intents are suggested.
        await portalMessages.ClassifyAsync(CustomerId, $"Portal dispute: {summary}", Input.Message!.Trim(), $"dispute:{disputeIds[0]:N}", disputeOpened: true, ct);
        await Db.SaveChangesAsync(ct);
        return BackHome(T["DisputeThanks"]);
    }

    public string ReasonText(DisputeReason reason) => T["Reason_" + reason];

    private async Task<List<(string Name, string Type, byte[] Content)>> ReadFilesAsync(CancellationToken ct)
    {
        var read = new List<(string, string, byte[])>();
        var files = Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (files.Count > AttachmentRules.MaxFiles)
        {
            ModelState.AddModelError(nameof(Files), $"Attach at most {AttachmentRules.MaxFiles} files.");
            return read;
        }

        foreach (var file in files)
        {
            var name = AttachmentRules.SafeFileName(file.FileName);
            if (file.Length == 0 || file.Length > AttachmentRules.MaxBytes)
            {
                ModelState.AddModelError(nameof(Files), $"{name}: a file must be between 1 byte and 10 MB.");
                continue;
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var content = buffer.ToArray();
            if (AttachmentRules.Sniff(content) is not { } type)
            {
                ModelState.AddModelError(nameof(Files), $"{name}: only PDF, PNG or JPEG files can be attached.");
                continue;
            }

            read.Add((name, type, content));
        }

        return read;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Code = await codes.MayProceedAsync(LinkId, Purpose, ct) ? null : new CodeStep(Action, false, null, T);
        Invoices = await Db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == CustomerId && i.State == InvoiceState.Issued && i.Balance > 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .Select(i => new OpenInvoice(i.Id, i.Number, i.Currency, i.Balance, i.DueDate, i.IsDisputed))
            .ToListAsync(ct);
    }
}
