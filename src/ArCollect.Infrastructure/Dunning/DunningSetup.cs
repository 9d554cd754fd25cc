using ArCollect.Domain.Common;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>A tenant's dunning configuration, read once per run: policies, rules, templates, managers, mail settings.</summary>
public sealed record DunningSetup(
    IReadOnlyDictionary<Guid, ReminderPolicy> Policies,
    ReminderPolicy DefaultPolicy,
    IReadOnlyList<EscalationRule> Rules,
    IReadOnlyDictionary<(ReminderTone Tone, string Language), MessageTemplate> Templates,
    string DefaultLanguage,
    IReadOnlyList<string> ManagerEmails,
    TenantMailSettings? Mail)
{
    /// <summary>The tenant as seller: bank account for payment instructions, whether reminders attach invoice PDFs.</summary>
    public CompanyProfile? Company { get; init; }

    /// <summary>Twilio account and quiet hours; null when the tenant has not set SMS up (messages are then parked as not configured).</summary>
    public ArCollect.Infrastructure.Sms.TenantSmsSettings? Sms { get; init; }

    /// <summary>The tenant's own SMS texts by tone and language; the shipped ones fill the gaps.</summary>
    public IReadOnlyDictionary<(ReminderTone, string), ArCollect.Infrastructure.Sms.SmsTemplate> SmsTemplates { get; init; } =
        new Dictionary<(ReminderTone, string), ArCollect.Infrastructure.Sms.SmsTemplate>();
    /// <summary>Grace days for promises and payment plans (portal settings; defaults when the tenant saved none).</summary>
    public Domain.Portal.PortalSettings? Portal { get; init; }


    public ReminderPolicy PolicyFor(Guid? policyId) => policyId is { } id && Policies.TryGetValue(id, out var p) ? p : DefaultPolicy;

    /// <summary>The template for a customer: in their language, else the tenant's default language, else English.</summary>
    public MessageTemplate TemplateFor(ReminderTone tone, string? customerLanguage) =>
        Languages.Candidates(customerLanguage, DefaultLanguage)
            .Select(language => Templates.GetValueOrDefault((tone, language)))
            .FirstOrDefault(t => t is not null) ?? DefaultTemplates.For(tone);

    /// <summary>Every tone and language a template exists for: the tenant's saved ones over the shipped defaults.</summary>
    public static Dictionary<(ReminderTone Tone, string Language), MessageTemplate> Merge(IEnumerable<MessageTemplate> saved)
    {
        var templates = new Dictionary<(ReminderTone Tone, string Language), MessageTemplate>();
        foreach (var language in DefaultTemplates.ShippedLanguages)
        {
            foreach (var tone in Enum.GetValues<ReminderTone>())
            {
                templates[(tone, language)] = DefaultTemplates.For(tone, language)!;
            }
        }

        foreach (var template in saved)
        {
            templates[(template.Tone, template.Language)] = template;
        }

        return templates;
    }

    /// <summary>Creates the default policy and escalation rules for a tenant that has none yet.</summary>
    public static async Task EnsureDefaultsAsync(ArCollectDbContext db, Guid tenantId, CancellationToken ct)
    {
        // Two runs (or a run and the settings page) starting at once must not both create the defaults: check and
        // insert under the run's per-tenant lock.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"reminder-run:" + tenantId}, 0))", ct);
        if (!await db.ReminderPolicies.AnyAsync(ct))
        {
            db.ReminderPolicies.Add(DefaultReminderPolicy.Create(tenantId));
        }

        if (!await db.EscalationRules.AnyAsync(ct))
        {
            db.EscalationRules.AddRange(EscalationRule.Defaults(tenantId));
        }

        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    public static async Task<DunningSetup> LoadAsync(ArCollectDbContext db, Guid tenantId, CancellationToken ct)
    {
        var policies = await db.ReminderPolicies.AsNoTracking().Include(p => p.Steps).ToListAsync(ct);
        foreach (var policy in policies)
        {
            policy.Steps.Sort((a, b) => a.OffsetDays.CompareTo(b.OffsetDays));
        }

        var rules = await db.EscalationRules.AsNoTracking().Where(r => r.IsActive).ToListAsync(ct);
        var saved = await db.MessageTemplates.AsNoTracking().ToListAsync(ct);
        var defaultLanguage = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.DefaultLanguage).SingleAsync(ct);
        var managerRole = await db.Roles.Where(r => r.Name == Roles.Manager).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var managers = await db.Users.Where(u => u.TenantId == tenantId && u.Email != null
                && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == managerRole))
            .OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(ct);
        var mail = await db.TenantMailSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var company = await db.CompanyProfiles.AsNoTracking().FirstOrDefaultAsync(ct);
        var sms = await db.TenantSmsSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var smsTemplates = await db.SmsTemplates.AsNoTracking().ToListAsync(ct);
        var portal = await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? Domain.Portal.PortalSettings.Defaults(tenantId);
        return new DunningSetup(
            policies.ToDictionary(p => p.Id),
            policies.FirstOrDefault(p => p.IsDefault) ?? policies.First(),
            rules,
            Merge(saved),
            defaultLanguage,
            managers,
            mail)
        { Company = company, Sms = sms, SmsTemplates = smsTemplates.ToDictionary(t => (t.Tone, t.Language)), Portal = portal };
    }
}
