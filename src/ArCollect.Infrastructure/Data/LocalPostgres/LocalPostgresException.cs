namespace ArCollect.Infrastructure.Data.LocalPostgres;

/// <summary>A problem starting the private PostgreSQL cluster, with a message that says what to do.</summary>
public sealed class LocalPostgresException(string message) : Exception(message);
