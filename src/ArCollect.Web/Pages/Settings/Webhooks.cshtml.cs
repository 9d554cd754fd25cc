using ArCollect.Domain.Webhooks;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins register endpoints that receive signed events, see each endpoint's delivery log, send a test event,
/// re-enable an endpoint disabled after repeated failures, and remove endpoints.
/// </summary>
public sealed class WebhooksModel(ArCollectDbContext db, WebhookAdmin admin) : PageModel
{
    public sealed record EndpointRow(Guid Id, string Url, string? Description, IReadOnlyList<string> Events, bool Enabled, int ConsecutiveFailures,
        DateTimeOffset? DisabledAt, string? DisabledReason, int Waiting, int Failed);

    public IReadOnlyList<EndpointRow> Endpoints { get; private set; } = [];

    [BindProperty]
    public new string? Url { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public List<string> Events { get; set; } = [];

    /// <summary>The endpoint whose delivery log is shown.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Log { get; set; }

    public IReadOnlyList<WebhookLogLine> LogLines { get; private set; } = [];

    public string? CreatedSecret { get; private set; }

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        ModelState.Clear();
        var (created, errors) = await admin.CreateAsync(new WebhookEndpointInput(Url, Description, Events), HttpContext.RequestAborted);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field switch { "url" => nameof(Url), "events" => nameof(Events), _ => nameof(Description) }, message);
        }

        if (created is not null)
        {
            CreatedSecret = created.Secret;
            Message = $"Events now go to {created.Endpoint.Url}.";
            Url = null;
            Description = null;
            Events = [];
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(Guid id)
    {
        var response = await admin.SendTestAsync(id, HttpContext.RequestAborted);
        (Message, MessageIsError) = response switch
        {
            null => ("That endpoint does not exist.", true),
            { Succeeded: true } => ($"The test event was delivered: the receiver answered {response.StatusCode} in {response.DurationMs} ms.", false),
            _ => ($"The test event was not delivered: {response.Error}", true),
        };
        Log = id;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id)
    {
        (Message, MessageIsError) = await admin.EnableAsync(id, HttpContext.RequestAborted)
            ? ("The endpoint is enabled again; deliveries that waited go out within a minute.", false)
            : ("That endpoint does not exist.", true);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        (Message, MessageIsError) = await admin.DeleteAsync(id, HttpContext.RequestAborted)
            ? ("The endpoint and its delivery log are removed; no more events go to it.", false)
            : ("That endpoint does not exist.", true);
        Log = null;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var counts = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status != WebhookDeliveryStatus.Delivered)
            .GroupBy(d => new { d.EndpointId, Failed = d.Status == WebhookDeliveryStatus.Failed })
            .Select(g => new { g.Key.EndpointId, g.Key.Failed, Count = g.Count() })
            .ToListAsync(ct);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(ct);
        Endpoints = endpoints.Select(e => new EndpointRow(e.Id, e.Url, e.Description, e.Events, e.Enabled, e.ConsecutiveFailures, e.DisabledAt, e.DisabledReason,
            counts.Where(c => c.EndpointId == e.Id && !c.Failed).Sum(c => c.Count),
            counts.Where(c => c.EndpointId == e.Id && c.Failed).Sum(c => c.Count))).ToList();
        if (Log is { } id && Endpoints.Any(e => e.Id == id))
        {
            LogLines = await WebhookLog.LatestAsync(db, id, 50, ct);
        }
    }

    public static string Label(string type) => WebhookEvents.All.FirstOrDefault(e => e.Type == type).Label ?? type;
}
