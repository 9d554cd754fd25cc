using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Demo;

/// <summary>What the demo tenant prints on its invoices: address, tax id, bank details and a logo drawn here as a PNG.</summary>
public static class DemoBranding
{
    public const string CompanyDetails = "Speicherstraße 12, 20457 Hamburg, Deutschland\nUSt-IdNr. DE298765432 · Amtsgericht Hamburg HRB 123456";
    public const string PaymentInstructions = "Commerzbank Hamburg · IBAN DE89 3704 0044 0532 0130 00 · BIC COBADEFFXXX";
    public const int LogoWidth = 360, LogoHeight = 120;

    private static readonly (byte R, byte G, byte B) Navy = (31, 58, 95), Orange = (242, 140, 40), White = (255, 255, 255);

    /// <summary>5 x 7 pixel letters for the logo's lettering, one row per entry, leftmost pixel in the highest bit.</summary>
    private static readonly Dictionary<char, byte[]> Letters = new()
    {
        ['A'] = [0b01110, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001],
        ['D'] = [0b11110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b11110],
        ['E'] = [0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b11111],
        ['G'] = [0b01110, 0b10001, 0b10000, 0b10111, 0b10001, 0b10001, 0b01111],
        ['I'] = [0b01110, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110],
        ['M'] = [0b10001, 0b11011, 0b10101, 0b10101, 0b10001, 0b10001, 0b10001],
        ['N'] = [0b10001, 0b11001, 0b10101, 0b10011, 0b10001, 0b10001, 0b10001],
        ['O'] = [0b01110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110],
        ['R'] = [0b11110, 0b10001, 0b10001, 0b11110, 0b10100, 0b10010, 0b10001],
        ['T'] = [0b11111, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100],
    };

    /// <summary>Gives the tenant the demo company details and logo unless it already has its own.</summary>
    public static async Task ApplyAsync(ArCollectDbContext db, Guid tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await db.InvoicingSettings.AnyAsync(cancellationToken))
        {
            db.InvoicingSettings.Add(new InvoicingSettings { TenantId = tenantId, CompanyDetails = CompanyDetails, PaymentInstructions = PaymentInstructions });
        }

        if (!await db.TenantLogos.AnyAsync(cancellationToken))
        {
            db.TenantLogos.Add(new TenantLogo
            {
                TenantId = tenantId,
                Content = Logo(),
                ContentType = LogoImage.Png,
                Width = LogoWidth,
                Height = LogoHeight,
                FileName = "demo-trading-logo.png",
                UploadedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A navy tile with three rising orange bars, and "DEMO TRADING" in block letters beside it.</summary>
    public static byte[] Logo()
    {
        var pixels = new (byte R, byte G, byte B)[LogoWidth, LogoHeight];
        Fill(pixels, 0, 0, LogoWidth, LogoHeight, White);
        Fill(pixels, 10, 10, 100, 100, Navy);
        Fill(pixels, 25, 70, 18, 25, Orange);
        Fill(pixels, 51, 50, 18, 45, Orange);
        Fill(pixels, 77, 25, 18, 70, Orange);
        Write(pixels, "DEMO", 130, 18, 5);
        Write(pixels, "TRADING", 130, 66, 5);
        return EncodePng(pixels);
    }

    private static void Fill((byte, byte, byte)[,] pixels, int left, int top, int width, int height, (byte, byte, byte) colour)
    {
        for (var x = left; x < left + width; x++)
        {
            for (var y = top; y < top + height; y++)
            {
                pixels[x, y] = colour;
            }
        }
    }

    private static void Write((byte, byte, byte)[,] pixels, string text, int left, int top, int scale)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var rows = Letters[text[i]];
            for (var row = 0; row < rows.Length; row++)
            {
                for (var column = 0; column < 5; column++)
                {
                    if ((rows[row] & (1 << (4 - column))) != 0)
                    {
                        Fill(pixels, left + (i * 6 * scale) + (column * scale), top + (row * scale), scale, scale, Navy);
                    }
                }
            }
        }
    }

    /// <summary>An 8-bit RGB PNG: signature, IHDR, one zlib-compressed IDAT with filter 0 on every row, IEND.</summary>
    private static byte[] EncodePng((byte R, byte G, byte B)[,] pixels)
    {
        int width = pixels.GetLength(0), height = pixels.GetLength(1);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    (row[1 + (x * 3)], row[2 + (x * 3)], row[3 + (x * 3)]) = pixels[x, y];
                }

                zlib.Write(row);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // truecolour
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
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
