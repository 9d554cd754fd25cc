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

    /// <summary>
    /// The next instalment of each active payment plan covering a listed invoice: a planned invoice is asked for its
    /// share of that instalment, by the instalment's date, instead of its whole open amount.
    /// </summary>
    public IReadOnlyList<Domain.PaymentPlans.InstalmentRequest> Instalments { get; init; } = [];

    /// <summary>Early-payment discounts still on offer (amount, last day) by invoice id.</summary>
    public IReadOnlyDictionary<Guid, (decimal Amount, DateOnly Deadline)> Discounts { get; init; } = new Dictionary<Guid, (decimal, DateOnly)>();

    /// <summary>What the reminder asks for an invoice now: its share of the plan's next instalment when on a plan, else its open amount.</summary>
    public (decimal Amount, DateOnly DueDate, Domain.PaymentPlans.InstalmentRequest? Instalment) Asked(InvoiceReminder reminder)
    {
        var invoice = reminder.Invoice;
        foreach (var instalment in Instalments)
        {
            if (instalment.PerInvoice.TryGetValue(invoice.Id, out var share))
            {
                return (Math.Min(share, invoice.OpenAmount), instalment.DueDate, instalment);
            }
        }

        return (invoice.OpenAmount, invoice.DueDate, null);
    }

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
            ["invoices"] = Invoices.Select(i =>
            {
                var asked = Asked(i);
                return new Dictionary<string, object?>
                {
                    ["number"] = i.Invoice.Number,
                    ["due_date"] = f.Date(asked.DueDate),
                    ["days_overdue"] = i.DaysOverdue,
                    ["due_text"] = f.DueText(i.DaysOverdue),
                    ["open_amount"] = f.Amount(asked.Amount),
                    ["open_amount_text"] = f.Money(asked.Amount, i.Invoice.Currency),
                    ["currency"] = i.Invoice.Currency,
                    ["payment_reference"] = CreditorReference.FromInvoiceNumber(i.Invoice.Number) is { } rf ? CreditorReference.Format(rf) : i.Invoice.Number,
                    ["discount_offer"] = asked.Instalment is null && Discounts.TryGetValue(i.Invoice.Id, out var d) && d.Amount > 0m && d.Amount < i.Invoice.OpenAmount
                        ? ReminderIncentiveWording.Offer(language, f.Money(i.Invoice.OpenAmount - d.Amount, i.Invoice.Currency), f.Date(d.Deadline), f.Money(d.Amount, i.Invoice.Currency))
                        : null,
                    ["instalment_number"] = asked.Instalment?.Number,
                };
            }).ToList(),
            ["instalments"] = Instalments.Select(r => new Dictionary<string, object?>
            {
                ["number"] = r.Number,
                ["count"] = r.Count,
                ["due_date"] = f.Date(r.DueDate),
                ["amount"] = f.Amount(r.Amount),
                ["amount_text"] = f.Money(r.Amount, r.Currency),
                ["currency"] = r.Currency,
                ["text"] = ReminderIncentiveWording.Instalment(language, r.Number, r.Count, f.Money(r.Amount, r.Currency), f.Date(r.DueDate)),
            }).ToList(),
            ["totals"] = Invoices.GroupBy(i => i.Invoice.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Currency: g.Key, Amount: g.Sum(i => Asked(i).Amount)))
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
