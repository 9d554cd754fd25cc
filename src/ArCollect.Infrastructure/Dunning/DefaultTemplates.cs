using ArCollect.Domain.Dunning;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>The shipped English templates, one per tone; a tenant's saved template for a tone replaces its default.</summary>
public static class DefaultTemplates
{
    public const string Language = "en";

    public static MessageTemplate For(ReminderTone tone) => new()
    {
        Tone = tone,
        Language = Language,
        Subject = tone switch
        {
            ReminderTone.Friendly => "A friendly reminder from {{ tenant.name }}: {{ invoice_count }} invoice(s)",
            ReminderTone.Neutral => "Payment reminder from {{ tenant.name }}: {{ invoice_count }} invoice(s) overdue",
            ReminderTone.Firm => "Overdue invoices: please pay now ({{ tenant.name }})",
            _ => "Final notice before further action ({{ tenant.name }})",
        },
        HtmlBody = Html(Opening(tone), Closing(tone)),
        TextBody = Text(Opening(tone), Closing(tone)),
    };

    private static string Opening(ReminderTone tone) => tone switch
    {
        ReminderTone.Friendly => "We hope all is well. This is a quick heads-up that the invoices below are due soon or have just fallen due.",
        ReminderTone.Neutral => "Our records show the invoices below as unpaid past their due date.",
        ReminderTone.Firm => "Despite our earlier reminders, the invoices below remain unpaid. Please arrange payment without further delay.",
        _ => "This is our final reminder. Unless we receive payment or hear from you within 7 days, we will take further steps, which may include stopping deliveries.",
    };

    private static string Closing(ReminderTone tone) => tone == ReminderTone.Friendly
        ? "If you have already paid, thank you and please disregard this message."
        : "If you have already paid or believe something is wrong, simply reply to this email and we will look into it.";

    private static string Html(string opening, string closing) => $$$"""
        <p>Dear {{ contact.name }},</p>
        <p>{{{opening}}}</p>
        <table class="invoices" style="border-collapse:collapse" cellpadding="6">
          <thead><tr><th align="left">Invoice</th><th align="left">Due date</th><th align="left">Status</th><th align="right">Open amount</th></tr></thead>
          <tbody>
          {% for invoice in invoices %}<tr><td>{{ invoice.number }}</td><td>{{ invoice.due_date }}</td><td>{{ invoice.due_text }}</td><td align="right">{{ invoice.currency }} {{ invoice.open_amount }}</td></tr>
          {% endfor %}</tbody>
          <tfoot>{% for total in totals %}<tr><th colspan="3" align="left">Total {{ total.currency }}</th><th align="right">{{ total.currency }} {{ total.amount }}</th></tr>{% endfor %}</tfoot>
        </table>
        {% if previous_reminder_date %}<p>Our previous reminder was sent on {{ previous_reminder_date }}.</p>{% endif %}
        <p>Customer portal (coming soon, not yet active): {{ portal_url }}</p>
        <p>{{{closing}}}</p>
        <p>Kind regards,<br>{{ tenant.name }} accounts receivable</p>
        """;

    private static string Text(string opening, string closing) => $$$"""
        Dear {{ contact.name }},

        {{{opening}}}

        {% for invoice in invoices %}- {{ invoice.number }}, due {{ invoice.due_date }} ({{ invoice.due_text }}): {{ invoice.currency }} {{ invoice.open_amount }}
        {% endfor %}
        {% for total in totals %}Total {{ total.currency }}: {{ total.amount }}
        {% endfor %}{% if previous_reminder_date %}
        Our previous reminder was sent on {{ previous_reminder_date }}.
        {% endif %}
        Customer portal (coming soon, not yet active): {{ portal_url }}

        {{{closing}}}

        Kind regards,
        {{ tenant.name }} accounts receivable
        """;
}
