using System.Buffers.Binary;
using System.Text;

namespace ArCollect.Domain.Tenancy;

/// <summary>What an uploaded logo turned out to be: its type and pixel size, or why it cannot be used.</summary>
public sealed record LogoCheck(string? ContentType, int Width, int Height, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Recognises a logo upload by its first bytes (PNG or JPEG, whatever the file name says) and reads its size from
/// the PNG header or the JPEG frame header, without decoding the pixels.
/// </summary>
public static class LogoImage
{
    public const int MaxBytes = 512 * 1024;
    public const int MaxPixels = 2000;
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static LogoCheck Inspect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return Fail("The file is empty. Choose a PNG or JPEG image of your logo.");
        }

        if (SizeProblem(bytes.Length) is { } tooLarge)
        {
            return Fail(tooLarge);
        }

        var check = bytes.StartsWith(PngSignature) ? ReadPng(bytes)
            : bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? ReadJpeg(bytes)
            : Describe(bytes) is { } kind ? Fail($"The file is {kind}, not a PNG or JPEG image. Upload the logo as PNG or JPEG.")
            : Fail("The file is not a PNG or JPEG image. Upload the logo as PNG or JPEG.");
        if (check.Error is null && (check.Width > MaxPixels || check.Height > MaxPixels))
        {
            return Fail($"The image is {check.Width} x {check.Height} pixels; a logo may be at most {MaxPixels} x {MaxPixels}. Scale it down and upload it again.");
        }

        return check;
    }

    /// <summary>Why a file of this many bytes is refused, before reading it; null when its size is fine.</summary>
    public static string? SizeProblem(long length) =>
        length > MaxBytes
            ? $"The file is {Math.Ceiling(length / 1024.0):0} KB; a logo may be at most {MaxBytes / 1024} KB. Save it smaller, e.g. 600 x 200 pixels."
            : null;

    private static LogoCheck ReadPng(ReadOnlySpan<byte> bytes)
    {
        // The signature is followed by the IHDR chunk: length (4), type (4), width (4), height (4), ...
        if (bytes.Length < 24 || !bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return Fail("The file starts like a PNG image but its header is damaged. Export the logo again as PNG or JPEG.");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(20, 4));
        return width > 0 && height > 0
            ? new LogoCheck(Png, width, height, null)
            : Fail("The PNG image says it has no pixels. Export the logo again as PNG or JPEG.");
    }

    private static LogoCheck ReadJpeg(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 4 <= bytes.Length)
        {
            if (bytes[at] != 0xFF)
            {
                break;
            }

            var marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte before a marker
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2; // markers without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(at + 2, 2));
            var isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame && at + 9 <= bytes.Length)
            {
                var height = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(at + 5, 2));
                var width = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(at + 7, 2));
                return width > 0 && height > 0
                    ? new LogoCheck(Jpeg, width, height, null)
                    : Fail("The JPEG image does not state its size. Export the logo again as PNG or JPEG.");
            }

            if (marker is 0xD9 or 0xDA || length < 2)
            {
                break; // end of image or start of the compressed data before any frame header
            }

            at += 2 + length;
        }

        return Fail("The file starts like a JPEG image but has no readable frame header. Export the logo again as PNG or JPEG.");
    }

    private static string? Describe(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("GIF8"u8))
        {
            return "a GIF image";
        }

        if (bytes.StartsWith("%PDF"u8))
        {
            return "a PDF document";
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return "a WebP image";
        }

        if (bytes.StartsWith("BM"u8))
        {
            return "a BMP image";
        }

        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 256)]).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (head.StartsWith("<svg", StringComparison.OrdinalIgnoreCase) || (head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && head.Contains("<svg", StringComparison.OrdinalIgnoreCase)))
        {
            return "an SVG drawing";
        }

        return null;
    }

    private static LogoCheck Fail(string error) => new(null, 0, 0, error);
}
