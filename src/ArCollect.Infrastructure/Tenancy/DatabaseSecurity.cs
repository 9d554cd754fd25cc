using ArCollect.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ArCollect.Infrastructure.Tenancy;

/// <summary>
/// Installs row-level security for every tenant-owned table of the model and the role the application runs as.
/// Derived from the model on each migration run, so a new tenant-owned table cannot be forgotten. Runs as the owner;
/// the app login only needs to be a member of <see cref="AppRole"/>, which holds every grant the app uses.
/// </summary>
public static class DatabaseSecurity
{
    public const string AppRole = "arcollect_app";
    public const string PolicyName = "tenant_isolation";
    public const string TenantSetting = "app.tenant_id";

    /// <summary>The schema of Hangfire's tables, installed by the owner and used by the app login.</summary>
    public const string HangfireSchema = "hangfire";

    public static IReadOnlyList<string> TenantTables(IModel model) =>
        model.GetEntityTypes()
            .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.GetTableName() is not null && !t.IsOwned())
            .Select(t => t.GetTableName()!)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    public static async Task ApplyAsync(DbContext db, CancellationToken cancellationToken)
    {
        // The setting is read in a scalar subquery, so PostgreSQL evaluates it once per statement (an InitPlan) instead
        // of parsing the text into a uuid for every row a scan, an insert or a trigger touches.
        var tenantCheck = $"tenant_id = (SELECT NULLIF(current_setting('{TenantSetting}', true), '')::uuid)";
        var sql = new List<string>
        {
            $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{AppRole}') THEN
                CREATE ROLE {AppRole} NOLOGIN;
              END IF;
            EXCEPTION WHEN duplicate_object THEN NULL;
            END $$;
            """,
            // When the app still logs in as the owner (no separate migrations login), it drops to the app role on each
            // connection, so the owner must be a member. Granting needs CREATEROLE, so only when it is missing.
            $"""
            DO $$ BEGIN
              IF NOT pg_has_role(current_user, '{AppRole}', 'MEMBER') THEN
                GRANT {AppRole} TO CURRENT_USER;
              END IF;
            END $$;
            """,
            $"GRANT USAGE ON SCHEMA public TO {AppRole}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {AppRole}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {AppRole}",

            // Hangfire's own tables: the app login reads and writes them (no DDL: the owner installs and upgrades the
            // schema). Default privileges cover tables a later Hangfire version adds when the owner upgrades it.
            $"GRANT USAGE ON SCHEMA {HangfireSchema} TO {AppRole}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {HangfireSchema} TO {AppRole}",
            $"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {HangfireSchema} TO {AppRole}",
            $"ALTER DEFAULT PRIVILEGES IN SCHEMA {HangfireSchema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {AppRole}",
            $"ALTER DEFAULT PRIVILEGES IN SCHEMA {HangfireSchema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {AppRole}",
        };

        foreach (var table in TenantTables(db.Model))
        {
            sql.Add($"ALTER TABLE \"{table}\" ENABLE ROW LEVEL SECURITY");
            sql.Add($"ALTER TABLE \"{table}\" FORCE ROW LEVEL SECURITY");
            sql.Add($"DROP POLICY IF EXISTS {PolicyName} ON \"{table}\"");
            sql.Add($"CREATE POLICY {PolicyName} ON \"{table}\" USING ({tenantCheck}) WITH CHECK ({tenantCheck})");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var statement in sql)
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
