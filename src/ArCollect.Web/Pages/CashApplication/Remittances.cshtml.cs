using ArCollect.Domain.CashApplication;
using ArCollect.Infrastructure.CashApplication;
using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.CashApplication;

/// <summary>
/// Remittance advices: upload a customer's CSV or XLSX advice, or read the tables in customers' messages to the
/// collections mailbox; the list shows each advice with its invoices and state (waiting, matched, expired).
/// </summary>
[RequestSizeLimit(RemittanceAdviceImporter.MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = RemittanceAdviceImporter.MaxFileBytes + 64 * 1024)]
public sealed class RemittancesModel(ArCollectDbContext db, RemittanceAdviceImporter importer, TimeProvider time) : PageModel
{
    public sealed record AdviceRow(RemittanceAdvice Advice, string Customer, string State);

    public IReadOnlyList<AdviceRow> Advices { get; private set; } = [];
    public RemittanceImportResult? Imported { get; private set; }
    public MailboxRemittanceResult? Mailbox { get; private set; }
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose the customer's remittance advice (CSV or XLSX) to upload.");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            Imported = await importer.ImportFileAsync(stream, file.FileName, cancellationToken);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostMailboxAsync(CancellationToken cancellationToken)
    {
        Mailbox = await importer.ImportMailboxAsync(cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var advices = await db.RemittanceAdvices.AsNoTracking().Include(a => a.Lines)
            .OrderByDescending(a => a.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var ids = advices.Select(a => a.CustomerId).Distinct().ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var today = Today;
        Advices = advices.Select(a => new AdviceRow(a, names.GetValueOrDefault(a.CustomerId, ""), a.StateOn(today))).ToList();
    }
}
