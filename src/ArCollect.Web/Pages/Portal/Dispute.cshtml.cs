using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Portal;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Portal;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Portal;

/// <summary>
/// The customer disputes part or all of one or more open invoices, with a reason, a message and up to five files
/// (PDF, PNG, JPEG, read from their content). One dispute per invoice, on the existing dispute record, opens the
/// dispute workflow; the invoice shows as disputed and the files stay with the dispute.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class DisputeModel(ArCollectDbContext db, PortalSession session, TimeProvider time)
    : PortalPageModel(db, session, time)
{
    private const long MaxRequestBytes = (AttachmentRules.MaxFiles * (long)AttachmentRules.MaxBytes) + (1024 * 1024);

    public sealed record OpenInvoice(Guid Id, string Number, string Currency, decimal Balance, DateOnly DueDate, bool IsDisputed);

    [BindProperty]
    public PortalDisputeInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public IReadOnlyList<OpenInvoice> Invoices { get; private set; } = [];

    public async Task OnGetAsync(Guid? invoice, CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.Lines = Invoices.Select(i => new PortalDisputeLine { InvoiceId = i.Id, Amount = i.Id == invoice ? i.Balance : null }).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var open = Invoices.ToDictionary(i => i.Id, i => i.Balance);
        ModelState.ApplyValidation(nameof(Input), await new PortalDisputeInputValidator(open).ValidateAsync(Input, ct));
        var attachments = await ReadFilesAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var today = Today;
        var chosen = Input.Lines.Where(l => l.Amount is not null).ToList();
        var disputes = chosen.Select(l => new Dispute
        {
            Id = Guid.CreateVersion7(),
            CustomerId = CustomerId,
            InvoiceId = l.InvoiceId,
            Reason = Input.Reason!.Value,
            Status = DisputeStatus.Open,
            Amount = l.Amount!.Value,
            OpenedOn = today,
            Notes = Input.Message!.Trim(),
        }).ToList();
        Db.Disputes.AddRange(disputes);

        // The files belong to the dispute as a whole; they are kept once, with its first invoice's record.
        foreach (var (name, type, content) in attachments)
        {
            Db.DisputeAttachments.Add(new DisputeAttachment
            {
                Id = Guid.CreateVersion7(),
                DisputeId = disputes[0].Id,
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
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        await Db.SaveChangesAsync(ct);
        var ids = chosen.Select(l => l.InvoiceId).ToList();
        await Db.Invoices.Where(i => ids.Contains(i.Id) && i.CustomerId == CustomerId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.IsDisputed, true), ct);
        await transaction.CommitAsync(ct);
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

    private async Task LoadAsync(CancellationToken ct) =>
        Invoices = await Db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == CustomerId && i.State == InvoiceState.Issued && i.Balance > 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .Select(i => new OpenInvoice(i.Id, i.Number, i.Currency, i.Balance, i.DueDate, i.IsDisputed))
            .ToListAsync(ct);
}
