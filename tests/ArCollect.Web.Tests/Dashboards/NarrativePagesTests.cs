using System.Net;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Narratives;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Dashboards;

public sealed class NarrativePagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_aging_page_opens_with_sentences_linked_to_the_invoices_behind_them()
    {
        // Open today: 300 current (N-1), 700 more than 90 days past due (N-2, 100 days): 1000 open, 70 % overdue.
        var company = await TenantSeed.CreateCompanyAsync(app, "Narrative Co");
        var today = LedgerSeed.Today(app);
        var id = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Old Debt AG");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "N-1", 300m, today.AddDays(-5), today.AddDays(25));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "N-2", 700m, today.AddDays(-130), today.AddDays(-100));
        using var client = app.NewClient();
        await client.SignInAsync(company.ManagerEmail, TenantSeed.Password);

        var page = await client.GetPageAsync("/Dashboards/Aging");
        var narrative = Sentences(page);

        Assert.Equal(
            [
                "One customer holds 100 % of 90+: Old Debt AG (EUR 700.00).",
                "EUR 700.00 (70 %) is 90+ days past due, in 1 invoice.",
                "70 % of open receivables (EUR 700.00 of EUR 1,000.00) is overdue; the largest overdue bucket is 90+ days with EUR 700.00.",
            ],
            narrative);
        var link = System.Text.RegularExpressions.Regex.Match(page, "<a href=\"([^\"]+)\">90(?:\\+|&#x2B;) days past due").Groups[1].Value;
        Assert.StartsWith("/Dashboards/AgingInvoices?", WebUtility.HtmlDecode(link), StringComparison.Ordinal);
        var drill = await client.GetPageAsync(WebUtility.HtmlDecode(link));
        Assert.Contains("N-2", drill, StringComparison.Ordinal);
        Assert.DoesNotContain("N-1", drill, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_aging_page_says_how_much_of_90_plus_is_disputed_and_names_each_invoices_largest_live_dispute()
    {
        // 90+: A 500, B 300, C 200 (1000). Pricing dispute (400): A 250 + B 150. Quantity dispute (200): B 100 + C 100.
        // B sits in both: its 250 counts under pricing, the larger dispute. Disputed 600 = 60 % of 90+, pricing 500 of
        // it (83 %: "mostly").
        var company = await TenantSeed.CreateCompanyAsync(app, "Disputed Aging Co");
        var today = LedgerSeed.Today(app);
        var id = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Quarrelsome Ltd");
        var a = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "D-A", 500m, today.AddDays(-130), today.AddDays(-100));
        var b = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "D-B", 300m, today.AddDays(-130), today.AddDays(-100));
        var c = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "D-C", 200m, today.AddDays(-130), today.AddDays(-100));
        await ApiSeed.InTenantAsync(app, company.TenantId, async services =>
        {
            var disputes = services.GetRequiredService<DisputeService>();
            async Task<Guid> OpenAsync(string reason, params (Guid Invoice, decimal Amount)[] items)
            {
                var result = await disputes.OpenAsync(new OpenDisputeInput
                {
                    ReasonCode = reason,
                    Items = items.Select(i => new DisputeItemInput { InvoiceId = i.Invoice, Amount = i.Amount }).ToList(),
                }, CancellationToken.None);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
                return result.Id!.Value;
            }

            await OpenAsync("pricing", (a, 250m), (b, 150m));
            await OpenAsync("quantity", (b, 100m), (c, 100m));
            return true;
        });
        using var client = app.NewClient();
        await client.SignInAsync(company.ManagerEmail, TenantSeed.Password);

        var narrative = Sentences(await client.GetPageAsync("/Dashboards/Aging"));

        Assert.Contains("60 % of 90+ (EUR 600.00) is disputed, mostly pricing.", narrative);
    }

    [Fact]
    public async Task The_KPI_page_opens_with_sentences_about_the_last_complete_period()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Narrative KPI Co");
        var today = LedgerSeed.Today(app);
        var id = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Steady Buyer");
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "K-1", 500m, lastMonth.AddDays(2), lastMonth.AddDays(32));
        using var client = app.NewClient();
        await client.SignInAsync(company.ManagerEmail, TenantSeed.Password);

        var page = await client.GetPageAsync("/Dashboards/Kpis");
        var narrative = Sentences(page);
        var month = lastMonth.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

        // Last month: sales 500, closing 500, so DSO = 500 / 500 x days in the month; the month before had no sales (no DSO).
        var days = DateTime.DaysInMonth(lastMonth.Year, lastMonth.Month);
        Assert.Contains($"DSO was {days}.0 days in {month}.", narrative);
        Assert.Contains($"href=\"#kpi-{lastMonth:yyyy-MM-dd}\"", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"kpi-{lastMonth:yyyy-MM-dd}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_KPI_pages_DSO_sentence_names_the_customer_behind_the_rise_and_links_to_it()
    {
        // The month before last (P, dP days): Alpha (North, key account) A-1 1000 open; Beta B-1 1000 paid in P.
        // Last month (L, dL days): Alpha A-2 500 open; Beta B-2 1000 paid in L.
        // P: sales 2000, closing AR 1000, DSO dP / 2. L: sales 1500, closing AR 1500, DSO dL: it rose dL - dP / 2.
        // Alpha's receivables +500 at k = dL / 1500: dL / 3 days; Beta's did not move. Sales pace: P's 1000 of
        // receivables x (dL / 1500 - dP / 2000) = 2 dL / 3 - dP / 2 days. (November after October: 14.5 = 10.0 + 4.5.)
        var company = await TenantSeed.CreateCompanyAsync(app, "Attribution Co");
        var today = LedgerSeed.Today(app);
        var last = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var before = last.AddMonths(-1);
        var alpha = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Alpha Key AG");
        var beta = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Beta Steady SA");
        await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.Where(c => c.Id == alpha)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Region, "North").SetProperty(c => c.IsKeyAccount, true)));
        await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.Where(c => c.Id == beta)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Region, "South")));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, alpha, "AT-1", 1000m, before, before.AddDays(30));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, beta, "BT-1", 1000m, before, before.AddDays(9), paid: 1000m);
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, alpha, "AT-2", 500m, last, last.AddDays(30));
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, beta, "BT-2", 1000m, last, last.AddDays(9), paid: 1000m);
        using var client = app.NewClient();
        await client.SignInAsync(company.ManagerEmail, TenantSeed.Password);

        var page = await client.GetPageAsync("/Dashboards/Kpis");

        decimal dP = DateTime.DaysInMonth(before.Year, before.Month), dL = DateTime.DaysInMonth(last.Year, last.Month);
        var change = dL - (dP / 2);
        var alphaDays = dL / 3;
        var sales = (2 * dL / 3) - (dP / 2);
        var month = last.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(
            $"DSO rose {Narrative.One(change)} days in {month}, from {Narrative.One(dP / 2)} to {Narrative.One(dL)}; "
            + $"one key account in North accounts for {Narrative.One(alphaDays)} of the {Narrative.One(change)} days ({Narrative.Percent(alphaDays / change)}): "
            + $"Alpha Key AG ({Narrative.One(alphaDays)} days); lower sales per day added {Narrative.One(sales)} days.",
            Sentences(page));
        Assert.Contains($"<a href=\"/Customers/Details/{alpha}\">Alpha Key AG</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Beta Steady SA", page, StringComparison.Ordinal);
    }

    /// <summary>Each sentence as a reader sees it: the text of its parts, links included, joined without added spaces.</summary>
    private static List<string> Sentences(string page) =>
        System.Text.RegularExpressions.Regex.Matches(page, "<li data-sentence=\"[^\"]*\">(.*?)</li>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")))
            .ToList();
}
