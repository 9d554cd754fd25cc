using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace ArCollect.Infrastructure.Data.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster run from the machine's binaries: initialised in a data folder on first use,
/// reused afterwards, listening on loopback only, stopped by <see cref="StopAsync"/>. When running as root
/// the server runs as the <c>postgres</c> system user, as PostgreSQL refuses to run as root. It has two logins: the
/// cluster's owner (<see cref="ConnectionString"/>, for migrations) and the app login (<see cref="AppConnectionString"/>:
/// no SUPERUSER, no BYPASSRLS, member of the application role), each with a generated password kept in the data folder.
/// </summary>
public sealed class LocalPostgresCluster(LocalPostgresOptions options) : IAsyncDisposable
{
    private const string SuperUser = "arcollect";

    /// <summary>The login the app runs as; created on every start if missing, so a cluster from before it is upgraded in place.</summary>
    public const string AppLogin = "arcollect_web";

    /// <summary>The role holding the app's grants; migrations create it too (same name as DatabaseSecurity.AppRole).</summary>
    private const string AppRole = "arcollect_app";
    private readonly string home = Path.GetFullPath(options.DataDirectory);
    private bool started;

    // The folder holds PGDATA, the server log and the generated password, all owned by the server's user.
    private string DataDir => Path.Combine(home, "pgdata");
    private string PasswordFile => Path.Combine(home, "password");
    private string AppPasswordFile => Path.Combine(home, "app-password");
    private string LogFile => Path.Combine(home, "postgres.log");

    /// <summary>The owner's connection: migrations, row-level security, Hangfire's schema; never the running app.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The app login's connection to the same database.</summary>
    public string AppConnectionString { get; private set; } = "";

    public string DataDirectory => home;

