using ArCollect.Infrastructure.Ledger;

namespace ArCollect.IntegrationTests.Infrastructure;

/// <summary>Runs the ledger's invariant checker for a tenant and fails the test with every violation it finds.</summary>
public static class LedgerAssert
{
    public static async Task ConsistentAsync(TestDatabase db, Guid tenantId)
    {
        await using var scope = db.ForTenant(tenantId);
        var violations = await LedgerInvariants.FindAsync(scope.Db, CancellationToken.None);
        Assert.True(violations.Count == 0, $"The ledger breaks {violations.Count} invariant(s):\n"
            + string.Join("\n", violations.Take(20).Select(v => $"{v.Entity} {v.Label}: {v.Rule}")));
    }
}
