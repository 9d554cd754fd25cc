using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Shared;

/// <summary>A user of the current company, as a collector dropdown or a timeline author shows it.</summary>
public sealed record UserOption(Guid Id, string Name);

public static class TenantUserQueries
{
    public static Task<List<UserOption>> ListUsersAsync(this TenantProvisioning provisioning, CancellationToken cancellationToken) =>
        provisioning.TenantUsers()
            .AsNoTracking()
            .OrderBy(u => u.DisplayName)
            .Select(u => new UserOption(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
}
