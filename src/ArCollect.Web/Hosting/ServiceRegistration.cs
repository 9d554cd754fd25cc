using ArCollect.Domain.Activities;
using ArCollect.Domain.Customers;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Drafting;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Imports;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Payments.Stripe;
using ArCollect.Infrastructure.Risk;
using ArCollect.Infrastructure.Sms;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Infrastructure.Webhooks;
using ArCollect.Web.Api;
using FluentValidation;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Identity;
using Serilog;

namespace ArCollect.Web.Hosting;

public static class ServiceRegistration
{
    public const string AdminOnly = "AdminOnly";
    public const string ManagersAndAdmins = "ManagersAndAdmins";

    public static WebApplicationBuilder AddArCollect(this WebApplicationBuilder builder, string connectionString)
    {
        var services = builder.Services;
        services.AddSerilog((sp, log) => log
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With(new PortalTokenRedaction())
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TenantId}{NewLine}{Exception}"));

        services.AddOptions<AppOptions>().Bind(builder.Configuration.GetSection(AppOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddArCollectData(connectionString);
        services.AddArCollectEmail(builder.Configuration, Path.Combine(DatabaseBootstrap.DataFolder(builder.Environment.ContentRootPath), "mail"));
        services.AddArCollectDunning(builder.Configuration);
        services.AddArCollectSms(builder.Configuration, Path.Combine(DatabaseBootstrap.DataFolder(builder.Environment.ContentRootPath), "sms"));
        services.AddScoped<TenantProvisioning>();
        services.AddScoped<PlatformOperators>();
        services.AddOptions<PlatformOptions>().Bind(builder.Configuration.GetSection(PlatformOptions.Section));
        services.AddArCollectRisk();
        services.AddArCollectDashboards();
        services.AddArCollectInvoicing();
        services.AddArCollectDisputes();
        services.AddArCollectWebhooks(builder.Configuration);
        services.AddArCollectAccountingFiles();
        services.AddArCollectDrafting(builder.Configuration);
        services.AddSingleton<IValidator<ArCollect.Domain.Drafting.FollowUpInput>, ArCollect.Domain.Drafting.FollowUpInputValidator>();
        services.AddSingleton<IValidator<ArCollect.Domain.Drafting.DraftingSettingsInput>, ArCollect.Domain.Drafting.DraftingSettingsInputValidator>();
        services.AddSingleton<IValidator<OpenDisputeInput>, OpenDisputeInputValidator>();
        services.AddSingleton<IValidator<ResolveDisputeInput>, ResolveDisputeInputValidator>();
        services.AddSingleton<IValidator<DisputeCommentInput>, DisputeCommentInputValidator>();
        services.AddPortalAccess(builder.Configuration);
        services.AddCardPayments(builder.Configuration);
        services.AddSingleton<IValidator<AdjustmentInput>, AdjustmentInputValidator>();
        services.AddSingleton<IValidator<CustomerInput>, CustomerInputValidator>();
        services.AddSingleton<IValidator<InvoiceInput>, InvoiceInputValidator>();
        services.AddSingleton<IValidator<RecordPaymentInput>, RecordPaymentInputValidator>();
        services.AddSingleton<IValidator<ApplyUnappliedCashInput>, ApplyUnappliedCashInputValidator>();
        services.AddSingleton<IValidator<NoteInput>, NoteInputValidator>();
        services.AddSingleton<AccountLinks>();

        services.AddIdentity<AppUser, IdentityRole<Guid>>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Password.RequiredLength = 10;
                // Length over composition rules, as NIST SP 800-63B recommends.
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
            })
            .AddEntityFrameworkStores<ArCollectDbContext>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddSignInManager<AppSignInManager>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();
        // Every request checks the cookie's security stamp, so sign-out, deactivation and role changes end old cookies at once.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "arcollect.auth";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
        });
        services.AddArCollectDataProtection(builder.Configuration);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminOnly, p => p.RequireRole(Roles.Admin))
            .AddPolicy(JobDashboard.OperatorsOnly, p => p.RequireClaim(PlatformOperators.ClaimType, PlatformOperators.OperatorValue))
            .AddPolicy(ManagersAndAdmins, p => p.RequireRole(Roles.Admin, Roles.Manager));

        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Settings", AdminOnly);
            options.Conventions.AuthorizeFolder("/Risk", ManagersAndAdmins);
            options.Conventions.AuthorizeFolder("/Dashboards", ManagersAndAdmins);
            options.Conventions.AuthorizePage("/Disputes/Analytics", ManagersAndAdmins);
            options.Conventions.AllowAnonymousToFolder("/Account");
            options.Conventions.AllowAnonymousToFolder("/Portal");
            options.Conventions.AuthorizeFolder("/Account/Manage");
        });
        services.AddProblemDetails();
        services.AddArCollectApi();
        services.AddHealthChecks().AddDbContextCheck<ArCollectDbContext>("database", tags: ["ready"]);

        // Hangfire keeps its storage and job activator in process-wide statics (JobStorage.Current, JobActivator.Current)
        // and its own registrations read them back when first resolved. Two hosts in one process (the tests start many)
        // could then enqueue into, run jobs from, or activate jobs with the other host's database and services. Each host
        // registers the storage its own configuration created, and an activator over its own container.
        PostgreSqlStorage? storage = null;
        services.AddSingleton<JobStorage>(provider =>
        {
            provider.GetRequiredService<IGlobalConfiguration>(); // runs the configuration below, which creates the storage
            return storage ?? throw new InvalidOperationException("Hangfire's storage was not configured.");
        });
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => storage = config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                options => options.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = DatabaseSecurity.HangfireSchema,

                    // The owner installs and upgrades the schema when it migrates; the app login may not create tables.
                    PrepareSchemaIfNecessary = false,

                    // A running job keeps renewing its fetch, so a long job is never handed to a second worker;
                    // only a job whose worker died becomes visible again, after the timeout.
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromMinutes(5),
                }).Entry);
        var app = builder.Configuration.GetSection(AppOptions.Section).Get<AppOptions>() ?? new AppOptions();
        if (app.RunsJobs)
        {
            services.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        }

        return builder;
    }
}
