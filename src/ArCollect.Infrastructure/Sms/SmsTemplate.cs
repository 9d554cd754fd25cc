using ArCollect.Domain.Dunning;
using ArCollect.Domain.Tenancy;

namespace ArCollect.Infrastructure.Sms;

/// <summary>A tenant's SMS text for one tone and language (Liquid, same placeholders as email); missing ones use the shipped text.</summary>
public class SmsTemplate : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public ReminderTone Tone { get; set; }
    public required string Language { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The form the email template engine renders: the SMS is its text part.</summary>
    public MessageTemplate AsMessageTemplate() =>
        new() { Tone = Tone, Language = Language, Subject = "SMS", HtmlBody = "", TextBody = Body };
}

/// <summary>Short SMS texts shipped per tone in English, German, French and Spanish, each with the portal link and how to opt out.</summary>
public static class DefaultSmsTemplates
{
    public static readonly IReadOnlyList<string> ShippedLanguages = ["en", "de", "fr", "es"];

    private static readonly Dictionary<(ReminderTone, string), string> Bodies = new()
    {
        [(ReminderTone.Friendly, "en")] = "{{ tenant.name }}: friendly reminder, {{ invoice_count }} invoice(s) due. See and pay: {{ portal_url }} Reply STOP to opt out",
        [(ReminderTone.Neutral, "en")] = "{{ tenant.name }}: {{ invoice_count }} invoice(s) overdue. See and pay: {{ portal_url }} Reply STOP to opt out",
        [(ReminderTone.Firm, "en")] = "{{ tenant.name }}: {{ invoice_count }} invoice(s) still unpaid after reminders. Please pay now: {{ portal_url }} Reply STOP to opt out",
        [(ReminderTone.Final, "en")] = "{{ tenant.name }}: final notice, {{ invoice_count }} invoice(s) unpaid. Pay now to avoid further steps: {{ portal_url }} Reply STOP to opt out",
        [(ReminderTone.Friendly, "de")] = "{{ tenant.name }}: freundliche Erinnerung, {{ invoice_count }} Rechnung(en) fällig. Ansehen und zahlen: {{ portal_url }} Abmelden mit STOP",
        [(ReminderTone.Neutral, "de")] = "{{ tenant.name }}: {{ invoice_count }} Rechnung(en) überfällig. Ansehen und zahlen: {{ portal_url }} Abmelden mit STOP",
        [(ReminderTone.Firm, "de")] = "{{ tenant.name }}: {{ invoice_count }} Rechnung(en) trotz Erinnerung offen. Bitte jetzt zahlen: {{ portal_url }} Abmelden mit STOP",
        [(ReminderTone.Final, "de")] = "{{ tenant.name }}: letzte Mahnung, {{ invoice_count }} Rechnung(en) offen. Bitte umgehend zahlen: {{ portal_url }} Abmelden mit STOP",
        [(ReminderTone.Friendly, "fr")] = "{{ tenant.name }} : rappel amical, {{ invoice_count }} facture(s) à régler. Voir et payer : {{ portal_url }} STOP pour ne plus recevoir",
        [(ReminderTone.Neutral, "fr")] = "{{ tenant.name }} : {{ invoice_count }} facture(s) en retard. Voir et payer : {{ portal_url }} STOP pour ne plus recevoir",
        [(ReminderTone.Firm, "fr")] = "{{ tenant.name }} : {{ invoice_count }} facture(s) toujours impayée(s). Merci de régler : {{ portal_url }} STOP pour ne plus recevoir",
        [(ReminderTone.Final, "fr")] = "{{ tenant.name }} : dernier rappel, {{ invoice_count }} facture(s) impayée(s). Réglez sans délai : {{ portal_url }} STOP pour ne plus recevoir",
        [(ReminderTone.Friendly, "es")] = "{{ tenant.name }}: recordatorio, {{ invoice_count }} factura(s) pendiente(s). Ver y pagar: {{ portal_url }} STOP para darse de baja",
        [(ReminderTone.Neutral, "es")] = "{{ tenant.name }}: {{ invoice_count }} factura(s) vencida(s). Ver y pagar: {{ portal_url }} STOP para darse de baja",
        [(ReminderTone.Firm, "es")] = "{{ tenant.name }}: {{ invoice_count }} factura(s) siguen sin pagar. Pague ahora: {{ portal_url }} STOP para darse de baja",
        [(ReminderTone.Final, "es")] = "{{ tenant.name }}: último aviso, {{ invoice_count }} factura(s) sin pagar. Pague de inmediato: {{ portal_url }} STOP para darse de baja",
    };

    public static SmsTemplate? For(ReminderTone tone, string language) =>
        (tone == ReminderTone.ThankYou ? Dunning.ThankYouTemplates.Sms(language) : Bodies.GetValueOrDefault((tone, language))) is { } body
            ? new SmsTemplate { Tone = tone, Language = language, Body = body }
            : null;

    /// <summary>The customer's language, else the tenant's default, else English: the tenant's own text first, then the shipped one.</summary>
    public static SmsTemplate Choose(IReadOnlyDictionary<(ReminderTone, string), SmsTemplate> saved, ReminderTone tone, string? customerLanguage, string tenantLanguage) =>
        ArCollect.Domain.Common.Languages.Candidates(customerLanguage, tenantLanguage)
            .Select(l => saved.GetValueOrDefault((tone, l)) ?? For(tone, l))
            .FirstOrDefault(t => t is not null) ?? For(tone, "en")!;
}
