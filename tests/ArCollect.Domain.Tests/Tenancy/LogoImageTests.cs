using System.Text;
using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Tests.Tenancy;

public sealed class LogoImageTests
{
    /// <summary>A PNG signature and IHDR chunk for the given size; the rest of the file does not matter to the check.</summary>
    private static byte[] PngHeader(int width, int height, int totalLength = 33)
    {
        var bytes = new byte[totalLength];
        byte[] start =
        [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
            (byte)(width >> 24), (byte)(width >> 16), (byte)(width >> 8), (byte)width,
            (byte)(height >> 24), (byte)(height >> 16), (byte)(height >> 8), (byte)height, 8, 2, 0, 0, 0,
        ];
        start.CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public void A_png_is_recognised_by_its_signature_and_its_size_read_from_the_header()
    {
        var check = LogoImage.Inspect(PngHeader(300, 100));

        Assert.Null(check.Error);
        Assert.Equal(("image/png", 300, 100), (check.ContentType, check.Width, check.Height));
    }

    [Fact]
    public void A_jpeg_size_is_read_from_the_frame_header_after_other_segments()
    {
        // SOI, an APP0 segment of 16 bytes, then a progressive frame header (SOF2): precision 8, height 50, width 120.
        byte[] jpeg =
        [
            0xFF, 0xD8,
            0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            0xFF, 0xC2, 0x00, 0x11, 0x08, 0x00, 0x32, 0x00, 0x78, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
            0xFF, 0xD9,
        ];

        var check = LogoImage.Inspect(jpeg);

        Assert.Null(check.Error);
        Assert.Equal(("image/jpeg", 120, 50), (check.ContentType, check.Width, check.Height));
    }

    [Theory]
    [InlineData("GIF89a\u0001\u0000\u0001\u0000", "The file is a GIF image, not a PNG or JPEG image.")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "The file is an SVG drawing, not a PNG or JPEG image.")]
    [InlineData("%PDF-1.7", "The file is a PDF document, not a PNG or JPEG image.")]
    [InlineData("name,amount\nACME,10", "The file is not a PNG or JPEG image.")]
    public void Anything_but_png_or_jpeg_is_refused_saying_what_it_is(string content, string message)
    {
        var check = LogoImage.Inspect(Encoding.UTF8.GetBytes(content));

        Assert.False(check.IsValid);
        Assert.StartsWith(message, check.Error, StringComparison.Ordinal);
        Assert.Contains("Upload the logo as PNG or JPEG", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_named_png_that_is_not_one_is_refused_whatever_its_name()
    {
        var check = LogoImage.Inspect("MZ\u0090\u0000 executable"u8.ToArray());

        Assert.Equal("The file is not a PNG or JPEG image. Upload the logo as PNG or JPEG.", check.Error);
    }

    [Fact]
    public void A_logo_of_exactly_512_KB_is_accepted_and_one_byte_more_is_refused_with_both_sizes()
    {
        var atLimit = LogoImage.Inspect(PngHeader(10, 10, 512 * 1024));
        var over = LogoImage.Inspect(PngHeader(10, 10, (512 * 1024) + 1));

        Assert.True(atLimit.IsValid, atLimit.Error);
        Assert.StartsWith("The file is 513 KB; a logo may be at most 512 KB.", over.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_wider_than_2000_pixels_is_refused_with_its_size()
    {
        var check = LogoImage.Inspect(PngHeader(2001, 10));

        Assert.StartsWith("The image is 2001 x 10 pixels; a logo may be at most 2000 x 2000.", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_truncated_files_are_refused()
    {
        Assert.StartsWith("The file is empty.", LogoImage.Inspect([]).Error, StringComparison.Ordinal);
        Assert.StartsWith("The file starts like a PNG image but its header is damaged.", LogoImage.Inspect(PngHeader(5, 5).AsSpan(0, 12)).Error, StringComparison.Ordinal);
        Assert.StartsWith("The file starts like a JPEG image but has no readable frame header.", LogoImage.Inspect([0xFF, 0xD8, 0xFF, 0xD9]).Error, StringComparison.Ordinal);
    }
}
