using System.Buffers.Binary;

namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// The single source of randomness of the demo generator. Everything, ids included, is drawn from one seeded
/// <see cref="Random"/> in a fixed order, so the same seed gives the same ledger on every machine and run.
/// </summary>
internal sealed class DemoRandom(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>A whole number in [min, max], both inclusive, which reads better for day ranges.</summary>
    public int Between(int min, int max) => random.Next(min, max + 1);

    public double Between(double min, double max) => min + (random.NextDouble() * (max - min));

    public double NextDouble() => random.NextDouble();

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public T PickWeighted<T>(IReadOnlyList<(T Item, double Weight)> weighted)
    {
        var total = 0d;
        foreach (var (_, weight) in weighted)
        {
            total += weight;
        }

        var roll = random.NextDouble() * total;
        foreach (var (item, weight) in weighted)
        {
            roll -= weight;
            if (roll < 0)
            {
                return item;
            }
        }

        return weighted[^1].Item;
    }

    /// <summary>A standard normal draw (Box-Muller); <see cref="Random"/> has none.</summary>
    public double Normal()
    {
        var u1 = 1d - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2d * Math.Log(u1)) * Math.Cos(2d * Math.PI * u2);
    }

    /// <summary>A log-normal draw: money amounts are skewed, with many small and a few very large values.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>
    /// A version-7-shaped Guid whose timestamp is the entity's own date, so ids sort by business time like those
    /// from <see cref="Guid.CreateVersion7()"/>, but with random bits from the seed instead of the system.
    /// </summary>
    public Guid NextGuid(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        Span<byte> millis = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(millis, at.ToUnixTimeMilliseconds());
        millis[2..].CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// A time-ordered id for <paramref name="at"/> derived from another row's id, drawing nothing from the stream, so
    /// adding a derived row (a write-off behind an invoice) leaves the rest of the ledger as it was.
    /// </summary>
    public static Guid Derived(Guid from, DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        from.TryWriteBytes(bytes, bigEndian: true, out _);
        Span<byte> millis = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(millis, at.ToUnixTimeMilliseconds());
        millis[2..].CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[15] ^= 0x5A;
        return new Guid(bytes, bigEndian: true);
    }
}