    public int Port => options.Port;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var binaries = PostgresBinaries.Find() ?? throw new LocalPostgresException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
            "Install them (Debian: apt-get install postgresql) or set ConnectionStrings__Default to an existing database.");
        var runAs = RunAsUser();

        if (!File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            await InitialiseAsync(binaries, runAs, cancellationToken);
        }

        if (await IsRunningAsync(binaries, runAs, cancellationToken))
        {
            // A cluster left running by a run that was killed: stop it so this run owns it.
            await RunAsync(binaries.PgCtl, ["stop", "-D", DataDir, "-m", "fast", "-w"], runAs, cancellationToken);
        }

        EnsurePortIsFree(options.Port);
        var start = await RunAsync(binaries.PgCtl,
            ["start", "-D", DataDir, "-w", "-t", "60", "-l", LogFile, "-o", $"-p {options.Port}"],
            runAs, cancellationToken, throwOnError: false);
        if (start.ExitCode != 0)
        {
            throw new LocalPostgresException(
                $"PostgreSQL did not start (pg_ctl exit {start.ExitCode}). See {LogFile}. {start.Output.Trim()}");
        }

        started = true;
        var password = (await File.ReadAllTextAsync(PasswordFile, cancellationToken)).Trim();
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = options.Port,
            Username = SuperUser,
            Password = password,
            Database = "postgres",
        };
        await EnsureDatabaseAsync(builder.ConnectionString, options.Database, cancellationToken);
        builder.Database = options.Database;
        ConnectionString = builder.ConnectionString;
        var appPassword = await AppPasswordAsync(cancellationToken);
        await EnsureAppLoginAsync(ConnectionString, appPassword, cancellationToken);
        AppConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = AppLogin, Password = appPassword }.ConnectionString;
    }

    /// <summary>A connection string to another database of the same cluster.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    public async Task StopAsync()
    {
        if (!started)
        {
            return;
        }

        started = false;
        var binaries = PostgresBinaries.Find();
        if (binaries is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await RunAsync(binaries.PgCtl, ["stop", "-D", DataDir, "-m", "fast", "-w"], RunAsUser(), CancellationToken.None, throwOnError: false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task InitialiseAsync(PostgresBinaries binaries, string? runAs, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDir);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await File.WriteAllTextAsync(PasswordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        if (runAs is not null)
        {
            await RunAsync("chown", ["-R", runAs, home], null, cancellationToken);
            await RunAsync("chmod", ["700", home], null, cancellationToken);
            var check = await RunAsync("runuser", ["-u", runAs, "--", "test", "-w", DataDir], null, cancellationToken, throwOnError: false);
            if (check.ExitCode != 0)
            {
                throw new LocalPostgresException(
                    $"The '{runAs}' user cannot reach {DataDir}; a parent folder is private to root. " +
                    "Set LocalPostgres__DataDirectory to a folder under /var/lib or /tmp, or run as a normal user.");
            }
        }

        var init = await RunAsync(binaries.InitDb,
            ["-D", DataDir, "-U", SuperUser, "--pwfile", PasswordFile, "--auth", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-instructions"],
            runAs, cancellationToken, throwOnError: false);
        if (init.ExitCode != 0)
        {
            throw new LocalPostgresException($"initdb failed for {DataDir}: {init.Output.Trim()}");
        }

        var settings = new List<string>
        {
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "max_connections = 200",
            "shared_buffers = '256MB'",
            "work_mem = '32MB'",
            "maintenance_work_mem = '256MB'",
        };
        if (options.Ephemeral)
        {
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }

        await File.AppendAllLinesAsync(Path.Combine(DataDir, "postgresql.conf"), settings, cancellationToken);
    }

    private async Task<bool> IsRunningAsync(PostgresBinaries binaries, string? runAs, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            return false;
        }

        var status = await RunAsync(binaries.PgCtl, ["status", "-D", DataDir], runAs, cancellationToken, throwOnError: false);
        return status.ExitCode == 0;
    }

    private static void EnsurePortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException)
        {
            throw new LocalPostgresException(
                $"Port {port} on 127.0.0.1 is already in use by another program. " +
                "Stop it, or choose another port with LocalPostgres__Port=NNNNN.");
        }
    }

    private async Task<string> AppPasswordAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(AppPasswordFile))
        {
            return (await File.ReadAllTextAsync(AppPasswordFile, cancellationToken)).Trim();
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await File.WriteAllTextAsync(AppPasswordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(AppPasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return password;
    }

    /// <summary>
    /// Creates (or re-keys) the app login and makes it a member of the application role. The password is set on each
    /// start, so the file in the data folder is always the one that works.
    /// </summary>
    private static async Task EnsureAppLoginAsync(string ownerConnectionString, string password, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{AppRole}') THEN
                CREATE ROLE {AppRole} NOLOGIN;
              END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{AppLogin}') THEN
                CREATE ROLE {AppLogin} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT;
              END IF;
            END $$;
            ALTER ROLE {AppLogin} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT PASSWORD '{password}';
            GRANT {AppRole} TO {AppLogin};
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task EnsureDatabaseAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The default data folder when the server can use it, else one it can: run as root, the server runs as
    /// <c>postgres</c>, which cannot pass a private parent such as <c>/root</c>, so the cluster then lives in
    /// <c>/var/lib/arcollect/&lt;hash of the preferred path&gt;</c>, the same folder on every run from that checkout.
    /// </summary>
    public static async Task<string> UsableDataDirectoryAsync(string preferred, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(preferred);
        if (RunAsUser() is not { } runAs)
        {
            return full;
        }

        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var check = await RunAsync("runuser", ["-u", runAs, "--", "test", "-x", parent], null, cancellationToken, throwOnError: false);
        if (check.ExitCode == 0)
        {
            return full;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12].ToLowerInvariant();
        return Path.Combine(FallbackRoot, hash, "postgres");
    }

    /// <summary>Where clusters go when the default folder is out of the server user's reach.</summary>
    public const string FallbackRoot = "/var/lib/arcollect";

    /// <summary>The system user to run the server as: none for a normal user, <c>postgres</c> for root.</summary>
    private static string? RunAsUser()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName != "root")
        {
            return null;
        }

        if (!File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            throw new LocalPostgresException(
                "Running as root, but there is no 'postgres' system user to run PostgreSQL as (it refuses to run as root). " +
                "Create one (useradd -r postgres), run as a normal user, or set ConnectionStrings__Default.");
        }

        return "postgres";
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string file, IReadOnlyList<string> args, string? runAs, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = runAs is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (var a in new[] { "-u", runAs, "--", file })
            {
                startInfo.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            startInfo.ArgumentList.Add(a);
        }

        using var process = Process.Start(startInfo) ?? throw new LocalPostgresException($"Could not start {file}.");
        // pg_ctl start leaves the server holding inherited pipes open; read what is there without waiting for EOF.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await Completed(stdout) + await Completed(stderr);
        if (throwOnError && process.ExitCode != 0)
        {
            throw new LocalPostgresException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {output.Trim()}");
        }

        return (process.ExitCode, output);
    }

    private static async Task<string> Completed(Task<string> read)
    {
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(2)));
        return finished == read ? await read : string.Empty;
    }
}
