namespace ArCollect.Infrastructure.Data.LocalPostgres;

public sealed class LocalPostgresOptions
{
    /// <summary>Folder holding the cluster's data; created and initialised on first use.</summary>
    public string DataDirectory { get; set; } = "";

    public int Port { get; set; } = 54329;

    public string Database { get; set; } = "arcollect";

    /// <summary>Trades durability for speed; only for throwaway test clusters.</summary>
    public bool Ephemeral { get; set; }
}
