using System.Globalization;
using ArCollect.Domain.Common;
using ArCollect.Domain.Dunning;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>The values a reminder template sees, shaped as <see cref="TemplateVocabulary"/> names them.</summary>
public sealed record ReminderModel(
    string TenantName,
    string CustomerName,
    string? Segment,
    string? ContactName,
    string? ContactEmail,
    IReadOnlyList<InvoiceReminder> Invoices,
    DateOnly Today,
    DateOnly? PreviousReminderDate,
    string PortalUrl,
    ReminderTone Tone)
{
    /// <summary>The addressee's salutation and names, for the greeting; null writes the neutral formula.</summary>
    public ContactPerson? Person { get; init; }

    /// <summary>The account to pay into; null when the tenant has not entered one (instructions are then left out).</summary>
    public PaymentAccount? Payment { get; init; }

    /// <summary>Money on the customer's account not yet applied, per currency, already taken off the amounts the reminder asks for.</summary>
    public IReadOnlyList<(string Currency, decimal Amount)> Credits { get; init; } = [];

    /// <summary>The values in the template's language: dates, amounts and due wording follow its culture.</summary>
    public Dictionary<string, object?> ToLiquid(string? language)
    {
        var f = ReminderFormatting.For(language);
        return new(StringComparer.Ordinal)
        {
            ["tenant"] = new Dictionary<string, object?> { ["name"] = TenantName },
            ["customer"] = new Dictionary<string, object?> { ["name"] = CustomerName, ["segment"] = Segment },
            ["contact"] = new Dictionary<string, object?>
            {
                ["name"] = ContactName,
                ["email"] = ContactEmail,
                ["first_name"] = Person?.FirstName,
                ["last_name"] = Person?.LastName,
            },
            ["greeting"] = ReminderGreeting.For(language, Person),
            ["payment"] = Payment is { } p
                ? new Dictionary<string, object?> { ["account_holder"] = p.AccountHolder, ["iban"] = p.IbanText, ["bic"] = p.Bic, ["bank_name"] = p.BankName }
                : null,
            ["invoices"] = Invoices.Select(i => new Dictionary<string, object?>
            {
                ["number"] = i.Invoice.Number,
                ["due_date"] = f.Date(i.Invoice.DueDate),
                ["days_overdue"] = i.DaysOverdue,
                ["due_text"] = f.DueText(i.DaysOverdue),
                ["open_amount"] = f.Amount(i.Invoice.OpenAmount),
                ["open_amount_text"] = f.Money(i.Invoice.OpenAmount, i.Invoice.Currency),
                ["currency"] = i.Invoice.Currency,
                ["payment_reference"] = CreditorReference.FromInvoiceNumber(i.Invoice.Number) is { } rf ? CreditorReference.Format(rf) : i.Invoice.Number,
            }).ToList(),
            ["totals"] = Invoices.GroupBy(i => i.Invoice.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Currency: g.Key, Amount: g.Sum(i => i.Invoice.OpenAmount)))
                .Select(t => new Dictionary<string, object?> { ["currency"] = t.Currency, ["amount"] = f.Amount(t.Amount), ["amount_text"] = f.Money(t.Amount, t.Currency) })
                .ToList(),
            ["credits"] = Credits.OrderBy(c => c.Currency, StringComparer.Ordinal)
                .Select(c => new Dictionary<string, object?> { ["currency"] = c.Currency, ["amount"] = f.Amount(c.Amount), ["amount_text"] = f.Money(c.Amount, c.Currency) })
                .ToList(),
            ["invoice_count"] = Invoices.Count,
            ["today"] = f.Date(Today),
            ["previous_reminder_date"] = PreviousReminderDate is { } d ? f.Date(d) : null,
            ["portal_url"] = PortalUrl,
            ["tone"] = ToneRule.Name(Tone),
        };
    }

    /// <summary>A customer with every value present and many open invoices, to try a template on before it is saved.</summary>
    public static ReminderModel Sample(int invoiceCount)
    {
        var today = new DateOnly(2026, 1, 15);
        var step = new ReminderStep { OffsetDays = 0, Tone = ReminderTone.Neutral };
        var invoices = Enumerable.Range(1, invoiceCount)
            .Select(i => new InvoiceReminder(new DunningInvoice(Guid.Empty, $"INV-{i:D5}", today.AddDays(-i), 1234.56m, "EUR", false), step, i))
            .ToList();
        return new ReminderModel("Sample Company", "Sample Customer Ltd", "Key accounts", "Alex Sample", "alex@customer.example",
            invoices, today, today.AddDays(-14), "https://portal.example/portal", ReminderTone.Neutral);
    }

    /// <summary>The printed value of a top-level placeholder (e.g. "contact.name"), to find data a customer lacks.</summary>
    public string? ValueOf(string path) => path switch
    {
        "customer.name" => CustomerName,
        "customer.segment" => Segment,
        "contact.name" => ContactName,
        "contact.email" => ContactEmail,
        "contact.first_name" => Person?.FirstName,
        "contact.last_name" => Person?.LastName,
        "payment.account_holder" => Payment?.AccountHolder,
        "payment.iban" => Payment?.Iban,
        "payment.bic" => Payment?.Bic,
        "payment.bank_name" => Payment?.BankName,
        "previous_reminder_date" => PreviousReminderDate?.ToString("O", CultureInfo.InvariantCulture),
        _ => "present",
    };
}

/// <summary>The tenant's bank account as reminders print it.</summary>
public sealed record PaymentAccount(string AccountHolder, string Iban, string? Bic, string? BankName)
{
    public string IbanText => Domain.Common.Iban.Format(Iban);

    /// <summary>The company's account, held by its legal name unless a holder is given; null without an IBAN.</summary>
    public static PaymentAccount? From(Domain.Tenancy.CompanyProfile? company, string tenantName) => company is { HasBankAccount: true } c
        ? new PaymentAccount(FirstFilled(c.AccountHolder, c.LegalName, tenantName), c.Iban!, c.Bic, c.BankName)
        : null;

    private static string FirstFilled(params string?[] values) => values.First(v => !string.IsNullOrWhiteSpace(v))!.Trim();
}
