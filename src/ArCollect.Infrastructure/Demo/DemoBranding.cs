using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Pdf;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Demo;

/// <summary>What the demo tenant prints on its invoices: seller address, VAT id and bank account (see <see cref="DemoAddresses"/>), register details and a logo drawn here as a PNG.</summary>
public static class DemoBranding
{
    public const string CompanyDetails = "Amtsgericht Hamburg HRB 123456";
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
            db.InvoicingSettings.Add(new InvoicingSettings { TenantId = tenantId, CompanyDetails = CompanyDetails });
        }

        if (!await db.CompanyProfiles.AnyAsync(cancellationToken))
        {
            var name = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).FirstAsync(cancellationToken);
            db.CompanyProfiles.Add(DemoAddresses.Seller(tenantId, name));
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
        return PngEncoder.Encode(pixels);
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
}
