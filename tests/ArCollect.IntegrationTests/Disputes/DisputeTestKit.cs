using ArCollect.Domain.Disputes;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Identity;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArCollect.IntegrationTests.Disputes;

/// <summary>Opening, resolving and reading disputes through the real services.</summary>
internal static class DisputeTestKit
{
    public static async Task<DisputeResult> OpenAsync(TestDatabase db, Guid tenant, string reason, params (Guid Invoice, decimal Amount)[] items)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<DisputeService>().OpenAsync(new OpenDisputeInput
        {
            ReasonCode = reason,
            Items = items.Select(i => new DisputeItemInput { InvoiceId = i.Invoice, Amount = i.Amount }).ToList(),
        }, CancellationToken.None);
    }

    public static async Task<DisputeResult> ResolveAsync(TestDatabase db, Guid tenant, Guid dispute, DisputeOutcome outcome, decimal? amount = null, string? explanation = null)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<DisputeResolver>().ResolveAsync(dispute, new ResolveDisputeInput
        {
            Outcome = outcome,
            Amount = amount,
            Explanation = explanation,
            Date = db.Today,
        }, CancellationToken.None);
    }

    public static async Task<Dispute> LoadAsync(TestDatabase db, Guid tenant, Guid id)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.Disputes.AsNoTracking().Include(d => d.Items).SingleAsync(d => d.Id == id);
    }

    public static async Task<Guid> AddUserAsync(TestDatabase db, Guid tenant, string name, string role)
    {
        await using var platform = db.WithoutTenant();
        var roleRow = await platform.Db.Roles.FirstOrDefaultAsync(r => r.Name == role);
        if (roleRow is null)
        {
            roleRow = new IdentityRole<Guid> { Id = Guid.CreateVersion7(), Name = role, NormalizedName = role.ToUpperInvariant() };
            platform.Db.Roles.Add(roleRow);
        }

        var email = $"{name.ToLowerInvariant()}@disputes.test";
        var user = new AppUser { Id = Guid.CreateVersion7(), TenantId = tenant, DisplayName = name, Email = email, UserName = email };
        platform.Db.Users.Add(user);
        platform.Db.UserRoles.Add(new IdentityUserRole<Guid> { RoleId = roleRow.Id, UserId = user.Id });
        await platform.Db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>Delivers the tenant's due outbox messages to a throwaway pickup folder, as the sender job would; how many went out.</summary>
    public static async Task<int> DeliverAsync(TestDatabase db, Guid tenant)
    {
        var pickup = Path.Combine(Path.GetTempPath(), $"arcollect-disputes-{Guid.NewGuid():N}");
        try
        {
            await using var scope = db.ForTenant(tenant);
            var options = Options.Create(new EmailOptions { PickupDirectory = pickup });
            var sender = new OutboxSender(scope.Db, new PickupDirectoryTransport(options), new SmtpMailTransport(options),
                scope.Services.GetRequiredService<MailSecrets>(), options, db.Time, NullLogger<OutboxSender>.Instance);
            return await sender.SendDueAsync(CancellationToken.None);
        }
        finally
        {
            if (Directory.Exists(pickup))
            {
                Directory.Delete(pickup, recursive: true);
            }
        }
    }

    public static Task<Guid> AddClerkAsync(TestDatabase db, Guid tenant, string name) => AddUserAsync(db, tenant, name, Roles.Clerk);
}
