using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Pdf;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace ArCollect.IntegrationTests.Pdf;

public sealed class TenantLogosTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid withLogo;
    private Guid withoutLogo;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        withLogo = await LedgerBuilder.CreateTenantAsync(db, "Logo Owner GmbH");
        withoutLogo = await LedgerBuilder.CreateTenantAsync(db, "Plain Paper Ltd");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<LogoCheck> UploadAsync(Guid tenant, byte[] content, string fileName = "logo.png")
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<TenantLogos>().SaveAsync(content, fileName, CancellationToken.None);
    }

    private async Task<byte[]> InvoicePdfAsync(Guid tenant)
    {
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Kunde Ähnlich");
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer.Id, 50m, new DateOnly(2026, 6, 1), terms: "Net 14");
        await using var scope = db.ForTenant(tenant);
        return (await scope.Services.GetRequiredService<InvoicePdfs>().RenderAsync(invoice.Id, CancellationToken.None))!.Content;
    }

    [Fact]
    public async Task A_tenants_logo_is_drawn_top_left_scaled_into_its_box_and_a_tenant_without_one_gets_no_image()
    {
        var saved = await UploadAsync(withLogo, TestImages.Png(300, 100));

        using var branded = PdfDocument.Open(await InvoicePdfAsync(withLogo));
        using var plain = PdfDocument.Open(await InvoicePdfAsync(withoutLogo));

        Assert.True(saved.IsValid, saved.Error);
        var image = Assert.Single(branded.GetPage(1).GetImages());
        // 300 x 100 px into a 170 x 60 pt box: the width limits, scale 170/300, so 170 x 56.67 pt, top left at (50, 805).
        Assert.Equal(50, image.BoundingBox.Left, 1);
        Assert.Equal(220, image.BoundingBox.Right, 1);
        Assert.Equal(805, image.BoundingBox.Top, 1);
        Assert.Equal(805 - 56.67, image.BoundingBox.Bottom, 1);
        Assert.Empty(plain.GetPage(1).GetImages());
        Assert.Contains("Logo Owner GmbH", string.Join(" ", branded.GetPage(1).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tall_logo_is_limited_by_the_box_height_keeping_its_aspect_ratio()
    {
        await UploadAsync(withLogo, TestImages.Png(40, 120));

        using var pdf = PdfDocument.Open(await InvoicePdfAsync(withLogo));

        // 40 x 120 px: the height limits, scale 60/120, so 20 x 60 pt.
        var image = Assert.Single(pdf.GetPage(1).GetImages());
        Assert.Equal(20, image.BoundingBox.Width, 1);
        Assert.Equal(60, image.BoundingBox.Height, 1);
    }

    [Fact]
    public async Task Uploading_again_replaces_the_logo_and_removing_it_leaves_invoices_without_an_image()
    {
        await UploadAsync(withLogo, TestImages.Png(10, 10));
        await UploadAsync(withLogo, TestImages.Png(64, 32, 0, 0, 255), "Neues Logo ä.png");
        await using (var scope = db.ForTenant(withLogo))
        {
            var stored = await scope.Db.TenantLogos.AsNoTracking().SingleAsync();
            Assert.Equal((64, 32, "image/png", "Neues Logo ä.png"), (stored.Width, stored.Height, stored.ContentType, stored.FileName));
            Assert.True(await scope.Services.GetRequiredService<TenantLogos>().RemoveAsync(CancellationToken.None));
        }

        using var pdf = PdfDocument.Open(await InvoicePdfAsync(withLogo));

        Assert.Empty(pdf.GetPage(1).GetImages());
    }

    [Fact]
    public async Task A_bad_file_is_refused_with_the_reason_and_the_previous_logo_is_kept()
    {
        await UploadAsync(withLogo, TestImages.Png(30, 30));
        var damaged = TestImages.Png(30, 30);
        damaged.AsSpan(41, damaged.Length - 53).Fill(0x5A); // keep signature, IHDR and IEND; spoil the compressed pixels

        var text = await UploadAsync(withLogo, "not an image"u8.ToArray(), "logo.png");
        var broken = await UploadAsync(withLogo, damaged);
        var huge = await UploadAsync(withLogo, [.. TestImages.Png(30, 30), .. new byte[LogoImage.MaxBytes]]);

        Assert.Equal("The file is not a PNG or JPEG image. Upload the logo as PNG or JPEG.", text.Error);
        Assert.StartsWith("The image could not be read", broken.Error, StringComparison.Ordinal);
        Assert.StartsWith("The file is 513 KB; a logo may be at most 512 KB.", huge.Error, StringComparison.Ordinal);
        await using var scope = db.ForTenant(withLogo);
        var kept = await scope.Db.TenantLogos.AsNoTracking().SingleAsync();
        Assert.Equal((30, 30, SkiaSharp.SKEncodedImageFormat.Png), TestImages.Decode(kept.Content));
    }

    [Fact]
    public async Task Another_tenants_logo_is_invisible_to_queries_raw_sql_and_its_invoices()
    {
        await UploadAsync(withLogo, TestImages.Png(50, 20));

        await using var other = db.ForTenant(withoutLogo);
        var throughFilter = await other.Db.TenantLogos.CountAsync();
        var withoutFilter = await other.Db.TenantLogos.IgnoreQueryFilters().CountAsync();
        var rawSql = await other.Db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM tenant_logos").SingleAsync();
        var described = await other.Services.GetRequiredService<TenantLogos>().DescribeAsync(CancellationToken.None);
        using var pdf = PdfDocument.Open(await InvoicePdfAsync(withoutLogo));

        Assert.Equal((0, 0, 0), (throughFilter, withoutFilter, rawSql));
        Assert.Null(described);
        Assert.Empty(pdf.GetPage(1).GetImages());
        await using var owner = db.ForTenant(withLogo);
        Assert.Equal(1, await owner.Db.TenantLogos.IgnoreQueryFilters().CountAsync());
    }
}
