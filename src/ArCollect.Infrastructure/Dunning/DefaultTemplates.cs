using ArCollect.Domain.Common;
using ArCollect.Domain.Dunning;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>
/// The shipped templates, one per tone in each language of <see cref="DefaultTemplateWordings"/>; a tenant's saved
/// template for a tone and language replaces its default.
/// </summary>
public static class DefaultTemplates
{
    /// <summary>Languages with shipped templates for every tone.</summary>
    public static IEnumerable<string> ShippedLanguages => DefaultTemplateWordings.All.Keys;

    public static bool IsShipped(string language) => DefaultTemplateWordings.All.ContainsKey(language);

    /// <summary>The shipped English template of a tone.</summary>
    public static MessageTemplate For(ReminderTone tone) => For(tone, Languages.English)!;

    /// <summary>The shipped template of a tone in a language, or null when none ships in that language.</summary>
    public static MessageTemplate? For(ReminderTone tone, string language)
    {
        if (tone == ReminderTone.ThankYou)
        {
            return ThankYouTemplates.Email(language);
        }

        if (!DefaultTemplateWordings.All.TryGetValue(language, out var w))
        {
            return null;
        }

        var tw = w.Tones[tone];
        return new MessageTemplate
        {
            Tone = tone,
            Language = language,
            Subject = tw.Subject,
            HtmlBody = Html(w, tw, Portal.PortalText.For(language)["PortalLine"], ReminderCreditWording.For(language)),
            TextBody = Text(w, tw, Portal.PortalText.For(language)["PortalLine"], ReminderCreditWording.For(language)),
        };
    }

    private static string Html(TemplateWording w, ToneWording tw, string portalLine, string creditLine) => $$$"""
        <p>{{ greeting }}</p>
        <p>{{{tw.Opening}}}</p>
        <table class="invoices" style="border-collapse:collapse" cellpadding="6">
          <thead><tr><th align="left">{{{w.InvoiceHeader}}}</th><th align="left">{{{w.DueDateHeader}}}</th><th align="left">{{{w.StatusHeader}}}</th><th align="left">{{{w.ReferenceHeader}}}</th><th align="right">{{{w.AmountHeader}}}</th></tr></thead>
          <tbody>
          {% for invoice in invoices %}<tr><td>{{ invoice.number }}</td><td>{{ invoice.due_date }}</td><td>{{ invoice.due_text }}</td><td>{{ invoice.payment_reference }}</td><td align="right">{{{w.InvoiceAmount}}}</td></tr>
          {% endfor %}</tbody>
          <tfoot>{% for total in totals %}<tr><th colspan="4" align="left">{{{w.TotalLabel}}}</th><th align="right">{{{w.TotalAmountHtml}}}</th></tr>{% endfor %}</tfoot>
        </table>
        {% for credit in credits %}<p class="credit">{{{creditLine}}}</p>{% endfor %}
        {% for instalment in instalments %}<p class="instalment">{{ instalment.text }}</p>{% endfor %}
        {% for invoice in invoices %}{% if invoice.discount_offer %}<p class="discount">{{ invoice.number }}: {{ invoice.discount_offer }}</p>{% endif %}{% endfor %}
        {% if previous_reminder_date %}<p>{{{w.PreviousReminder}}}</p>{% endif %}
        {% if payment.iban and payment.account_holder %}<p>{{{w.PaymentInstructions}}}</p>{% endif %}
        {% if portal_url %}<p>{{{portalLine}}} <a href="{{ portal_url }}">{{ portal_url }}</a></p>{% endif %}
        <p>{{{tw.Closing}}}</p>
        <p>{{{tw.SignOff}}}<br>{{{w.Signature}}}</p>
        """;

    private static string Text(TemplateWording w, ToneWording tw, string portalLine, string creditLine) => $$$"""
        {{ greeting }}

        {{{tw.Opening}}}

        {% for invoice in invoices %}{{{w.TextLine}}}
        {% endfor %}
        {% for total in totals %}{{{w.TotalLabel}}}: {{{w.TotalAmountText}}}
        {% endfor %}{% for credit in credits %}
        {{{creditLine}}}
        {% endfor %}{% for instalment in instalments %}
        {{ instalment.text }}
        {% endfor %}{% for invoice in invoices %}{% if invoice.discount_offer %}
        {{ invoice.number }}: {{ invoice.discount_offer }}
        {% endif %}{% endfor %}{% if previous_reminder_date %}
        {{{w.PreviousReminder}}}
        {% endif %}{% if payment.iban and payment.account_holder %}
        {{{w.PaymentInstructions}}}
        {% endif %}{% if portal_url %}
        {{{portalLine}}} {{ portal_url }}
        {% endif %}

        {{{tw.Closing}}}

        {{{tw.SignOff}}}
        {{{w.Signature}}}
        """;
}
