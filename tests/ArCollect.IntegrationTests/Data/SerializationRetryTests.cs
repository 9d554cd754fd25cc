using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Risk;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArCollect.IntegrationTests.Data;

/// <summary>Serializable writes that lose a race to another writer are repeated, not reported as a failure.</summary>
public sealed class SerializationRetryTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Racing Writers AG");
        await using var scope = db.ForTenant(tenant);
        scope.Db.RiskSettings.Add(RiskSettings.Defaults(tenant));
        await scope.Db.SaveChangesAsync();
    }

    public Task DisposeAsync() => db.DisposeAsync();

    /// <summary>
    /// Reads grace days in a serializable transaction; on the attempts listed in <paramref name="raceOn"/> another
    /// connection changes the row and commits in between; then writes what it read plus ten.
    /// </summary>
    private async Task<int> ReadThenWriteAsync(ArCollectDbContext context, int attempt, ISet<int> raceOn, CancellationToken ct)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var read = await context.RiskSettings.Select(s => s.GraceDays).SingleAsync(ct);
        if (raceOn.Contains(attempt))
        {
            await using var other = db.ForTenant(tenant);
            await other.Db.RiskSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.GraceDays, x => x.GraceDays + 1), ct);
        }

        await context.RiskSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.GraceDays, read + 10), ct);
        await transaction.CommitAsync(ct);
        return read + 10;
    }

    private async Task<int> GraceDaysAsync()
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.RiskSettings.Select(s => s.GraceDays).SingleAsync();
    }

    [Fact]
    public async Task Without_a_retry_the_losing_writer_fails_with_a_serialization_failure_and_changes_nothing()
    {
        await using var scope = db.ForTenant(tenant);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ReadThenWriteAsync(scope.Db, 1, new HashSet<int> { 1 }, CancellationToken.None));

        Assert.True(SerializationRetry.IsSerializationFailure(failure), failure.ToString());
        Assert.Equal(PostgresErrorCodes.SerializationFailure, Assert.IsType<PostgresException>(failure.InnerException ?? failure).SqlState);
        Assert.Equal(5 + 1, await GraceDaysAsync()); // only the other writer's change
    }

    [Fact]
    public async Task The_losing_writer_is_repeated_on_fresh_data_and_its_change_lands_once()
    {
        await using var scope = db.ForTenant(tenant);
        var attempts = 0;

        var written = await SerializationRetry.RunAsync(scope.Db, ct => ReadThenWriteAsync(scope.Db, ++attempts, new HashSet<int> { 1, 2 }, ct), CancellationToken.None);

        Assert.Equal(3, attempts);
        Assert.Equal(5 + 1 + 1 + 10, written);
        Assert.Equal(written, await GraceDaysAsync());
    }

    [Fact]
    public async Task It_gives_up_after_the_last_attempt_and_other_errors_are_never_repeated()
    {
        await using var scope = db.ForTenant(tenant);
        var attempts = 0;
        var always = Enumerable.Range(1, SerializationRetry.MaxAttempts).ToHashSet();

        var exhausted = await Assert.ThrowsAnyAsync<Exception>(() =>
            SerializationRetry.RunAsync(scope.Db, ct => ReadThenWriteAsync(scope.Db, ++attempts, always, ct), CancellationToken.None));
        var plainAttempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => SerializationRetry.RunAsync<int>(scope.Db, _ =>
        {
            plainAttempts++;
            throw new InvalidOperationException("not a race");
        }, CancellationToken.None));

        Assert.True(SerializationRetry.IsSerializationFailure(exhausted));
        Assert.Equal(SerializationRetry.MaxAttempts, attempts);
        Assert.Equal(1, plainAttempts);
        Assert.Equal(5 + SerializationRetry.MaxAttempts, await GraceDaysAsync());
    }

    [Fact]
    public async Task Risk_runs_of_one_tenant_at_the_same_time_all_store_a_version_and_one_stays_active()
    {
        var runs = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = db.ForTenant(tenant);
            return await scope.Services.GetRequiredService<RiskModelService>().TrainAndScoreAsync(CancellationToken.None);
        }).ToList();

        await Task.WhenAll(runs);

        await using var read = db.ForTenant(tenant);
        var versions = await read.Db.RiskModels.OrderBy(r => r.Version).Select(r => new { r.Version, r.IsActive }).ToListAsync();
        Assert.Equal([1, 2, 3, 4], versions.Select(v => v.Version));
        Assert.Single(versions, v => v.IsActive);
    }
}
