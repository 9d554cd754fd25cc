using ArCollect.Domain.Activities;
using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Common;
using ArCollect.Domain.Customers;
using ArCollect.Domain.Dashboards;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Kpis;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Payments;
using ArCollect.Domain.Portal;
using ArCollect.Domain.Risk;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Data;

public class ArCollectDbContext(DbContextOptions<ArCollectDbContext> options, TenantContext tenant)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The tenant every query filter compares with; read by EF Core on each query.</summary>
    public Guid? CurrentTenantId => tenant.TenantId;

    /// <summary>The tenant for raw SQL, which names <c>tenant_id</c> as well as relying on row-level security; throws without one.</summary>
    public Guid RequiredTenantId => tenant.RequiredTenantId;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentAllocation> PaymentAllocations => Set<PaymentAllocation>();
    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();
    public DbSet<WriteOff> WriteOffs => Set<WriteOff>();
    public DbSet<WriteOffRequest> WriteOffRequests => Set<WriteOffRequest>();
    public DbSet<CurrencySettings> CurrencySettings => Set<CurrencySettings>();
    public DbSet<ArCollect.Infrastructure.Common.IdempotencyKey> IdempotencyKeys => Set<ArCollect.Infrastructure.Common.IdempotencyKey>();
    public DbSet<DocumentCounter> DocumentCounters => Set<DocumentCounter>();
    public DbSet<InvoicingSettings> InvoicingSettings => Set<InvoicingSettings>();
    public DbSet<TenantLogo> TenantLogos => Set<TenantLogo>();
    public DbSet<CompanyProfile> CompanyProfiles => Set<CompanyProfile>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Dispute> Disputes => Set<Dispute>();
    public DbSet<DisputeItem> DisputeItems => Set<DisputeItem>();
    public DbSet<DisputeComment> DisputeComments => Set<DisputeComment>();
    public DbSet<DisputeReasonCode> DisputeReasonCodes => Set<DisputeReasonCode>();
    public DbSet<DisputeTeam> DisputeTeams => Set<DisputeTeam>();
    public DbSet<DisputeRoutingRule> DisputeRoutingRules => Set<DisputeRoutingRule>();
    public DbSet<DisputeSlaPolicy> DisputeSlaPolicies => Set<DisputeSlaPolicy>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<OutboxAttachment> OutboxAttachments => Set<OutboxAttachment>();
    public DbSet<ReminderPolicy> ReminderPolicies => Set<ReminderPolicy>();
    public DbSet<ReminderStep> ReminderSteps => Set<ReminderStep>();
    public DbSet<PromiseToPay> Promises => Set<PromiseToPay>();
    public DbSet<CollectionTask> CollectionTasks => Set<CollectionTask>();
    public DbSet<EscalationRule> EscalationRules => Set<EscalationRule>();
    public DbSet<ReminderLogEntry> ReminderLog => Set<ReminderLogEntry>();
    public DbSet<ThankYouEntry> ThankYouLog => Set<ThankYouEntry>();
    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();
    public DbSet<ArCollect.Domain.Replies.ReplyClassification> ReplyClassifications => Set<ArCollect.Domain.Replies.ReplyClassification>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<TenantMailSettings> TenantMailSettings => Set<TenantMailSettings>();
    public DbSet<ArCollect.Infrastructure.Sms.TenantSmsSettings> TenantSmsSettings => Set<ArCollect.Infrastructure.Sms.TenantSmsSettings>();
    public DbSet<ArCollect.Infrastructure.Sms.SmsTemplate> SmsTemplates => Set<ArCollect.Infrastructure.Sms.SmsTemplate>();
    public DbSet<RiskModelRun> RiskModels => Set<RiskModelRun>();
    public DbSet<InvoiceScore> InvoiceScores => Set<InvoiceScore>();
    public DbSet<CustomerScore> CustomerScores => Set<CustomerScore>();
    public DbSet<RiskSettings> RiskSettings => Set<RiskSettings>();
    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();
    public DbSet<DashboardSettings> DashboardSettings => Set<DashboardSettings>();
    public DbSet<AlertState> AlertStates => Set<AlertState>();
    public DbSet<ForecastSnapshot> ForecastSnapshots => Set<ForecastSnapshot>();
    public DbSet<AlertAcknowledgement> AlertAcknowledgements => Set<AlertAcknowledgement>();
    public DbSet<ForecastAccuracyReport> ForecastAccuracyReports => Set<ForecastAccuracyReport>();
    public DbSet<LedgerDailyFact> LedgerDailyFacts => Set<LedgerDailyFact>();
    public DbSet<LedgerVersion> LedgerVersions => Set<LedgerVersion>();
    public DbSet<CustomerDailyFact> CustomerDailyFacts => Set<CustomerDailyFact>();
    public DbSet<ArCollect.Infrastructure.Jobs.JobRun> JobRuns => Set<ArCollect.Infrastructure.Jobs.JobRun>();
    public DbSet<PortalLink> PortalLinks => Set<PortalLink>();
    public DbSet<PortalSettings> PortalSettings => Set<PortalSettings>();
    public DbSet<PortalReturn> PortalReturns => Set<PortalReturn>();
    public DbSet<Domain.Incentives.IncentiveRule> IncentiveRules => Set<Domain.Incentives.IncentiveRule>();
    public DbSet<DisputeAttachment> DisputeAttachments => Set<DisputeAttachment>();
    public DbSet<ArCollect.Domain.PaymentPlans.PaymentPlan> PaymentPlans => Set<ArCollect.Domain.PaymentPlans.PaymentPlan>();
    public DbSet<ArCollect.Domain.PaymentPlans.PaymentPlanInstalment> PaymentPlanInstalments => Set<ArCollect.Domain.PaymentPlans.PaymentPlanInstalment>();
    public DbSet<ArCollect.Domain.PaymentPlans.PaymentPlanInvoice> PaymentPlanInvoices => Set<ArCollect.Domain.PaymentPlans.PaymentPlanInvoice>();
    public DbSet<ArCollect.Domain.PaymentPlans.PaymentPlanCurrencyRule> PaymentPlanCurrencyRules => Set<ArCollect.Domain.PaymentPlans.PaymentPlanCurrencyRule>();
    public DbSet<PortalCode> PortalCodes => Set<PortalCode>();
    public DbSet<BankAccount> BankAccounts => Set<BankAccount>();
    public DbSet<BankStatement> BankStatements => Set<BankStatement>();
    public DbSet<BankEntry> BankEntries => Set<BankEntry>();
    public DbSet<PayerAccount> PayerAccounts => Set<PayerAccount>();
    public DbSet<CashApplicationSettings> CashApplicationSettings => Set<CashApplicationSettings>();
    public DbSet<ArCollect.Domain.Drafting.DraftingSettings> DraftingSettings => Set<ArCollect.Domain.Drafting.DraftingSettings>();
    public DbSet<StripeSettings> StripeSettings => Set<StripeSettings>();
    public DbSet<CardPayment> CardPayments => Set<CardPayment>();
    public DbSet<CashCurrencyTolerance> CashCurrencyTolerances => Set<CashCurrencyTolerance>();
    public DbSet<RemittanceAdvice> RemittanceAdvices => Set<RemittanceAdvice>();
    public DbSet<RemittanceAdviceLine> RemittanceAdviceLines => Set<RemittanceAdviceLine>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ArCollectDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            typeof(ArCollectDbContext)
                .GetMethod(nameof(AddTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType)
                .Invoke(this, [builder]);
        }
    }

    private void AddTenantFilter<T>(ModelBuilder builder)
        where T : class, ITenantOwned
    {
        builder.Entity<T>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        builder.Entity<T>().Property(e => e.TenantId).IsRequired();
    }
}
