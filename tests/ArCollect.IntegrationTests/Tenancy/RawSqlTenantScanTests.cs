using System.Text.RegularExpressions;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Npgsql;

namespace ArCollect.IntegrationTests.Tenancy;

/// <summary>
/// Raw SQL on a tenant table names <c>tenant_id</c> too, so a statement never depends on row-level security alone
/// (which a connection as the table owner or a BYPASSRLS role would skip). The scan reads every string literal of
/// <c>src/</c> (migrations aside) that holds a SQL statement and names a tenant table after FROM, JOIN, INTO or UPDATE.
/// </summary>
public sealed partial class RawSqlTenantScanTests
{
    /// <summary>
    /// Statements allowed without <c>tenant_id</c>, by file and first line, each with its reason. Only row locks by
    /// primary key remain: the ids were read through the tenant-filtered context a moment before, so a tenant_id there
    /// would repeat what the key already says. Like every statement they run on a connection whose tenant is set.
    /// </summary>
    private static readonly (string File, string FirstLine, string Why)[] Allowed =
    [
        // A row lock by primary key (ids just read through the tenant-filtered context), taken right before changing
        // those rows; the ids already belong to the tenant.
        ("src/ArCollect.Infrastructure/Disputes/DisputeService.cs", "SELECT * FROM invoices WHERE id = ANY({ids}) FOR UPDATE", "lock by key"),
        ("src/ArCollect.Infrastructure/Disputes/DisputeService.cs", "SELECT * FROM disputes WHERE id = {disputeId} FOR UPDATE", "lock by key"),
        ("src/ArCollect.Infrastructure/Disputes/DisputeService.cs", "SELECT * FROM dispute_teams WHERE id = {rule.TeamId!.Value} FOR UPDATE", "lock by key"),
        ("src/ArCollect.Infrastructure/Invoices/InvoiceRebilling.cs", "SELECT * FROM invoices WHERE id = {invoiceId} FOR UPDATE", "lock by key"),
        ("src/ArCollect.Infrastructure/Invoices/WriteOffApprovals.cs", "SELECT * FROM write_off_requests WHERE id = {requestId} FOR UPDATE", "lock by key"),
        ("src/ArCollect.Infrastructure/Invoices/InvoiceIssuer.cs", "SELECT * FROM invoices WHERE id = {invoiceId} FOR UPDATE", "lock by key"),
        ("src/ArCollect.Infrastructure/Invoices/InvoiceAdjustments.cs", "SELECT * FROM invoices WHERE id = {input.InvoiceId} FOR UPDATE", "lock by key"),
    ];

    [GeneratedRegex(@"\${0,3}""{3,}(?<raw>.*?)""{3,}|\$?@\$?""(?<verbatim>(?:[^""]|"""")*)""|\$?""(?<regular>(?:[^""\\\n]|\\.)*)""", RegexOptions.Singleline)]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b")]
    private static partial Regex SqlStatement();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ArCollect.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ArCollect.sln not found above the test binaries.");
    }

    private static IReadOnlyList<string> TenantTables()
    {
        using var dataSource = new NpgsqlDataSourceBuilder("Host=localhost;Database=model_only").Build();
        using var db = DatabaseMigrator.CreateOwnerContext(dataSource);
        return DatabaseSecurity.TenantTables(db.Model);
    }

    /// <summary>Each literal of a source text that is a SQL statement naming a tenant table without tenant_id: its first line and the tables.</summary>
    internal static IEnumerable<(string FirstLine, IReadOnlyList<string> Tables)> Unscoped(string source, IReadOnlyList<string> tenantTables)
    {
        foreach (Match literal in StringLiteral().Matches(source))
        {
            var text = new[] { "raw", "verbatim", "regular" }.Select(g => literal.Groups[g]).First(g => g.Success).Value;
            if (!SqlStatement().IsMatch(text) || text.Contains("tenant_id", StringComparison.Ordinal))
            {
                continue;
            }

            var named = tenantTables.Where(t => Regex.IsMatch(text, $@"\b(FROM|JOIN|INTO|UPDATE)\s+""?{Regex.Escape(t)}""?\b")).ToList();
            if (named.Count > 0)
            {
                yield return (text.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0), named);
            }
        }
    }

    [Fact]
    public void Raw_sql_on_tenant_tables_names_tenant_id_unless_allowed_with_a_reason()
    {
        var root = RepositoryRoot();
        var tables = TenantTables();
        var found = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/Migrations/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => Unscoped(File.ReadAllText(Path.Combine(root, f)), tables).Select(s => (File: f, s.FirstLine, s.Tables)))
            .ToList();

        var allowed = Allowed.Select(a => (a.File, a.FirstLine)).ToList();
        var unexplained = new List<string>();
        foreach (var statement in found)
        {
            if (!allowed.Remove((statement.File, statement.FirstLine)))
            {
                unexplained.Add($"{statement.File}: \"{statement.FirstLine}\" reads {string.Join(", ", statement.Tables)} without tenant_id");
            }
        }

        Assert.True(tables.Count >= 40, $"expected the model's tenant tables, found {tables.Count}");
        Assert.True(unexplained.Count == 0, "Raw SQL without tenant_id:\n" + string.Join("\n", unexplained));
        // A line left here after its statement was fixed or removed would excuse the next one by mistake.
        Assert.True(allowed.Count == 0, "Allowed but no longer found (remove from the list):\n" + string.Join("\n", allowed.Select(a => $"{a.File}: {a.FirstLine}")));
    }

    [Fact]
    public void The_scan_catches_a_statement_without_tenant_id_and_passes_one_with_it()
    {
        string[] tables = ["invoices", "payments"];
        const string Source = """"
            var a = db.Database.SqlQuery<int>($"SELECT count(*) FROM invoices WHERE balance > 0");
            var b = db.Database.SqlQuery<int>($"""
                SELECT count(*) FROM payments p
                WHERE p.tenant_id = {tenantId}
                """);
            var c = "SELECT 1 FROM staging";
            """";

        var found = Unscoped(Source, tables).ToList();

        var only = Assert.Single(found);
        Assert.Equal("SELECT count(*) FROM invoices WHERE balance > 0", only.FirstLine);
        Assert.Equal(["invoices"], only.Tables);
    }
}
