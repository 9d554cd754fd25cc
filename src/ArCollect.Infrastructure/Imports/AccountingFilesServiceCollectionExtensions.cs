using ArCollect.Infrastructure.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Imports;

public static class AccountingFilesServiceCollectionExtensions
{
    /// <summary>QuickBooks Online and Xero files: import presets and exports (needs the invoicing services).</summary>
    public static IServiceCollection AddArCollectAccountingFiles(this IServiceCollection services)
    {
        services.AddScoped<AccountingFileImport>();
        services.AddScoped<AccountingExports>();
        return services;
    }
}
