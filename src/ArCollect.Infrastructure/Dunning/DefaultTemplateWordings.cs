using ArCollect.Domain.Dunning;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>What changes with the tone: subject, the opening paragraph, the closing and the sign-off (the greeting addresses the contact, see <see cref="ReminderGreeting"/>).</summary>
public sealed record ToneWording(string Subject, string Opening, string Closing, string SignOff);

/// <summary>The words of one language's shipped templates; values may hold Liquid placeholders.</summary>
public sealed record TemplateWording(
    IReadOnlyDictionary<ReminderTone, ToneWording> Tones,
    string InvoiceHeader,
    string DueDateHeader,
    string StatusHeader,
    string AmountHeader,
    string InvoiceAmount,
    string TotalLabel,
    string TotalAmountHtml,
    string TotalAmountText,
    string TextLine,
    string PreviousReminder,
    string ReferenceHeader,
    string PaymentInstructions,
    string Signature);

/// <summary>
/// The shipped wording per language. German and French follow business-letter convention (formal "Sie"/"vous",
/// "Mit freundlichen Grüßen", "Madame, Monsieur"); Spanish uses "usted". Amounts print in the language's own format.
/// </summary>
public static class DefaultTemplateWordings
{
    private const string EnglishClosing = "If you have already paid or believe something is wrong, simply reply to this email and we will look into it.";
    private const string GermanClosing = "Sollten Sie die Zahlung bereits veranlasst haben oder eine Rechnung für unzutreffend halten, antworten Sie einfach auf diese E-Mail; wir gehen der Sache umgehend nach.";
    private const string FrenchClosing = "Si vous avez déjà effectué le règlement ou si une facture vous semble erronée, il vous suffit de répondre à ce message et nous examinerons la situation.";
    private const string FrenchFormalSignOff = "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.";
    private const string SpanishClosing = "Si ya ha realizado el pago o considera que hay algún error, basta con que responda a este correo y lo revisaremos.";

