using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;

namespace ArCollect.Infrastructure.Demo;

/// <summary>The demo tenant's dispute settings: default reason codes, a claims team, routing rules and SLA policies.</summary>
internal static class DemoDisputeSetup
{
    public static async Task AddAsync(ArCollectDbContext db, IReadOnlyList<Guid> collectorIds, CancellationToken cancellationToken)
    {
        await DisputeSetup.EnsureReasonCodesAsync(db, cancellationToken);
        var team = new DisputeTeam { Id = Guid.CreateVersion7(), Name = "Claims desk", MemberIds = [.. collectorIds] };
        db.DisputeTeams.Add(team);
        var senior = collectorIds.Count > 0 ? collectorIds[0] : (Guid?)null;
        db.DisputeRoutingRules.AddRange(
            new DisputeRoutingRule { Id = Guid.CreateVersion7(), Order = 1, KeyAccountsOnly = true, UserId = senior, TeamId = senior is null ? team.Id : null, Priority = DisputePriority.High },
            new DisputeRoutingRule { Id = Guid.CreateVersion7(), Order = 2, MinAmount = 5_000m, UserId = senior, TeamId = senior is null ? team.Id : null, Priority = DisputePriority.High },
            new DisputeRoutingRule { Id = Guid.CreateVersion7(), Order = 3, ReasonCode = "damaged-goods", TeamId = team.Id },
            new DisputeRoutingRule { Id = Guid.CreateVersion7(), Order = 4, TeamId = team.Id });
        foreach (var priority in Enum.GetValues<DisputePriority>())
        {
            db.DisputeSlaPolicies.Add(new DisputeSlaPolicy
            {
                Id = Guid.CreateVersion7(),
                Priority = priority,
                ResolveWithinHours = priority == DisputePriority.Urgent ? 72 : SettlementGenerator.SlaHours(priority),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
