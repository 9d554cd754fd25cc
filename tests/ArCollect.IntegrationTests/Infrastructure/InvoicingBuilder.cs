using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Invoices;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Infrastructure;

/// <summary>Drafts, issued invoices and settings for invoicing tests, made through the app's own services.</summary>
public static class InvoicingBuilder
{
    public static async Task<Invoice> AddDraftAsync(
        TestDatabase db, Guid tenantId, Guid customerId, decimal unitPrice, DateOnly issued, string? terms = null, decimal taxRate = 0m, decimal quantity = 1m,
        string currency = "EUR")
    {
        await using var scope = db.ForTenant(tenantId);
        var input = new InvoiceInput
        {
            CustomerId = customerId,
            IssueDate = issued,
            Currency = currency,
            Terms = terms,
            Lines = [new InvoiceLineInput { Description = "Consulting", Quantity = quantity, UnitPrice = unitPrice, TaxRate = taxRate }],
        };
        var (invoice, error) = await scope.Services.GetRequiredService<InvoiceDrafts>().CreateAsync(input, dueFromTerms: true, CancellationToken.None);
        Assert.True(invoice is not null, error);
        return invoice!;
    }

    public static async Task<Invoice> AddIssuedAsync(
        TestDatabase db, Guid tenantId, Guid customerId, decimal unitPrice, DateOnly issued, string? terms = null, decimal taxRate = 0m,
        string currency = "EUR")
    {
        var draft = await AddDraftAsync(db, tenantId, customerId, unitPrice, issued, terms, taxRate, currency: currency);
        await using var scope = db.ForTenant(tenantId);
        var result = await scope.Services.GetRequiredService<InvoiceIssuer>().IssueAsync(draft.Id, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Report.Errors.Select(e => e.Message)));
        return result.Invoice!;
    }

    public static async Task SetSettingsAsync(TestDatabase db, Guid tenantId, Action<InvoicingSettings> change)
    {
        await using var scope = db.ForTenant(tenantId);
        var settings = new InvoicingSettings { TenantId = tenantId };
        change(settings);
        scope.Db.InvoicingSettings.Add(settings);
        await scope.Db.SaveChangesAsync();
    }
}
