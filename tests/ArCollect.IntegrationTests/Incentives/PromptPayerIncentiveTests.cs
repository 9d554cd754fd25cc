using ArCollect.Domain.Activities;
using ArCollect.Domain.Incentives;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Incentives;
using ArCollect.Infrastructure.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Incentives;

/// <summary>Prompt-payer rules on the real ledger: the terms an issued invoice gets, and how the discount is booked.</summary>
public sealed class PromptPayerIncentiveTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<PaymentResult> PayAsync(Guid tenant, Guid customer, decimal amount, DateOnly on, string reference)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<PaymentRecorder>().RecordAsync(
            new RecordPaymentInput { CustomerId = customer, Amount = amount, Currency = "EUR", ReceivedOn = on, Reference = reference }, CancellationToken.None);
    }

    /// <summary>A customer with <paramref name="onTime"/> invoices paid before their due date and <paramref name="late"/> paid after it, this spring.</summary>
    private async Task<Guid> CustomerWithHistoryAsync(Guid tenant, string name, int onTime, int late)
    {
        var customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, name)).Id;
        for (var i = 0; i < onTime + late; i++)
        {
            var issued = new DateOnly(2026, 2, 1).AddDays(i);
            await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, $"{name[..3].ToUpperInvariant()}-{i}", 100m, issued, issued.AddDays(30));
            var paidOn = i < onTime ? issued.AddDays(20) : issued.AddDays(45);
            Assert.True((await PayAsync(tenant, customer, 100m, paidOn, $"{name}-{i}")).Succeeded);
        }

        return customer;
    }

    private async Task<IncentiveRule> AddRuleAsync(Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        var rule = new IncentiveRule
        {
            Id = Guid.CreateVersion7(),
            Name = "Prompt payers",
            MinOnTimePercent = 90m,
            LookbackMonths = 12,
            MinPaidInvoices = 3,
            DiscountPercent = 2m,
            DiscountDays = 10,
            CreatedAt = db.Time.GetUtcNow(),
            UpdatedAt = db.Time.GetUtcNow(),
        };
        scope.Db.IncentiveRules.Add(rule);
        await scope.Db.SaveChangesAsync();
        return rule;
    }

    [Fact]
    public async Task A_prompt_payer_gets_2_10_net_30_on_a_new_invoice_and_paying_inside_the_window_books_the_discount_as_a_credit_note()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Incentive GmbH");
        var prompt = await CustomerWithHistoryAsync(tenant, "Punctual Ltd", onTime: 4, late: 0);
        var rule = await AddRuleAsync(tenant);

        // Issued on 2026-06-15 (the clock's today) with the customer's own Net 30.
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, prompt, 1000m, new DateOnly(2026, 6, 15));

        Assert.Equal("2/10 Net 30", invoice.Terms);
        Assert.Equal(new DateOnly(2026, 7, 15), invoice.DueDate);
        Assert.Equal(rule.Id, invoice.IncentiveRuleId);

        var paid = await PayAsync(tenant, prompt, 980m, new DateOnly(2026, 6, 25), "BANK-980");

        Assert.True(paid.Succeeded);
        await using var scope = db.ForTenant(tenant);
        var settled = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal((980m, 20m, 0m, new DateOnly(2026, 6, 25)), (settled.AmountPaid, settled.AmountCredited, settled.Balance, settled.SettledOn));
        var credit = await scope.Db.CreditNotes.AsNoTracking().SingleAsync(c => c.InvoiceId == invoice.Id);
        Assert.Equal(20m, credit.Amount);
        Assert.Equal("Early-payment discount (2/10 Net 30)", credit.Reason);
        await LedgerAssert.ConsistentAsync(db, tenant);

        var issuedEntry = await scope.Db.Activities.AsNoTracking().Where(a => a.CustomerId == prompt && a.Type == ActivityType.Invoice).Select(a => a.Summary).SingleAsync();
        Assert.Contains("prompt-payer terms 2/10 Net 30 (Prompt payers)", issuedEntry, StringComparison.Ordinal);
        Assert.True(await scope.Db.AuditEntries.AsNoTracking().AnyAsync(a => a.EntityType == nameof(IncentiveRule) && a.EntityId == rule.Id && a.Action == "Added"));

        var summary = await IncentiveKpis.SummaryAsync(scope.Db, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), CancellationToken.None);
        Assert.Equal((1, 1, 1, 100.0m), (summary.Invoices, summary.Settled, summary.PaidEarly, summary.PaidEarlyPercent));
        Assert.Equal([("EUR", 20m)], summary.DiscountGiven);
    }

    [Fact]
    public async Task A_late_payer_or_an_invoice_with_its_own_discount_keeps_its_terms_and_paying_after_the_window_earns_nothing()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Incentive AG");
        var late = await CustomerWithHistoryAsync(tenant, "Tardy Ltd", onTime: 3, late: 1);
        var prompt = await CustomerWithHistoryAsync(tenant, "Swift Ltd", onTime: 3, late: 0);
        var quick = await CustomerWithHistoryAsync(tenant, "Quick Ltd", onTime: 3, late: 0);
        await AddRuleAsync(tenant);

        var lateInvoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, late, 500m, new DateOnly(2026, 6, 15));
        var ownTerms = await InvoicingBuilder.AddIssuedAsync(db, tenant, prompt, 500m, new DateOnly(2026, 6, 15), terms: "1/5 Net 30");
        var incentive = await InvoicingBuilder.AddIssuedAsync(db, tenant, quick, 500m, new DateOnly(2026, 6, 15));

        Assert.Equal(("Net 30", (Guid?)null), (lateInvoice.Terms, lateInvoice.IncentiveRuleId));
        Assert.Equal(("1/5 Net 30", (Guid?)null), (ownTerms.Terms, ownTerms.IncentiveRuleId));
        Assert.Equal("2/10 Net 30", incentive.Terms);

        // The discounted amount arrives on day 11, past the window: no discount, and 10.00 stays open.
        Assert.True((await PayAsync(tenant, quick, 490m, new DateOnly(2026, 6, 26), "QUICK-LATE")).Succeeded);
        await using var scope = db.ForTenant(tenant);
        var after = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == incentive.Id);
        Assert.Equal((490m, 0m, 10m), (after.AmountPaid, after.AmountCredited, after.Balance));
        Assert.False(await scope.Db.CreditNotes.AnyAsync(c => c.InvoiceId == incentive.Id));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task Another_company_neither_sees_a_tenants_rules_nor_gets_them_on_its_invoices()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Rule Owner SA");
        await AddRuleAsync(tenant);
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other KG");
        var punctual = await CustomerWithHistoryAsync(other, "Exact Ltd", onTime: 5, late: 0);

        var invoice = await InvoicingBuilder.AddIssuedAsync(db, other, punctual, 300m, new DateOnly(2026, 6, 15));

        Assert.Equal(("Net 30", (Guid?)null), (invoice.Terms, invoice.IncentiveRuleId));
        await using var scope = db.ForTenant(other);
        Assert.Equal(0, await scope.Db.IncentiveRules.CountAsync());
        Assert.Equal(0, await scope.Db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM incentive_rules WHERE tenant_id = {tenant}").SingleAsync());
    }
}
