using ArCollect.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ArCollect.Infrastructure.Tenancy;

/// <summary>
/// Installs row-level security for every tenant-owned table of the model and the role the application runs as.
/// Derived from the model on each migration run, so a new tenant-owned table cannot be forgotten.
/// </summary>
public static class DatabaseSecurity
{
    public const string AppRole = "arcollect_app";
    public const string PolicyName = "tenant_isolation";
    public const string TenantSetting = "app.tenant_id";

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
            $"GRANT {AppRole} TO CURRENT_USER",
            $"GRANT USAGE ON SCHEMA public TO {AppRole}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {AppRole}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {AppRole}",
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
