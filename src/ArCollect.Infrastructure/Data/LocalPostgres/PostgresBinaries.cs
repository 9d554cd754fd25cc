namespace ArCollect.Infrastructure.Data.LocalPostgres;

/// <summary>Finds <c>initdb</c> and <c>pg_ctl</c> on PATH or under <c>/usr/lib/postgresql/*/bin</c> (newest version first).</summary>
public sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    public static PostgresBinaries? Find()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .ToList();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        foreach (var dir in candidates)
        {
            var initdb = Path.Combine(dir, "initdb");
            var pgctl = Path.Combine(dir, "pg_ctl");
            if (File.Exists(initdb) && File.Exists(pgctl))
            {
                return new PostgresBinaries(initdb, pgctl);
            }
        }

        return null;
    }
}
