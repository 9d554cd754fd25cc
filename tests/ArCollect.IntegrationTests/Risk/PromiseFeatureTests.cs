using ArCollect.Domain.Dunning;
using ArCollect.Domain.Portal;
using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.Risk;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArCollect.IntegrationTests.Risk;

/// <summary>
/// The customer's promise-kept record as risk features, read from the ledger on the test clock (Monday 15 June 2026),
/// and a model stored before those features existed, which must not stop the nightly scoring.
/// </summary>
public sealed class PromiseFeatureTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Kept_and_broken_promises_become_features_once_their_outcome_was_certain_under_the_tenants_grace()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Promises GmbH");
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        var open = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "INV-9", 500m, db.Today.AddDays(-10), db.Today.AddDays(20));
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.PortalSettings.Add(new PortalSettings { TenantId = tenant, PromiseGraceDays = 3 });
            scope.Db.Promises.AddRange(
                Promise(acme.Id, new DateOnly(2026, 5, 1), PromiseStatus.Kept),
                Promise(acme.Id, new DateOnly(2026, 6, 1), PromiseStatus.Broken),
                Promise(acme.Id, new DateOnly(2025, 5, 1), PromiseStatus.Broken), // more than a year ago
                Promise(acme.Id, new DateOnly(2026, 6, 11), PromiseStatus.Broken), // 11 June + 3 days of grace: certain only from 15 June
                Promise(acme.Id, new DateOnly(2026, 6, 20), PromiseStatus.Open));
            await scope.Db.SaveChangesAsync();
        }

        await using var read = db.ForTenant(tenant);
        var history = Assert.Single(await RiskHistoryReader.ReadAsync(read.Db, CancellationToken.None));
        var features = RiskFeatureBuilder.Build(history.Invoices.Single(i => i.InvoiceId == open.Id), history, db.Today, graceDays: 5);

        Assert.Equal((1f, 1f), (features[RiskFeature.PromisesKeptLast12Months], features[RiskFeature.PromisesBrokenLast12Months]));
        Assert.Equal("broke 1 of 2 promises to pay in the last 12 months", RiskReasons.Phrase(RiskFeature.PromisesBrokenLast12Months, features));

        // A day later the third broken promise is certain too.
        var tomorrow = RiskFeatureBuilder.Build(history.Invoices.Single(i => i.InvoiceId == open.Id), history, db.Today.AddDays(1), graceDays: 5);
        Assert.Equal(2f, tomorrow[RiskFeature.PromisesBrokenLast12Months]);
    }

    [Fact]
    public async Task A_model_stored_before_the_promise_features_leaves_scoring_to_the_heuristic_and_says_so_instead_of_failing()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Upgraded GmbH");
        await using (var seed = db.ForTenant(tenant))
        {
            await DemoSeeder.SeedAsync(seed.Db, tenant, [], new DemoOptions { Today = db.Today, Customers = 20, Invoices = 300, Seed = 5 }, CancellationToken.None);
        }

        await using (var job = db.WithoutTenant())
        {
            await job.Services.GetRequiredService<RiskModelJob>().RunAsync(tenant, CancellationToken.None);
        }

        // The active run now claims a classifier trained on the 20 numeric features models had before.
        await using (var scope = db.ForTenant(tenant))
        {
            var run = await scope.Db.RiskModels.SingleAsync(r => r.IsActive);
            run.Predictor = RiskPredictor.Model;
            run.ClassifierBytes = OldShapeClassifier();
            await scope.Db.SaveChangesAsync();
        }

        await using var score = db.ForTenant(tenant);
        var histories = await RiskHistoryReader.ReadAsync(score.Db, CancellationToken.None);
        var scored = await score.Services.GetRequiredService<RiskModelService>()
            .ScoreAsync(histories, RiskSettings.Defaults(tenant), CancellationToken.None);

        Assert.True(scored > 0);
        var scores = await score.Db.InvoiceScores.AsNoTracking().ToListAsync();
        Assert.Equal(scored, scores.Count);
        Assert.All(scores, s => Assert.EndsWith("estimated by the simple payment-history rule until the model is retrained on the current features", s.Reasons, StringComparison.Ordinal));
    }

    private PromiseToPay Promise(Guid customerId, DateOnly promised, PromiseStatus status) => new()
    {
        Id = Guid.CreateVersion7(),
        CustomerId = customerId,
        PromisedDate = promised,
        Amount = 100m,
        Currency = "EUR",
        Status = status,
        CreatedAt = db.Time.GetUtcNow(),
    };

    /// <summary>A logistic classifier saved with the input schema of a model from before the promise features.</summary>
    private static byte[] OldShapeClassifier()
    {
        var ml = new MLContext(seed: 1);
        var definition = SchemaDefinition.Create(typeof(RiskMlRow));
        definition[nameof(RiskMlRow.Numeric)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 20);
        var rows = Enumerable.Range(0, 40).Select(n => new RiskMlRow
        {
            Numeric = Enumerable.Range(0, 20).Select(f => (float)((n * (f + 1)) % 7)).ToArray(),
            Heuristic = [0.5f, 3f],
            Late = n % 2 == 0,
        });
        var data = ml.Data.LoadFromEnumerable(rows, definition);
        var model = ml.Transforms.Concatenate("Features", nameof(RiskMlRow.Numeric))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(nameof(RiskMlRow.Late), "Features", maximumNumberOfIterations: 5))
            .Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        return stream.ToArray();
    }
}
