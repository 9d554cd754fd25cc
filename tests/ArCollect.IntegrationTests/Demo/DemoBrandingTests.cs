using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Pdf;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace ArCollect.IntegrationTests.Demo;

public sealed class DemoBrandingTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public void The_generated_logo_is_a_png_the_upload_check_accepts()
    {
        var check = LogoImage.Inspect(DemoBranding.Logo());

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(("image/png", 360, 120), (check.ContentType, check.Width, check.Height));
    }

    [Fact]
    public async Task The_demo_tenants_invoices_show_its_logo_address_and_bank_details()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Demo Trading GmbH");
        await using (var scope = db.ForTenant(tenant))
        {
            await DemoBranding.ApplyAsync(scope.Db, tenant, db.Time.GetUtcNow(), CancellationToken.None);
            await DemoBranding.ApplyAsync(scope.Db, tenant, db.Time.GetUtcNow(), CancellationToken.None); // a second run changes nothing
        }

        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Krüger Logistik GmbH");
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer.Id, 250m, new DateOnly(2026, 6, 1), terms: "Net 30");
        await using var read = db.ForTenant(tenant);
        var file = await read.Services.GetRequiredService<InvoicePdfs>().RenderAsync(invoice.Id, CancellationToken.None);
        using var pdf = PdfDocument.Open(file!.Content);

        Assert.Equal(1, await read.Db.TenantLogos.CountAsync());
        Assert.Single(pdf.GetPage(1).GetImages());
        var text = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains("Speicherstraße 12 20457 Hamburg Germany VAT ID: DE298765432 Amtsgericht Hamburg HRB 123456", text, StringComparison.Ordinal);
        Assert.Contains("IBAN: DE89 3704 0044 0532 0130 00", text, StringComparison.Ordinal);
        Assert.Contains("Krüger Logistik GmbH", text, StringComparison.Ordinal);
    }
}
