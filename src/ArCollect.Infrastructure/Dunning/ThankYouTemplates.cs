using ArCollect.Domain.Dunning;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>
/// The shipped thank-you email and SMS (the <see cref="ReminderTone.ThankYou"/> templates) in en, de, fr and es. They
/// use the reminder vocabulary: <c>invoices</c> lists the invoices just settled, <c>open_amount</c> being the amount
/// paid for each, and <c>totals</c> the sum per currency.
/// </summary>
public static class ThankYouTemplates
{
    private sealed record Wording(string Subject, string Opening, string Line, string Total, string Closing, string SignOff, string Signature, string Sms);

    private static readonly IReadOnlyDictionary<string, Wording> All = new Dictionary<string, Wording>(StringComparer.Ordinal)
    {
        ["en"] = new(
            "Thank you for your payment ({{ tenant.name }})",
            "Thank you: we have received your payment and the invoices below are now settled in full.",
            "{{ invoice.number }}: {{ invoice.open_amount_text }} paid",
            "Total paid: {{ total.amount_text }}",
            "We appreciate your business. Your statement and invoices remain available at any time:",
            "Kind regards,",
            "{{ tenant.name }} accounts receivable",
            "{{ tenant.name }}: thank you, your payment for {{ invoice_count }} invoice(s) has arrived and they are settled. Reply STOP to opt out"),
        ["de"] = new(
            "Vielen Dank für Ihre Zahlung ({{ tenant.name }})",
            "Vielen Dank: Ihre Zahlung ist bei uns eingegangen, die folgenden Rechnungen sind damit vollständig beglichen.",
            "{{ invoice.number }}: {{ invoice.open_amount_text }} bezahlt",
            "Insgesamt bezahlt: {{ total.amount_text }}",
            "Wir danken Ihnen für die gute Zusammenarbeit. Ihren Kontoauszug und Ihre Rechnungen finden Sie jederzeit hier:",
            "Mit freundlichen Grüßen",
            "Ihre Buchhaltung von {{ tenant.name }}",
            "{{ tenant.name }}: vielen Dank, Ihre Zahlung für {{ invoice_count }} Rechnung(en) ist eingegangen, sie sind beglichen. Abmelden mit STOP"),
        ["fr"] = new(
            "Merci pour votre règlement ({{ tenant.name }})",
            "Merci : nous avons bien reçu votre règlement et les factures ci-dessous sont désormais intégralement soldées.",
            "{{ invoice.number }} : {{ invoice.open_amount_text }} réglé",
            "Total réglé : {{ total.amount_text }}",
            "Nous vous remercions de votre confiance. Votre relevé et vos factures restent consultables à tout moment :",
            "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
            "Le service comptabilité clients de {{ tenant.name }}",
            "{{ tenant.name }} : merci, votre règlement de {{ invoice_count }} facture(s) est bien arrivé, elles sont soldées. STOP pour ne plus recevoir"),
        ["es"] = new(
            "Gracias por su pago ({{ tenant.name }})",
            "Gracias: hemos recibido su pago y las facturas siguientes quedan totalmente saldadas.",
            "{{ invoice.number }}: {{ invoice.open_amount_text }} pagado",
            "Total pagado: {{ total.amount_text }}",
            "Le agradecemos su confianza. Su extracto y sus facturas siguen disponibles en todo momento:",
            "Atentamente,",
            "Departamento de cobros de {{ tenant.name }}",
            "{{ tenant.name }}: gracias, hemos recibido su pago de {{ invoice_count }} factura(s), quedan saldadas. STOP para darse de baja"),
    };

    public static IEnumerable<string> ShippedLanguages => All.Keys;

    /// <summary>The shipped thank-you email in a language, or null when none ships in it.</summary>
    public static MessageTemplate? Email(string language) => All.TryGetValue(language, out var w)
        ? new MessageTemplate
        {
            Tone = ReminderTone.ThankYou,
            Language = language,
            Subject = w.Subject,
            HtmlBody = $$$"""
                <p>{{ greeting }}</p>
                <p>{{{w.Opening}}}</p>
                <ul class="paid">{% for invoice in invoices %}<li>{{{w.Line}}}</li>{% endfor %}</ul>
                {% for total in totals %}<p class="total">{{{w.Total}}}</p>{% endfor %}
                {% if portal_url %}<p>{{{w.Closing}}} <a href="{{ portal_url }}">{{ portal_url }}</a></p>{% endif %}
                <p>{{{w.SignOff}}}<br>{{{w.Signature}}}</p>
                """,
            TextBody = $$$"""
                {{ greeting }}

                {{{w.Opening}}}

                {% for invoice in invoices %}- {{{w.Line}}}
                {% endfor %}{% for total in totals %}{{{w.Total}}}
                {% endfor %}{% if portal_url %}
                {{{w.Closing}}} {{ portal_url }}
                {% endif %}

                {{{w.SignOff}}}
                {{{w.Signature}}}
                """,
        }
        : null;

    /// <summary>The shipped thank-you SMS text in a language, or null when none ships in it.</summary>
    public static string? Sms(string language) => All.TryGetValue(language, out var w) ? w.Sms : null;
}
