using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Replies;

/// <summary>Classified replies: suggestions waiting for a click, frustrated or angry ones waiting for a person, and the unmatched queue.</summary>
public sealed class IndexModel(ArCollectDbContext db) : PageModel
{
    private const int Shown = 200;

    public sealed record Row(Guid Id, DateTimeOffset ReceivedAt, Guid? CustomerId, string? Customer, string From, string Subject, string Intent,
        float IntentConfidence, string Tone, ReplyAction Action, ReplySuggestionStatus Status, bool WaitingForPerson);

    [BindProperty(SupportsGet = true)]
    public string View { get; set; } = "open";

    [BindProperty(SupportsGet = true)]
    public Guid? CustomerId { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Open { get; private set; }
    public int Waiting { get; private set; }
    public int Unmatched { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = db.ReplyClassifications.AsNoTracking();
        Open = await all.CountAsync(r => r.Status == ReplySuggestionStatus.Open && r.CustomerId != null, ct);
        Waiting = await all.CountAsync(r => r.NeedsAcknowledgement && r.AcknowledgedAt == null, ct);
        Unmatched = await all.CountAsync(r => r.CustomerId == null, ct);
        var query = View switch
        {
            "attention" => all.Where(r => r.NeedsAcknowledgement && r.AcknowledgedAt == null),
            "unmatched" => all.Where(r => r.CustomerId == null),
            "all" => all,
            _ => all.Where(r => r.Status == ReplySuggestionStatus.Open && r.CustomerId != null),
        };
        if (CustomerId is { } customerId)
        {
            query = query.Where(r => r.CustomerId == customerId);
        }

        Rows = await query
            .Join(db.InboundMessages, r => r.InboundMessageId, m => m.Id, (r, m) => new { r, m })
            .OrderByDescending(x => x.m.ReceivedAt)
            .Take(Shown)
            .Select(x => new Row(x.r.Id, x.m.ReceivedAt, x.r.CustomerId, db.Customers.Where(c => c.Id == x.r.CustomerId).Select(c => c.Name).FirstOrDefault(),
                x.m.FromAddress, x.m.Subject, x.r.Intent, x.r.IntentConfidence, x.r.Tone, x.r.SuggestedAction, x.r.Status, x.r.NeedsAcknowledgement && x.r.AcknowledgedAt == null))
            .ToListAsync(ct);
    }
}
