using Npgsql;

namespace ArCollect.Infrastructure.Data;

/// <summary>
/// Runs a write that uses a serializable (or repeatable-read) transaction again when PostgreSQL aborts it with a
/// serialization failure (SQLSTATE 40001) or picks it as a deadlock victim (40P01): the aborted attempt changed
/// nothing, so the whole unit (transaction included) is repeated from a clean change tracker, after a short random
/// pause so that the competing writers do not collide again.
/// </summary>
public static class SerializationRetry
{
    public const int MaxAttempts = 5;

    public static async Task<T> RunAsync<T>(ArCollectDbContext db, Func<CancellationToken, Task<T>> unit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unit(cancellationToken);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsSerializationFailure(ex))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * attempt), cancellationToken);
            }
        }
    }

    /// <summary>True for 40001 and 40P01, however EF Core or Npgsql wrapped them.</summary>
    public static bool IsSerializationFailure(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }

        return false;
    }
}
