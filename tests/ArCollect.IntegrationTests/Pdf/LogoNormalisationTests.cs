using System.Text;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Pdf;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using UglyToad.PdfPig;

namespace ArCollect.IntegrationTests.Pdf;

/// <summary>Crafted uploads: what the header says is checked before decoding, and only re-encoded pixels are stored.</summary>
public sealed class LogoNormalisationTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Crafted Files AG");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<LogoCheck> UploadAsync(byte[] content, string fileName = "logo.png")
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<TenantLogos>().SaveAsync(content, fileName, CancellationToken.None);
    }

    private async Task<TenantLogo?> StoredAsync()
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.TenantLogos.AsNoTracking().SingleOrDefaultAsync();
    }

    [Fact]
    public async Task A_png_declaring_20000_by_20000_pixels_in_a_small_file_is_refused_from_its_header_and_the_old_logo_stays()
    {
        await UploadAsync(TestImages.Png(30, 30));
        // 20000 x 20000 RGBA would decode to 1.6 GB; the file carries a few rows of compressed zeros.
        var bomb = TestImages.CraftedPng(20000, 20000, 8, 6, 4 * 80_001);

        var result = await UploadAsync(bomb);

        Assert.True(bomb.Length < 4096, $"crafted file is {bomb.Length} bytes");
        Assert.Equal("The image is 20000 x 20000 pixels; a logo may be at most 2000 x 2000. Scale it down and upload it again.", result.Error);
        var kept = await StoredAsync();
        Assert.Equal((30, 30), (kept!.Width, kept.Height));
    }

    [Fact]
    public async Task A_jpeg_whose_frame_header_declares_30000_by_30000_pixels_is_refused_before_decoding()
    {
        var bomb = TestImages.WithJpegFrameSize(TestImages.Jpeg(16, 16), 30000, 30000);

        var result = await UploadAsync(bomb, "logo.jpg");

        Assert.Equal("The image is 30000 x 30000 pixels; a logo may be at most 2000 x 2000. Scale it down and upload it again.", result.Error);
        Assert.Null(await StoredAsync());
    }

    [Fact]
    public async Task A_16_bit_png_at_the_size_limit_that_inflates_to_32_MB_is_stored_scaled_to_the_logo_bounds()
    {
        // 2000 x 2000 RGBA at 16 bits: 2000 rows of 1 + 16000 bytes, 32 MB inflated, a few dozen KB on disk.
        var dense = TestImages.CraftedPng(2000, 2000, 16, 6, 2000L * 16_001);

        var result = await UploadAsync(dense);

        Assert.True(result.IsValid, result.Error);
        var stored = await StoredAsync();
        Assert.Equal((250, 250, LogoImage.Png), (stored!.Width, stored.Height, stored.ContentType));
        Assert.Equal((250, 250, SKEncodedImageFormat.Png), TestImages.Decode(stored.Content));
        Assert.Equal((250, 250), (result.Width, result.Height));
    }

    [Fact]
    public async Task Compressed_data_beyond_the_declared_rows_is_not_kept()
    {
        // Declares 100 x 100 RGB (30,100 bytes of rows) but its stream inflates to 20 MB.
        var overlong = TestImages.CraftedPng(100, 100, 8, 2, 20L * 1024 * 1024);

        var result = await UploadAsync(overlong);

        if (result.IsValid)
        {
            var stored = await StoredAsync();
            Assert.Equal((100, 100, SKEncodedImageFormat.Png), TestImages.Decode(stored!.Content));
            Assert.True(stored.Content.Length < 2048, $"stored {stored.Content.Length} bytes of an upload of {overlong.Length}");
        }
        else
        {
            Assert.StartsWith("The image could not be read", result.Error, StringComparison.Ordinal);
            Assert.Null(await StoredAsync());
        }
    }

    [Fact]
    public async Task Text_chunks_comments_and_xmp_are_stripped_and_the_pixels_kept()
    {
        var png = TestImages.CraftedPng(40, 20, 8, 2, 20 * 121, TestImages.TextChunk("Author", "secret-author-Jane-Roe"));
        var jpeg = TestImages.WithJpegMetadata(TestImages.Jpeg(80, 40), "secret-city-Hamburg");

        var pngResult = await UploadAsync(png);
        var storedPng = (await StoredAsync())!.Content;
        var jpegResult = await UploadAsync(jpeg, "logo.jpg");
        var storedJpeg = (await StoredAsync())!;

        Assert.True(pngResult.IsValid, pngResult.Error);
        Assert.True(jpegResult.IsValid, jpegResult.Error);
        Assert.Contains("secret-author", Encoding.Latin1.GetString(png), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", Encoding.Latin1.GetString(storedPng), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", Encoding.Latin1.GetString(storedJpeg.Content), StringComparison.Ordinal);
        Assert.Equal((40, 20, SKEncodedImageFormat.Png), TestImages.Decode(storedPng));
        Assert.Equal((80, 40, SKEncodedImageFormat.Jpeg), TestImages.Decode(storedJpeg.Content));
        Assert.Equal(LogoImage.Jpeg, storedJpeg.ContentType);
    }

    [Fact]
    public async Task A_large_logo_is_stored_at_most_720_by_250_keeping_its_aspect_and_every_pdf_embeds_the_stored_image()
    {
        var wide = TestImages.Png(1800, 600);

        var result = await UploadAsync(wide);
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Kunde");
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer.Id, 50m, new DateOnly(2026, 6, 1), terms: "Net 14");
        await using var scope = db.ForTenant(tenant);
        var pdf = (await scope.Services.GetRequiredService<InvoicePdfs>().RenderAsync(invoice.Id, CancellationToken.None))!.Content;

        Assert.True(result.IsValid, result.Error);
        var stored = await StoredAsync();
        Assert.Equal((720, 240), (stored!.Width, stored.Height));
        Assert.Equal((720, 240, SKEncodedImageFormat.Png), TestImages.Decode(stored.Content));
        using var document = PdfDocument.Open(pdf);
        var image = Assert.Single(document.GetPage(1).GetImages());
        Assert.Equal((720, 240), (image.WidthInSamples, image.HeightInSamples));
    }
}
