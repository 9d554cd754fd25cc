using System.Net;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Payments;

public sealed class RecordPaymentTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_clerk_records_a_payment_that_settles_the_oldest_invoice_and_part_of_the_next()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Payment Flow Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Flow Customer");
        var f2 = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "F-2", 600m, today.AddDays(-20), today.AddDays(10));
        var f1 = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "F-1", 1000m, today.AddDays(-50), today.AddDays(-20));
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var customerPath = $"/Customers/Details/{customer}";

        var before = await clerk.GetPageAsync(customerPath);
        Assert.Equal($"EUR {1600m:N2}", OpenBalance(before));
        Assert.Equal(["F-1", "F-2"], Html.Rows(before, "open-invoices").Select(r => r[0]));
        Assert.Contains($"href=\"/Payments/Record?customerId={customer}\"", before, StringComparison.Ordinal);
        var form = await clerk.GetPageAsync($"/Payments/Record?customerId={customer}");
        Assert.Equal(["F-1", "F-2"], Html.Rows(form, "open-invoices").Select(r => r[0].Split(' ')[0]));
        Assert.Contains($"value=\"{today:yyyy-MM-dd}\"", form, StringComparison.Ordinal);

        using var recorded = await clerk.SubmitAsync("/Payments/Record", PaymentFields(customer, "1300", "BANK-REF-1", today, (f1, ""), (f2, "")), formPage: $"/Payments/Record?customerId={customer}");

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal(customerPath, recorded.Headers.Location!.OriginalString);
        var after = await clerk.GetPageAsync(customerPath);
        Assert.Contains(
            $"Payment of EUR {1300m:N2} recorded. Applied EUR {1000m:N2} to F-1 (now paid) and EUR {300m:N2} to F-2 (EUR {300m:N2} still open).",
            Html.Text(after), StringComparison.Ordinal);
        Assert.Equal($"EUR {300m:N2}", OpenBalance(after));
        Assert.Null(Html.Row(after, "open-invoices", "invoice", "F-1"));
        var second = Html.Row(after, "open-invoices", "invoice", "F-2")!;
        Assert.Equal([$"EUR {300m:N2}", "Partially paid"], second[4..6]);
        Assert.Equal(["F-1", today.AddDays(-50).ToString("yyyy-MM-dd"), today.AddDays(-20).ToString("yyyy-MM-dd"), $"EUR {1000m:N2}", today.ToString("yyyy-MM-dd"), "20"],
            Html.Row(after, "paid-invoices", "invoice", "F-1")!);
        var timeline = Html.Element(after, "id=\"timeline\"");
        Assert.Contains($"Payment · Cleo Clerk Payment of EUR {1300m:N2} received {today:yyyy-MM-dd} (ref BANK-REF-1): applied to 2 invoice(s)", timeline, StringComparison.Ordinal);

        using var again = await clerk.SubmitAsync("/Payments/Record", PaymentFields(customer, "300", "BANK-REF-1", today, (f2, "")), formPage: $"/Payments/Record?customerId={customer}");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("A payment with reference BANK-REF-1 is already recorded; it was not recorded twice.",
            Html.FieldError(await again.Content.ReadAsStringAsync(), "Input.Reference"));
        var unchanged = await clerk.GetPageAsync(customerPath);
        Assert.Equal($"EUR {300m:N2}", OpenBalance(unchanged));
        Assert.Equal([$"EUR {300m:N2}", "Partially paid"], Html.Row(unchanged, "open-invoices", "invoice", "F-2")![4..6]);
        Assert.Single(Html.Text(Html.Element(unchanged, "id=\"timeline\"")).Split("Payment of", StringSplitOptions.None).Skip(1));
        Assert.Equal(1, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Payments.CountAsync()));
    }

    [Fact]
    public async Task Amounts_typed_per_invoice_are_applied_as_typed_and_the_rest_stays_unapplied()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Chosen Allocation Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Choosy Customer");
        var older = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "C-1", 400m, today.AddDays(-40), today.AddDays(-10));
        var newer = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "C-2", 250m, today.AddDays(-5), today.AddDays(25));
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var formPage = $"/Payments/Record?customerId={customer}";

        using var response = await clerk.SubmitAsync("/Payments/Record",
            PaymentFields(customer, "300", "CHQ-77", today, (older, ""), (newer, "250")), formPage);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await clerk.GetPageAsync($"/Customers/Details/{customer}");
        Assert.Contains($"Applied EUR {250m:N2} to C-2 (now paid). EUR {50m:N2} is unapplied on the account.", Html.Text(page), StringComparison.Ordinal);
        Assert.Equal(["C-1"], Html.Rows(page, "open-invoices").Select(r => r[0]));
        Assert.Equal($"EUR {400m:N2}", OpenBalance(page));
    }

    [Fact]
    public async Task Wrong_amounts_dates_and_allocations_are_shown_beside_the_fields_and_record_nothing()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Payment Errors Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Careless Customer");
        var invoice = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "E-1", 100m, today.AddDays(-40), today.AddDays(-10));
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var formPage = $"/Payments/Record?customerId={customer}";

        using var invalid = await clerk.SubmitAsync("/Payments/Record",
            [new("Input.CustomerId", customer.ToString()), new("Input.Amount", "0"), new("Input.Currency", "EURO"), new("Input.ReceivedOn", today.AddDays(5).ToString("yyyy-MM-dd"))],
            formPage);
        using var overApplied = await clerk.SubmitAsync("/Payments/Record", PaymentFields(customer, "500", "OVER-1", today, (invoice, "150")), formPage);

        var invalidPage = await invalid.Content.ReadAsStringAsync();
        Assert.Equal("The amount received must be more than zero.", Html.FieldError(invalidPage, "Input.Amount"));
        Assert.Contains("ISO 4217", Html.FieldError(invalidPage, "Input.Currency"), StringComparison.Ordinal);
        Assert.Equal("The date received cannot be in the future.", Html.FieldError(invalidPage, "Input.ReceivedOn"));
        var overPage = await overApplied.Content.ReadAsStringAsync();
        Assert.Equal($"Invoice E-1: {150m:N2} is more than its open amount of {100m:N2}.", Html.FieldError(overPage, "Input.Allocations"));
        Assert.Contains("value=\"150", overPage, StringComparison.Ordinal);
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Payments.CountAsync()));
        Assert.Equal($"EUR {100m:N2}", OpenBalance(await clerk.GetPageAsync($"/Customers/Details/{customer}")));
    }

    [Fact]
    public async Task Without_a_customer_the_page_asks_who_paid()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Picker Co");
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Picked Customer");
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var page = await clerk.GetPageAsync("/Payments/Record");

        Assert.Contains("Who paid?", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{customer}\">Picked Customer (EUR)</option>", page, StringComparison.Ordinal);
    }

    private static string OpenBalance(string page) => Html.Element(page, "data-total=\"open\" data-currency=\"EUR\"");

    private static List<KeyValuePair<string, string>> PaymentFields(
        Guid customer, string amount, string reference, DateOnly receivedOn, params (Guid Invoice, string Amount)[] apply)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.CustomerId", customer.ToString()), new("Input.Amount", amount), new("Input.Currency", "EUR"),
            new("Input.ReceivedOn", receivedOn.ToString("yyyy-MM-dd")), new("Input.Reference", reference), new("Input.Method", "BankTransfer"),
        };
        for (var n = 0; n < apply.Length; n++)
        {
            fields.Add(new($"Apply[{n}].InvoiceId", apply[n].Invoice.ToString()));
            fields.Add(new($"Apply[{n}].Amount", apply[n].Amount));
        }

        return fields;
    }
}
