using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.Payments;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArCollect.Infrastructure.Invoices;

public static class InvoicingServiceCollectionExtensions
{
    /// <summary>Issuing, numbering, pre-send checks, credit notes, write-offs, late fees, payments and API keys.</summary>
    public static IServiceCollection AddArCollectInvoicing(this IServiceCollection services)
    {
        services.AddScoped<DocumentNumbers>();
        services.AddScoped<PreSendChecks>();
        services.AddScoped<InvoiceDrafts>();
        services.AddScoped<InvoiceIssuer>();
        services.AddScoped<InvoiceAdjustments>();
        services.AddScoped<WriteOffApprovals>();
        services.AddScoped<InvoiceRebilling>();
        services.AddScoped<LateFeeCharger>();
        services.AddScoped<Pdf.InvoicePdfs>();
        services.AddScoped<Pdf.TenantLogos>();
        services.AddScoped<Exports.LedgerExportQueries>();
        services.AddScoped<Imports.InvoiceCsvImporter>();
        services.AddScoped<Imports.CustomerCsvImporter>();
        services.AddScoped<Imports.PaymentCsvImporter>();
        services.AddScoped<PaymentRecorder>();
        services.AddScoped<UnappliedCashApplier>();
        services.AddScoped<Common.IdempotentRequests>();
        services.AddScoped<CashApplication.CashApplier>();
        services.AddScoped<CashApplication.StatementImporter>();
        services.AddScoped<CashApplication.RemittanceAdviceImporter>();
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<ApiKeyVerifier>();
        services.TryAddSingleton<TenantJobRunner>();
        services.AddTransient<LateFeeJob>();
        services.AddTransient<IdempotencyKeyCleanupJob>();
        return services;
    }
}
