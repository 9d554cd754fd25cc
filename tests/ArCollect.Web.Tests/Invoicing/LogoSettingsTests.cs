using System.Net;
using ArCollect.IntegrationTests.Infrastructure;
using ArCollect.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace ArCollect.Web.Tests.Invoicing;

public sealed class LogoSettingsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Page = "/Settings/Invoicing";
    private const string Upload = "/Settings/Invoicing?handler=Logo";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task<int> ImagesOnFirstPageAsync(HttpClient api, Guid invoice)
    {
        using var response = await api.GetAsync($"/api/v1/invoices/{invoice}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return pdf.GetPage(1).GetImages().Count();
    }

    [Fact]
    public async Task Admin_uploads_a_logo_sees_it_on_the_page_and_in_the_pdf_then_removes_it()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Logo Uploader");
        using var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);
        var invoice = await ApiSeed.AddDraftAsync(api, await ApiSeed.AddCustomerAsync(api, "Pdf Reader"), 20m, Today);
        using var browser = app.NewClient();
        await browser.SignInAsync(company.AdminEmail, TenantSeed.Password);
        var png = TestImages.Png(120, 40);

        using var uploaded = await browser.UploadAsync(Upload, [], "logoFile", "firmenlogo.png", png, formPage: Page);
        var uploadedPage = await uploaded.Content.ReadAsStringAsync();
        using var image = await browser.GetAsync("/Settings/Invoicing?handler=Logo");
        var imagesWithLogo = await ImagesOnFirstPageAsync(api, invoice);
        using var removed = await browser.SubmitAsync("/Settings/Invoicing?handler=RemoveLogo", [], formPage: Page);
        var removedPage = await removed.Content.ReadAsStringAsync();

        Assert.Contains("Logo saved (120 x 40 pixels)", uploadedPage, StringComparison.Ordinal);
        Assert.Contains("id=\"current-logo\"", uploadedPage, StringComparison.Ordinal);
        Assert.Contains("firmenlogo.png, PNG, 120 x 40 pixels", uploadedPage, StringComparison.Ordinal);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal((120, 40, SkiaSharp.SKEncodedImageFormat.Png), TestImages.Decode(await image.Content.ReadAsByteArrayAsync()));
        Assert.Equal(1, imagesWithLogo);
        Assert.Contains("Logo removed.", removedPage, StringComparison.Ordinal);
        Assert.Contains("No logo yet", removedPage, StringComparison.Ordinal);
        Assert.Equal(0, await ImagesOnFirstPageAsync(api, invoice));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_or_is_too_large_is_refused_with_the_reason_and_the_logo_is_kept()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Careful Uploader");
        using var browser = app.NewClient();
        await browser.SignInAsync(company.AdminEmail, TenantSeed.Password);
        (await browser.UploadAsync(Upload, [], "logoFile", "good.png", TestImages.Png(60, 20), formPage: Page)).Dispose();

        using var text = await browser.UploadAsync(Upload, [], "logoFile", "logo.png", "<html>not a logo</html>"u8.ToArray(), formPage: Page);
        using var large = await browser.UploadAsync(Upload, [], "logoFile", "huge.png", [.. TestImages.Png(10, 10), .. new byte[600 * 1024]], formPage: Page);
        using var nothing = await browser.UploadAsync(Upload, [], "logoFile", "empty.png", [], formPage: Page);
        var after = await browser.GetPageAsync(Page);

        var textPage = await text.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Contains("The file is not a PNG or JPEG image. Upload the logo as PNG or JPEG.", textPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Logo saved", textPage, StringComparison.Ordinal);
        // 10 x 10 PNG (a few dozen bytes) + 614,400 bytes: just over 600 KB, rounded up to 601 KB.
        Assert.Contains("The file is 601 KB; a logo may be at most 512 KB.", await large.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Choose a PNG or JPEG file of your logo", await nothing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("good.png, PNG, 60 x 20 pixels", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_can_neither_upload_nor_view_nor_remove_the_logo()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Clerk Guarded");
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        // The antiforgery token is per user, so one from a page the clerk may open is valid for the post.
        using var upload = await clerk.UploadAsync(Upload, [], "logoFile", "logo.png", TestImages.Png(20, 20), formPage: "/Customers");
        using var view = await clerk.GetAsync("/Settings/Invoicing?handler=Logo");
        using var remove = await clerk.SubmitAsync("/Settings/Invoicing?handler=RemoveLogo", [], formPage: "/Customers");
        using var admin = app.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);

        Assert.All([upload, view, remove], r =>
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", r.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        });
        Assert.Contains("No logo yet", await admin.GetPageAsync(Page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_admin_never_gets_the_logo()
    {
        var owner = await TenantSeed.CreateCompanyAsync(app, "Logo Keeper");
        var other = await TenantSeed.CreateCompanyAsync(app, "Logo Seeker");
        using var ownerBrowser = app.NewClient();
        await ownerBrowser.SignInAsync(owner.AdminEmail, TenantSeed.Password);
        (await ownerBrowser.UploadAsync(Upload, [], "logoFile", "keeper.png", TestImages.Png(30, 30), formPage: Page)).Dispose();
        using var otherBrowser = app.NewClient();
        await otherBrowser.SignInAsync(other.AdminEmail, TenantSeed.Password);
        using var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, other.TenantId)).Secret);
        var invoice = await ApiSeed.AddDraftAsync(api, await ApiSeed.AddCustomerAsync(api, "Seeker Customer"), 5m, Today);

        using var image = await otherBrowser.GetAsync("/Settings/Invoicing?handler=Logo");
        var page = await otherBrowser.GetPageAsync(Page);

        Assert.Equal(HttpStatusCode.NotFound, image.StatusCode);
        Assert.Contains("No logo yet", page, StringComparison.Ordinal);
        Assert.DoesNotContain("keeper.png", page, StringComparison.Ordinal);
        Assert.Equal(0, await ImagesOnFirstPageAsync(api, invoice));
    }
}
