using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Webhooks;

/// <summary>One line of an endpoint's delivery log.</summary>
public sealed record WebhookLogLine(Guid DeliveryId, string EventType, string EventId, DateTimeOffset At, int? StatusCode, int DurationMs, bool Succeeded, string? Error);

public static class WebhookLog
{
    /// <summary>An endpoint's latest attempts, newest first.</summary>
    public static async Task<List<WebhookLogLine>> LatestAsync(ArCollectDbContext db, Guid endpointId, int count, CancellationToken cancellationToken) =>
        await (from a in db.WebhookAttempts.AsNoTracking()
               join d in db.WebhookDeliveries on a.DeliveryId equals d.Id
               where a.EndpointId == endpointId
               orderby a.At descending, a.Id descending
               select new WebhookLogLine(a.DeliveryId, d.EventType, d.EventKey, a.At, a.StatusCode, a.DurationMs, a.Succeeded, a.Error))
            .Take(count).ToListAsync(cancellationToken);
}
