using ArCollect.Infrastructure.Pdf;

namespace ArCollect.IntegrationTests.Infrastructure;

/// <summary>Small, valid PNG files for upload and PDF tests.</summary>
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
}
