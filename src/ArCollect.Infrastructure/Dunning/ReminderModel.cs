using System.Globalization;
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
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public Dictionary<string, object?> ToLiquid() => new(StringComparer.Ordinal)
    {
        ["tenant"] = new Dictionary<string, object?> { ["name"] = TenantName },
        ["customer"] = new Dictionary<string, object?> { ["name"] = CustomerName, ["segment"] = Segment },
        ["contact"] = new Dictionary<string, object?> { ["name"] = ContactName, ["email"] = ContactEmail },
        ["invoices"] = Invoices.Select(i => new Dictionary<string, object?>
        {
            ["number"] = i.Invoice.Number,
            ["due_date"] = Date(i.Invoice.DueDate),
            ["days_overdue"] = i.DaysOverdue,
            ["due_text"] = DueText(i.DaysOverdue),
            ["open_amount"] = Amount(i.Invoice.OpenAmount),
            ["currency"] = i.Invoice.Currency,
        }).ToList(),
        ["totals"] = Invoices.GroupBy(i => i.Invoice.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Dictionary<string, object?> { ["currency"] = g.Key, ["amount"] = Amount(g.Sum(i => i.Invoice.OpenAmount)) })
            .ToList(),
        ["invoice_count"] = Invoices.Count,
        ["today"] = Date(Today),
        ["previous_reminder_date"] = PreviousReminderDate is { } d ? Date(d) : null,
        ["portal_url"] = PortalUrl,
        ["tone"] = ToneRule.Name(Tone),
    };

    /// <summary>The printed value of a top-level placeholder (e.g. "contact.name"), to find data a customer lacks.</summary>
    public string? ValueOf(string path) => path switch
    {
        "customer.name" => CustomerName,
        "customer.segment" => Segment,
        "contact.name" => ContactName,
        "contact.email" => ContactEmail,
        "previous_reminder_date" => PreviousReminderDate is { } d ? Date(d) : null,
        _ => "present",
    };

    public static string Amount(decimal amount) => amount.ToString("N2", Culture);

    private static string Date(DateOnly date) => date.ToString("d MMM yyyy", Culture);

    private static string DueText(int daysOverdue) => daysOverdue switch
    {
        < -1 => $"due in {-daysOverdue} days",
        -1 => "due tomorrow",
        0 => "due today",
        1 => "1 day overdue",
        _ => $"{daysOverdue} days overdue",
    };
}
