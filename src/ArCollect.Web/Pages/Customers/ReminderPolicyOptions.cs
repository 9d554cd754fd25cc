using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Customers;

/// <summary>The company's reminder policies as a customer's pages offer and show them: the default, then the others by name.</summary>
public sealed record ReminderPolicyOptions(Guid? DefaultId, string DefaultName, IReadOnlyList<ReminderPolicyOptions.Option> Policies)
{
    public sealed record Option(Guid Id, string Name);

    public const string NotFound = "Choose a reminder policy of your company, or the default.";

    /// <summary>Before a company's first reminder run or visit to Settings > Reminders, the shipped default stands in.</summary>
    public static readonly ReminderPolicyOptions None = new(null, DefaultReminderPolicy.Name, []);

    public string DefaultLabel => $"Tenant default ({DefaultName})";

    /// <summary>Null (the default) or one of the company's policies; another company's id is not among them.</summary>
    public bool Contains(Guid? policyId) => policyId is null || Policies.Any(p => p.Id == policyId);

    /// <summary>The policy the run uses for a customer naming <paramref name="policyId"/>, as the customer page shows it.</summary>
    public string InEffect(Guid? policyId) =>
        Policies.FirstOrDefault(p => p.Id == policyId) is { } chosen ? chosen.Name : DefaultLabel;

    /// <summary>What the select lists besides the default: every other policy, and the default itself when a customer names it.</summary>
    public IEnumerable<Option> Choices(Guid? selected) => Policies.Where(p => p.Id != DefaultId || p.Id == selected);

    public static async Task<ReminderPolicyOptions> LoadAsync(ArCollectDbContext db, CancellationToken ct)
    {
        var policies = await db.ReminderPolicies.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.IsDefault }).ToListAsync(ct);
        var fallback = policies.FirstOrDefault(p => p.IsDefault) ?? policies.FirstOrDefault();
        return fallback is null
            ? None
            : new ReminderPolicyOptions(fallback.Id, fallback.Name, policies.Select(p => new Option(p.Id, p.Name)).ToList());
    }
}
