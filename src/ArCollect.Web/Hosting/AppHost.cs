using ArCollect.Infrastructure.Data.LocalPostgres;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ArCollect.Web.Hosting;

/// <summary>
/// Builds and runs the app: finds or starts the database, migrates it, seeds the demo tenant when asked,
/// then serves. Verbs: <c>migrate</c> and <c>seed</c> prepare the database and exit; <c>operator grant|revoke EMAIL</c>
/// manages platform operators; <c>ml evaluate</c> and <c>cash evaluate</c> need no database. Standard ASP.NET Core switches work with any verb.
/// </summary>
public static class AppHost
{
    public static async Task<int> RunAsync(string[] args, TextWriter? errors = null, TextWriter? output = null)
    {
        errors ??= Console.Error;
        output ??= Console.Out;
        var line = CommandLine.Parse(args);
        var verb = line.Verb;

        // Evaluating a CSV touches no database, so it runs before any database is found or started.
        if (verb == "ml")
        {
            return await MlCommand.RunAsync(args.SkipWhile(a => a != "ml").Skip(1).ToArray(), output, errors);
        }

        if (verb == "cash")
        {
            return await CashCommand.RunAsync(args.SkipWhile(a => a != "cash").Skip(1).ToArray(), output, errors);
        }

        if (verb is not (null or "migrate" or "seed" or "operator"))
        {
            await errors.WriteLineAsync($"arcollect: unknown command '{verb}'. Use no command to run the app, or 'migrate', 'seed', " +
                $"'operator grant|revoke EMAIL', 'ml evaluate --csv FILE' or 'cash evaluate --invoices FILE --statement FILE --truth FILE'.");
            return 2;
        }

        if (verb == "operator" && (line.Words.Count != 3 || line.Words[1] is not ("grant" or "revoke")))
        {
            await errors.WriteLineAsync($"arcollect: {OperatorCommand.Usage}");
            return 2;
        }

        try
        {
            await using var host = await CreateAsync(line.Switches, settings: null, verb is "seed" ? true : null, CancellationToken.None);
            switch (verb)
            {
                case null:
                    await host.App.StartAsync();
                    PrintWelcome(host, host.DemoLogins.Count > 0 ? await DemoBootstrap.PortalLinkAsync(host.App.Services, CancellationToken.None) : null);
                    await host.App.WaitForShutdownAsync();
                    return 0;
                case "operator":
                    return await OperatorCommand.RunAsync(host.App.Services, line.Words[1], line.Words[2], output, errors);
                case "migrate":
                    await output.WriteLineAsync("Database is migrated.");
                    return 0;
                default:
                    await output.WriteLineAsync("Demo tenant is seeded.");
                    return 0;
            }
        }
        catch (Exception ex) when (ex is LocalPostgresException or DatabaseUnavailableException)
        {
            await errors.WriteLineAsync($"arcollect: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Creates the app over a prepared database; tests use it to host the real app on a loopback port.</summary>
    public static async Task<ArCollectHost> CreateAsync(
        string[] args, IReadOnlyDictionary<string, string?>? settings, bool? seedDemo, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(AppHost).Assembly.GetName().Name,
            ContentRootPath = CommandLine.Parse(args).Switch("contentRoot") ?? ContentRoot(),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var database = await DatabaseBootstrap.PrepareAsync(builder.Configuration, builder.Environment.ContentRootPath, cancellationToken);
        try
        {
            var hostsOpen = AllowedHostsSetup.Apply(builder.Configuration, database.IsPrivateCluster);
            builder.AddArCollect(database.ConnectionString);
            var app = builder.Build();
            if (hostsOpen && !app.Environment.IsDevelopment())
            {
                app.Logger.LogWarning("AllowedHosts is not set: requests for any Host header are answered. Set AllowedHosts to the app's host names, e.g. AllowedHosts=ar.example.com");
            }

            if (database.RunsAsOwner)
            {
                app.Logger.LogWarning("ConnectionStrings:Migrations is not set: the app migrates and runs as the login of ConnectionStrings:Default, the schema's owner. Give the app a login without SUPERUSER or BYPASSRLS and put the owner in ConnectionStrings:Migrations (docs/operations.md, Least privilege)");
            }

            app.UseArCollect();
            var demo = builder.Configuration.GetSection(DemoOptionsSection.Section).Get<DemoOptionsSection>() ?? new DemoOptionsSection();
            var logins = await DemoBootstrap.EnsureAsync(app.Services, seedDemo ?? demo.Seed ?? database.IsPrivateCluster, demo, cancellationToken);
            return new ArCollectHost(app, database, logins);
        }
        catch
        {
            if (database.Cluster is not null)
            {
                await database.Cluster.StopAsync();
            }

            throw;
        }
    }

    private static void PrintWelcome(ArCollectHost host, (string Customer, string Path)? portal)
    {
        var addresses = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine($"ArCollect is running at {string.Join(", ", addresses)}  (Ctrl+C stops it{(host.Database.IsPrivateCluster ? " and its PostgreSQL" : "")})");
        foreach (var login in host.DemoLogins)
        {
            Console.WriteLine($"  {login.Role,-8} {login.Email,-32} password: {login.Password}");
        }

        if (portal is { } p && addresses.FirstOrDefault() is { } address)
        {
            Console.WriteLine($"  Portal   {address.TrimEnd('/')}{p.Path}  (customer {p.Customer}, a fresh link on each start)");
        }

        Console.WriteLine();
    }

    // From a checkout (run from any folder, or hosted by tests) static files live in the project folder;
    // a published app carries them beside its binaries.
    private static string ContentRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var project = Path.Combine(dir.FullName, "src", "ArCollect.Web");
                if (File.Exists(Path.Combine(project, "ArCollect.Web.csproj")))
                {
                    return project;
                }

                if (File.Exists(Path.Combine(dir.FullName, "ArCollect.Web.csproj")))
                {
                    return dir.FullName;
                }
            }
        }

        return AppContext.BaseDirectory;
    }
}

/// <summary>The running app with the database it uses; disposing stops both.</summary>
public sealed class ArCollectHost(WebApplication app, DatabaseBootstrap database, IReadOnlyList<DemoLogin> demoLogins) : IAsyncDisposable
{
    public WebApplication App { get; } = app;
    public DatabaseBootstrap Database { get; } = database;
    public IReadOnlyList<DemoLogin> DemoLogins { get; } = demoLogins;

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (Database.Cluster is not null)
        {
            await Database.Cluster.StopAsync();
        }
    }
}