    public static readonly IReadOnlyDictionary<string, TemplateWording> All = new Dictionary<string, TemplateWording>(StringComparer.Ordinal)
    {
        ["en"] = new(
            new Dictionary<ReminderTone, ToneWording>
            {
                [ReminderTone.Friendly] = new(
                    "A friendly reminder from {{ tenant.name }}: {{ invoice_count }} invoice(s)",
                    "We hope all is well. This is a quick heads-up that the invoices below are due soon or have just fallen due.",
                    "If you have already paid, thank you and please disregard this message.",
                    "Kind regards,"),
                [ReminderTone.Neutral] = new(
                    "Payment reminder from {{ tenant.name }}: {{ invoice_count }} invoice(s) overdue",
                    "Our records show the invoices below as unpaid past their due date.",
                    EnglishClosing,
                    "Kind regards,"),
                [ReminderTone.Firm] = new(
                    "Overdue invoices: please pay now ({{ tenant.name }})",
                    "Despite our earlier reminders, the invoices below remain unpaid. Please arrange payment without further delay.",
                    EnglishClosing,
                    "Kind regards,"),
                [ReminderTone.Final] = new(
                    "Final notice before further action ({{ tenant.name }})",
                    "This is our final reminder. Unless we receive payment or hear from you within 7 days, we will take further steps, which may include stopping deliveries.",
                    EnglishClosing,
                    "Kind regards,"),
            },
            InvoiceHeader: "Invoice",
            DueDateHeader: "Due date",
            StatusHeader: "Status",
            AmountHeader: "Open amount",
            InvoiceAmount: "{{ invoice.currency }} {{ invoice.open_amount }}",
            TotalLabel: "Total {{ total.currency }}",
            TotalAmountHtml: "{{ total.currency }} {{ total.amount }}",
            TotalAmountText: "{{ total.amount }}",
            TextLine: "- {{ invoice.number }}, due {{ invoice.due_date }} ({{ invoice.due_text }}): {{ invoice.currency }} {{ invoice.open_amount }}, payment reference {{ invoice.payment_reference }}",
            PreviousReminder: "Our previous reminder was sent on {{ previous_reminder_date }}.",
            ReferenceHeader: "Payment reference",
            PaymentInstructions: "Please transfer the amount to {{ payment.account_holder }}, IBAN {{ payment.iban }}{% if payment.bic %}, BIC {{ payment.bic }}{% endif %}{% if payment.bank_name %} ({{ payment.bank_name }}){% endif %}, quoting the payment reference of each invoice.",
            Signature: "{{ tenant.name }} accounts receivable"),

        ["de"] = new(
            new Dictionary<ReminderTone, ToneWording>
            {
                [ReminderTone.Friendly] = new(
                    "Freundliche Zahlungserinnerung von {{ tenant.name }}: {{ invoice_count }} Rechnung(en)",
                    "wir hoffen, es geht Ihnen gut. Gern erinnern wir Sie daran, dass die unten aufgeführten Rechnungen in Kürze fällig werden oder vor Kurzem fällig geworden sind.",
                    "Sollten Sie die Zahlung bereits veranlasst haben, danken wir Ihnen und bitten Sie, diese Nachricht als gegenstandslos zu betrachten.",
                    "Mit freundlichen Grüßen"),
                [ReminderTone.Neutral] = new(
                    "Zahlungserinnerung von {{ tenant.name }}: {{ invoice_count }} Rechnung(en) überfällig",
                    "bei der Durchsicht unserer Buchhaltung haben wir festgestellt, dass die folgenden Rechnungen trotz Fälligkeit noch nicht beglichen sind. Wir bitten Sie, den offenen Betrag in den nächsten Tagen zu überweisen.",
                    GermanClosing,
                    "Mit freundlichen Grüßen"),
                [ReminderTone.Firm] = new(
                    "Mahnung: überfällige Rechnungen, bitte umgehend begleichen ({{ tenant.name }})",
                    "trotz unserer bisherigen Erinnerungen sind die unten aufgeführten Rechnungen weiterhin offen. Wir bitten Sie, den fälligen Betrag unverzüglich zu überweisen.",
                    GermanClosing,
                    "Mit freundlichen Grüßen"),
                [ReminderTone.Final] = new(
                    "Letzte Mahnung vor weiteren Schritten ({{ tenant.name }})",
                    "dies ist unsere letzte Mahnung. Sollten wir innerhalb von 7 Tagen weder Ihre Zahlung erhalten noch von Ihnen hören, werden wir weitere Schritte einleiten; dazu kann auch ein Lieferstopp gehören.",
                    GermanClosing,
                    "Mit freundlichen Grüßen"),
            },
            InvoiceHeader: "Rechnung",
            DueDateHeader: "Fällig am",
            StatusHeader: "Status",
            AmountHeader: "Offener Betrag",
            InvoiceAmount: "{{ invoice.open_amount_text }}",
            TotalLabel: "Offener Gesamtbetrag",
            TotalAmountHtml: "{{ total.amount_text }}",
            TotalAmountText: "{{ total.amount_text }}",
            TextLine: "- {{ invoice.number }}, fällig am {{ invoice.due_date }} ({{ invoice.due_text }}): {{ invoice.open_amount_text }}, Verwendungszweck {{ invoice.payment_reference }}",
            PreviousReminder: "Unsere letzte Erinnerung haben wir Ihnen am {{ previous_reminder_date }} gesandt.",
            ReferenceHeader: "Verwendungszweck",
            PaymentInstructions: "Bitte überweisen Sie den Betrag an {{ payment.account_holder }}, IBAN {{ payment.iban }}{% if payment.bic %}, BIC {{ payment.bic }}{% endif %}{% if payment.bank_name %} ({{ payment.bank_name }}){% endif %}, und geben Sie je Rechnung den angegebenen Verwendungszweck an.",
            Signature: "Ihre Buchhaltung von {{ tenant.name }}"),

        ["fr"] = new(
            new Dictionary<ReminderTone, ToneWording>
            {
                [ReminderTone.Friendly] = new(
                    "Rappel de {{ tenant.name }} : {{ invoice_count }} facture(s) à régler",
                    "Nous espérons que vous allez bien. Nous nous permettons de vous rappeler que les factures ci-dessous arrivent prochainement à échéance ou viennent d'arriver à échéance.",
                    "Si vous avez déjà effectué le règlement, nous vous en remercions et vous prions de ne pas tenir compte de ce message.",
                    "Cordialement,"),
                [ReminderTone.Neutral] = new(
                    "Relance de {{ tenant.name }} : {{ invoice_count }} facture(s) échue(s)",
                    "Sauf erreur ou omission de notre part, les factures ci-dessous restent impayées alors que leur date d'échéance est dépassée. Nous vous remercions de bien vouloir procéder à leur règlement dans les meilleurs délais.",
                    FrenchClosing,
                    "Cordialement,"),
                [ReminderTone.Firm] = new(
                    "Factures échues : merci de procéder au règlement sans délai ({{ tenant.name }})",
                    "Malgré nos précédentes relances, les factures ci-dessous demeurent impayées. Nous vous demandons de bien vouloir procéder à leur règlement sans plus attendre.",
                    FrenchClosing,
                    FrenchFormalSignOff),
                [ReminderTone.Final] = new(
                    "Dernière relance avant d'autres mesures ({{ tenant.name }})",
                    "Ceci est notre dernière relance. Sans règlement ni nouvelles de votre part sous 7 jours, nous serons contraints d'engager d'autres démarches, pouvant aller jusqu'à la suspension de nos livraisons.",
                    FrenchClosing,
                    FrenchFormalSignOff),
            },
            InvoiceHeader: "Facture",
            DueDateHeader: "Échéance",
            StatusHeader: "Statut",
            AmountHeader: "Montant dû",
            InvoiceAmount: "{{ invoice.open_amount_text }}",
            TotalLabel: "Total restant dû",
            TotalAmountHtml: "{{ total.amount_text }}",
            TotalAmountText: "{{ total.amount_text }}",
            TextLine: "- {{ invoice.number }}, échéance le {{ invoice.due_date }} ({{ invoice.due_text }}) : {{ invoice.open_amount_text }}, référence {{ invoice.payment_reference }}",
            PreviousReminder: "Notre précédente relance vous a été adressée le {{ previous_reminder_date }}.",
            ReferenceHeader: "Référence de paiement",
            PaymentInstructions: "Merci de virer le montant à {{ payment.account_holder }}, IBAN {{ payment.iban }}{% if payment.bic %}, BIC {{ payment.bic }}{% endif %}{% if payment.bank_name %} ({{ payment.bank_name }}){% endif %}, en indiquant la référence de paiement de chaque facture.",
            Signature: "Le service comptabilité clients de {{ tenant.name }}"),

        ["es"] = new(
            new Dictionary<ReminderTone, ToneWording>
            {
                [ReminderTone.Friendly] = new(
                    "Recordatorio de pago de {{ tenant.name }}: {{ invoice_count }} factura(s)",
                    "Esperamos que se encuentre bien. Le recordamos amablemente que las facturas que figuran a continuación vencen en breve o acaban de vencer.",
                    "Si ya ha realizado el pago, le damos las gracias y le rogamos que no tenga en cuenta este mensaje.",
                    "Un cordial saludo,"),
                [ReminderTone.Neutral] = new(
                    "Aviso de pago de {{ tenant.name }}: {{ invoice_count }} factura(s) vencida(s)",
                    "Según nuestros registros, las facturas que figuran a continuación siguen pendientes de pago pese a haber superado su fecha de vencimiento. Le rogamos que proceda a su abono a la mayor brevedad.",
                    SpanishClosing,
                    "Atentamente,"),
                [ReminderTone.Firm] = new(
                    "Facturas vencidas: le rogamos el pago inmediato ({{ tenant.name }})",
                    "Pese a nuestros recordatorios anteriores, las facturas que figuran a continuación siguen sin abonarse. Le rogamos que realice el pago sin más demora.",
                    SpanishClosing,
                    "Atentamente,"),
                [ReminderTone.Final] = new(
                    "Último aviso antes de adoptar otras medidas ({{ tenant.name }})",
                    "Este es nuestro último aviso. Si en un plazo de 7 días no recibimos el pago ni noticias suyas, nos veremos obligados a adoptar otras medidas, que pueden incluir la suspensión de los suministros.",
                    SpanishClosing,
                    "Atentamente,"),
            },
            InvoiceHeader: "Factura",
            DueDateHeader: "Vencimiento",
            StatusHeader: "Estado",
            AmountHeader: "Importe pendiente",
            InvoiceAmount: "{{ invoice.open_amount_text }}",
            TotalLabel: "Total pendiente",
            TotalAmountHtml: "{{ total.amount_text }}",
            TotalAmountText: "{{ total.amount_text }}",
            TextLine: "- {{ invoice.number }}, vencimiento el {{ invoice.due_date }} ({{ invoice.due_text }}): {{ invoice.open_amount_text }}, referencia {{ invoice.payment_reference }}",
            PreviousReminder: "Le enviamos nuestro último recordatorio el {{ previous_reminder_date }}.",
            ReferenceHeader: "Referencia de pago",
            PaymentInstructions: "Le rogamos que transfiera el importe a {{ payment.account_holder }}, IBAN {{ payment.iban }}{% if payment.bic %}, BIC {{ payment.bic }}{% endif %}{% if payment.bank_name %} ({{ payment.bank_name }}){% endif %}, indicando la referencia de pago de cada factura.",
            Signature: "Departamento de cobros de {{ tenant.name }}"),
    };
}
