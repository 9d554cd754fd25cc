using System.Text;
using ArCollect.Infrastructure.Imports;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Imports;

public sealed class CustomerCsvImporterTests : IAsyncLifetime
{
    private const string Header = "external_id,name,currency,payment_terms_days,contact_name,contact_email\n";
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<ImportReport> ImportAsync(Guid tenant, string csv, ImportMode mode = ImportMode.AllOrNothing)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<CustomerCsvImporter>().ImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(csv)), mode, null, CancellationToken.None);
    }

    private async Task<List<string>> CustomersAsync(Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        var rows = await scope.Db.Customers.AsNoTracking().OrderBy(c => c.ExternalId)
            .Select(c => new { c.ExternalId, c.Name, c.Currency, c.PaymentTermsDays, Email = c.Contacts.Select(x => x.Email).FirstOrDefault() }).ToListAsync();
        return rows.Select(c => $"{c.ExternalId}|{c.Name}|{c.Currency}|{c.PaymentTermsDays}|{c.Email}").ToList();
    }

    [Fact]
    public async Task Customers_with_contacts_are_imported_once()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Customer Importer");
        var csv = Header + "K-1,Acme AG,eur,14,Anna Ap,ap@acme.example\nK-2,\"Globex, Inc.\",USD,,,\n";

        var first = await ImportAsync(tenant, csv);
        var second = await ImportAsync(tenant, csv);

        Assert.Equal((2, 0), (first.Created, first.AlreadyImported));
        Assert.Equal((0, 2), (second.Created, second.AlreadyImported));
        Assert.Equal(["K-1|Acme AG|EUR|14|ap@acme.example", "K-2|Globex, Inc.|USD|30|"], await CustomersAsync(tenant));
    }

    [Fact]
    public async Task Bad_rows_and_duplicate_ids_are_reported_and_all_or_nothing_keeps_nothing()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Strict Customers");
        var csv = Header + "K-1,Acme AG,EUR,30,,\nK-2,,EURO,400,,not-an-email\nK-1,Acme again,EUR,30,,\n";

        var strict = await ImportAsync(tenant, csv);
        Assert.False(strict.Committed);
        Assert.Empty(await CustomersAsync(tenant));

        var lenient = await ImportAsync(tenant, csv, ImportMode.ValidRows);

        Assert.Equal(
            [(2, "name"), (2, "currency"), (2, "contact_email"), (2, "payment_terms_days"), (3, "external_id")],
            strict.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("already on row 1", strict.Errors[^1].Message, StringComparison.Ordinal);
        Assert.True(lenient.Committed);
        Assert.Equal(["K-1|Acme AG|EUR|30|"], await CustomersAsync(tenant));
    }

    [Fact]
    public async Task An_optional_language_column_sets_the_reminder_language_and_an_unknown_code_is_named_by_row_and_column()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Language Importer");
        var csv = "external_id,name,currency,language\nL-1,Deutsche Kunde GmbH,EUR,DE\nL-2,Klingon Imports,EUR,tlh\nL-3,No Preference Ltd,GBP,\n";

        var strict = await ImportAsync(tenant, csv);

        var error = Assert.Single(strict.Errors);
        Assert.Equal((2, "language"), (error.Row, error.Column));
        Assert.Equal("\"tlh\" is not a supported language: use one of en, de, fr, es, it, nl, or leave it empty for the company default.", error.Message);
        Assert.False(strict.Committed);

        var lenient = await ImportAsync(tenant, csv, ImportMode.ValidRows);

        Assert.Equal(2, lenient.Created);
        await using var scope = db.ForTenant(tenant);
        var languages = await scope.Db.Customers.AsNoTracking().OrderBy(c => c.ExternalId).Select(c => c.ExternalId + "=" + (c.Language ?? "(default)")).ToListAsync();
        Assert.Equal(["L-1=de", "L-3=(default)"], languages);
    }
}
