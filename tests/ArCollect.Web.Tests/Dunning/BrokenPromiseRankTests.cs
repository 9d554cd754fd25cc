using ArCollect.Domain.Dunning;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Dunning;

/// <summary>An account that broke a promise in the last 30 days ranks up on the worklist.</summary>
public sealed class BrokenPromiseRankTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_recently_broken_promise_doubles_the_accounts_priority()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Worklist Promises");
        var today = LedgerSeed.Today(app);
        // Kept Word: 1,000 x 20 days x 0.5 (unscored) = 10,000. Broke Word: 700 x 20 x 0.5 = 7,000, doubled to 14,000
        // by the promise it broke five days ago, so it comes first; without the rank-up it would be second.
        await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Kept Word", "KW-1", 1000m, 20);
        var broke = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Broke Word", "BW-1", 700m, 20);
        var stale = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Old Breaker", "OB-1", 700m, 20);
        await LedgerSeed.WithDbAsync(app, company.TenantId, db =>
        {
            db.Promises.Add(new PromiseToPay { Id = Guid.CreateVersion7(), CustomerId = broke, PromisedDate = today.AddDays(-5), Amount = 700m, Currency = "EUR", Status = PromiseStatus.Broken, CreatedAt = DateTimeOffset.UtcNow.AddDays(-12) });
            // Broken 40 days ago: too old to rank the account up.
            db.Promises.Add(new PromiseToPay { Id = Guid.CreateVersion7(), CustomerId = stale, PromisedDate = today.AddDays(-40), Amount = 700m, Currency = "EUR", Status = PromiseStatus.Broken, CreatedAt = DateTimeOffset.UtcNow.AddDays(-50) });
            return db.SaveChangesAsync();
        });
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var page = await client.GetPageAsync("/Worklist");

        var broken = page.IndexOf("Broke Word", StringComparison.Ordinal);
        var kept = page.IndexOf("Kept Word", StringComparison.Ordinal);
        var old = page.IndexOf("Old Breaker", StringComparison.Ordinal);
        Assert.True(broken >= 0 && broken < kept && kept < old, $"order: broke {broken}, kept {kept}, old {old}");
    }
}
