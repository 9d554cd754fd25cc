namespace ArCollect.Domain.Dunning;

/// <summary>
/// The placeholders a reminder template may use. Objects and list items name their fields; scalars have none.
/// The run's model and this list are kept together so a template checked at save renders at run time.
/// </summary>
public static class TemplateVocabulary
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Objects = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["customer"] = ["name", "segment"],
        ["contact"] = ["name", "email", "first_name", "last_name"],
        ["payment"] = ["account_holder", "iban", "bic", "bank_name"],
        ["tenant"] = ["name"],
    };

    /// <summary>Lists iterate with <c>{% for invoice in invoices %}</c>; their items have these fields.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["invoices"] = ["number", "due_date", "days_overdue", "due_text", "open_amount", "open_amount_text", "currency", "payment_reference", "discount_offer", "instalment_number"],
        ["totals"] = ["currency", "amount", "amount_text"],
        ["credits"] = ["currency", "amount", "amount_text"],
        ["instalments"] = ["number", "count", "due_date", "amount", "amount_text", "currency", "text"],
    };

    public static readonly IReadOnlyList<string> Scalars = ["greeting", "portal_url", "previous_reminder_date", "invoice_count", "today", "tone"];

    /// <summary>Every placeholder written as it appears in a template, for help text and error messages.</summary>
    public static IEnumerable<string> All =>
        Scalars
            .Concat(Objects.SelectMany(o => o.Value.Select(f => $"{o.Key}.{f}")))
            .Concat(Lists.SelectMany(l => l.Value.Select(f => $"{l.Key}[].{f}")));
}
