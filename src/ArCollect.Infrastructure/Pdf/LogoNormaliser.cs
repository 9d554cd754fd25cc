using ArCollect.Domain.Tenancy;
using SkiaSharp;

namespace ArCollect.Infrastructure.Pdf;

/// <summary>A logo as stored: freshly encoded pixels, no metadata, within <see cref="LogoNormaliser.MaxWidth"/> x <see cref="LogoNormaliser.MaxHeight"/>.</summary>
public sealed record NormalisedLogo(byte[] Content, string ContentType, int Width, int Height);

/// <summary>
/// Turns an upload into the image that is stored and embedded in every PDF: decoded once (after
/// <see cref="LogoImage.Inspect"/> has bounded its size from the header), scaled down to what the invoice's logo box
/// can show at 300 dpi, and encoded again, so nothing of the uploaded file but its pixels survives: no metadata, no
/// trailing data, no compressed stream that inflates to more than the header says.
/// </summary>
public static class LogoNormaliser
{
    /// <summary>The PDF's logo box is 170 x 60 pt; at 300 dpi that is about 710 x 250 pixels.</summary>
    public const int MaxWidth = 720;
    public const int MaxHeight = 250;
    private const int JpegQuality = 90;

    /// <summary>The normalised logo, or the reason the pixels could not be read.</summary>
    public static (NormalisedLogo? Logo, string? Error) Normalise(byte[] content, LogoCheck check)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return (null, "The image could not be read. Export the logo again as a standard PNG or JPEG.");
        }

        // The decoder reads the same header; if it disagrees with what was checked, the file is crafted or damaged.
        if (codec.Info.Width != check.Width || codec.Info.Height != check.Height)
        {
            return (null, $"The image's header says {check.Width} x {check.Height} pixels but its data says {codec.Info.Width} x {codec.Info.Height}. Export the logo again as PNG or JPEG.");
        }

        // Decoding into exactly the checked size bounds memory at width x height x 4 bytes, whatever the data inflates to.
        var info = new SKImageInfo(check.Width, check.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            return (null, $"The image could not be read ({Describe(result)}). Export the logo again as a standard PNG or JPEG.");
        }

        var (width, height) = Fit(check.Width, check.Height);
        using var scaled = width == check.Width && height == check.Height
            ? decoded.Copy()
            : decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (scaled is null)
        {
            return (null, "The image could not be scaled. Export the logo again as a standard PNG or JPEG.");
        }

        var isJpeg = check.ContentType == LogoImage.Jpeg;
        using var pixmap = scaled.PeekPixels();
        using var encoded = isJpeg
            ? pixmap.Encode(new SKJpegEncoderOptions(JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            : pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 9));
        return encoded is null
            ? (null, "The image could not be encoded again. Export the logo again as a standard PNG or JPEG.")
            : (new NormalisedLogo(encoded.ToArray(), isJpeg ? LogoImage.Jpeg : LogoImage.Png, width, height), null);
    }

    /// <summary>The largest size within the bounds that keeps the aspect ratio; never scales up.</summary>
    public static (int Width, int Height) Fit(int width, int height)
    {
        var scale = Math.Min(1.0, Math.Min((double)MaxWidth / width, (double)MaxHeight / height));
        return scale >= 1.0
            ? (width, height)
            : (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput => "its pixel data is damaged or cut short",
        SKCodecResult.InvalidInput => "its data is not valid",
        _ => $"the decoder answered {result}",
    };
}
