using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ArCollect.Infrastructure.Pdf;
using SkiaSharp;

namespace ArCollect.IntegrationTests.Infrastructure;

/// <summary>Small, valid PNG and JPEG files for upload and PDF tests, and crafted ones that lie about themselves.</summary>
public static class TestImages
{
    /// <summary>An 8-bit RGB PNG of one colour.</summary>
    public static byte[] Png(int width, int height, byte red = 200, byte green = 40, byte blue = 40)
    {
        var pixels = new (byte R, byte G, byte B)[width, height];
        for (var x = 0; x < width; x++)
        {
            for (var y = 0; y < height; y++)
            {
                pixels[x, y] = (red, green, blue);
            }
        }

        return PngEncoder.Encode(pixels);
    }

    /// <summary>
    /// A PNG whose header declares <paramref name="width"/> x <paramref name="height"/> at the given bit depth and
    /// colour type, with one IDAT of <paramref name="inflatedBytes"/> zero bytes compressed (all rows filter 0, black),
    /// which may be more or less than the header's size, and any extra chunks before the IDAT.
    /// </summary>
    public static byte[] CraftedPng(int width, int height, byte bitDepth, byte colorType, long inflatedBytes, params (string Type, byte[] Data)[] extraChunks)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[64 * 1024];
            for (var left = inflatedBytes; left > 0; left -= zeros.Length)
            {
                zlib.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colorType;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        foreach (var (type, data) in extraChunks)
        {
            WriteChunk(png, type, data);
        }

        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A PNG <c>tEXt</c> chunk: keyword, NUL, text.</summary>
    public static (string Type, byte[] Data) TextChunk(string keyword, string text) =>
        ("tEXt", [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(text)]);

    /// <summary>A JPEG of one colour, encoded by Skia.</summary>
    public static byte[] Jpeg(int width, int height, byte red = 30, byte green = 90, byte blue = 200)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(red, green, blue));
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>The JPEG with a comment segment and an XMP segment carrying <paramref name="secret"/> right after its start marker.</summary>
    public static byte[] WithJpegMetadata(byte[] jpeg, string secret)
    {
        static byte[] Segment(byte marker, byte[] body)
        {
            var segment = new byte[4 + body.Length];
            segment[0] = 0xFF;
            segment[1] = marker;
            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(body.Length + 2));
            body.CopyTo(segment, 4);
            return segment;
        }

        var comment = Segment(0xFE, Encoding.ASCII.GetBytes($"Comment: {secret}"));
        var xmp = Segment(0xE1, [.. Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/"), 0, .. Encoding.ASCII.GetBytes($"<x:xmpmeta><rdf:Description photoshop:City=\"{secret}\"/></x:xmpmeta>")]);
        return [.. jpeg.AsSpan(0, 2), .. comment, .. xmp, .. jpeg.AsSpan(2)];
    }

    /// <summary>The JPEG with its frame header changed to declare another size; the compressed data stays as it was.</summary>
    public static byte[] WithJpegFrameSize(byte[] jpeg, ushort width, ushort height)
    {
        var copy = jpeg.ToArray();
        for (var at = 2; at + 9 < copy.Length; at++)
        {
            if (copy[at] == 0xFF && copy[at + 1] is 0xC0 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(at + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(at + 7), width);
                return copy;
            }
        }

        throw new InvalidOperationException("The JPEG has no baseline or progressive frame header.");
    }

    /// <summary>Width, height and format of an encoded image, read by decoding it.</summary>
    public static (int Width, int Height, SKEncodedImageFormat Format) Decode(byte[] image)
    {
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data) ?? throw new InvalidOperationException("Not an image.");
        using var bitmap = SKBitmap.Decode(codec) ?? throw new InvalidOperationException("Pixels do not decode.");
        return (bitmap.Width, bitmap.Height, codec.EncodedFormat);
    }

    private static void WriteChunk(MemoryStream png, string type, byte[] data)
    {
        var body = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, body);
        data.CopyTo(body, 4);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(body);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(body));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
