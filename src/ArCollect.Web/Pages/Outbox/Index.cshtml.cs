using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Pages.Outbox;

/// <summary>The company's outgoing messages with their delivery status; without SMTP, where they were written instead.</summary>
public sealed class IndexModel(ArCollectDbContext db, IOptions<EmailOptions> email, PickupDirectoryTransport pickup, TimeProvider time) : PageModel
{
    public sealed record Row(Guid Id, MessageKind Kind, MessageChannel Channel, string? ProviderStatus, string To, string Subject, OutboxStatus Status, DateTimeOffset NotBefore, DateTimeOffset? SentAt, int Attempts, string? LastError, bool InPickup);

    [BindProperty(SupportsGet = true)]
    public OutboxStatus? Status { get; set; }

    /// <summary>Email or SMS; empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public MessageChannel? Channel { get; set; }

    public IReadOnlyList<Row> Messages { get; private set; } = [];

    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();

    /// <summary>The tenant's background-job failures and recoveries (e.g. the mail server unreachable), newest first.</summary>
    public IReadOnlyList<JobRun> JobRuns { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public bool UsesPickupFolder => !email.Value.UsesSmtp;

    public string PickupFolder => pickup.Directory;

    public async Task OnGetAsync(CancellationToken ct)
    {
        JobRuns = await JobRunLog.RecentAsync(db, 5, ct);
        var scope = db.OutboxMessages.AsNoTracking();
        if (Channel is { } channel)
        {
            scope = scope.Where(m => m.Channel == channel);
        }

        Counts = await scope.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var query = scope;
        if (Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(200)
            .Select(m => new { m.Id, m.Kind, m.Channel, m.ProviderStatus, m.ToAddresses, m.Subject, m.Status, m.NotBefore, m.SentAt, m.Attempts, m.LastError, m.MessageId })
            .ToListAsync(ct);
        Messages = rows.Select(m => new Row(m.Id, m.Kind, m.Channel, m.ProviderStatus, m.Channel == MessageChannel.Sms ? m.ToAddresses : MessageComposer.DisplayAddresses(m.ToAddresses), m.Subject, m.Status, m.NotBefore, m.SentAt, m.Attempts, m.LastError,
            UsesPickupFolder && m.Status == OutboxStatus.Sent && System.IO.File.Exists(pickup.PathFor(m.MessageId)))).ToList();
    }

    /// <summary>Requeues a dead-lettered or parked message, from this page or the customer page.</summary>
    public async Task<IActionResult> OnPostRequeueAsync(Guid id, string? returnUrl, CancellationToken ct)
    {
        var refused = await OutboxRequeue.RequeueAsync(db, id, time.GetUtcNow(), ct);
        Notice = refused ?? "Requeued: the message goes out with the next send run.";
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage(new { Status, Channel });
    }
}
