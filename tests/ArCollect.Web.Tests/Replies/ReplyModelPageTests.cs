using ArCollect.Infrastructure.Replies;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Replies;

public sealed class ReplyModelPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_model_page_judges_on_holdout_4_by_default_and_offers_test_csv()
    {
        // Training the shipped model on first use takes long on a busy machine; done before the page request.
        await app.Services.GetRequiredService<ReplyClassifier>().ModelAsync();
        var company = await TenantSeed.CreateCompanyAsync(app, "Model Page Co");
        using var manager = app.NewClient();
        await manager.SignInAsync(company.ManagerEmail, TenantSeed.Password);

        var page = await manager.GetPageAsync("/Replies/Model");

        Assert.Matches("nav-link active\"\\s+href=\"/Replies/Model\\?set=holdout-4.csv\"", page);
        Assert.DoesNotContain("set=holdout-3.csv", page, StringComparison.Ordinal);
        Assert.Contains("400 held-out messages", page, StringComparison.Ordinal);
        Assert.Contains("data/replies/holdout-4.csv", page, StringComparison.Ordinal);

        var test = await manager.GetPageAsync("/Replies/Model?set=test.csv");
        Assert.Contains("800 held-out messages", test, StringComparison.Ordinal);
        Assert.Matches("nav-link active\"\\s+href=\"/Replies/Model\\?set=test.csv\"", test);
    }
}
