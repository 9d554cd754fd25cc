using System.ComponentModel.DataAnnotations;

namespace ArCollect.Web.Hosting;

/// <summary>Which parts of the app this process runs: web pages and API, background jobs, or both.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    [RegularExpression("^(all|web|worker)$", ErrorMessage = "App:Role must be all, web or worker.")]
    public string Role { get; set; } = "all";

    public bool RunsWeb => Role is "all" or "web";

    public bool RunsJobs => Role is "all" or "worker";
}

public sealed class DemoOptionsSection
{
    public const string Section = "Demo";

    /// <summary>Seed the demo tenant when the database has none. Defaults to on only for the private local cluster.</summary>
    public bool? Seed { get; set; }

    public int Customers { get; set; } = 500;

    public int Invoices { get; set; } = 25_000;

    /// <summary>Months of history the demo ledger spans, ending today; a shorter history leaves a larger share open.</summary>
    public int Months { get; set; } = 24;
}
