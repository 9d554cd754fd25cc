using System.Diagnostics;

namespace ArCollect.Bench.Dunning;

/// <summary>Counts commands sent to PostgreSQL through Npgsql's activity source (a batch counts once).</summary>
public sealed class RoundTripCounter : IDisposable
{
    private readonly ActivityListener listener;
    private int count;

    public RoundTripCounter()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = _ => Interlocked.Increment(ref count),
        };
        ActivitySource.AddActivityListener(listener);
    }

    public int Count => Volatile.Read(ref count);

    public void Dispose() => listener.Dispose();
}
