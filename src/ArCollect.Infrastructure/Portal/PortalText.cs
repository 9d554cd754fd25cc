using System.Globalization;
using ArCollect.Domain.Common;

namespace ArCollect.Infrastructure.Portal;

/// <summary>
/// The portal's and the statement's words in the customer's language (English, German, French, Spanish); any other
/// language reads English. Each language lists every key English has (a test checks).
/// </summary>
public sealed class PortalText
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
    {
        ["en"] = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LinkMailSubject"] = "Your link to your account with {0}", ["LinkMailBody"] = "You asked for a new link to your account with {0}. It works for {1} days:",
            ["Title"] = "Your account with {0}", ["Balance"] = "Balance", ["OpenInvoices"] = "Open invoices", ["RecentlyPaid"] = "Recently paid",
            ["Invoice"] = "Invoice", ["Issued"] = "Issued", ["Due"] = "Due", ["Amount"] = "Amount", ["Open"] = "Open", ["Reference"] = "Payment reference",
            ["Paid"] = "Paid", ["Overdue"] = "Overdue", ["Disputed"] = "Disputed", ["NotDue"] = "Not due yet", ["Pdf"] = "PDF",
            ["NothingOpen"] = "Nothing is open. Thank you!", ["Statement"] = "Statement", ["From"] = "From", ["To"] = "To",
            ["DownloadStatement"] = "Download statement (PDF)", ["HowToPay"] = "How to pay",
            ["PayInstructions"] = "Transfer to {0}, IBAN {1}{2}, quoting the payment reference of each invoice.",
            ["ScanToPay"] = "Scan with your banking app to pay {0} ({1})", ["Promises"] = "Your promises to pay", ["Disputes"] = "Your disputes",
            ["PromiseAction"] = "Promise a payment date", ["DisputeAction"] = "Dispute an invoice", ["WholeBalance"] = "The whole balance",
            ["PromiseBy"] = "{0} by {1}", ["Status_Open"] = "Open", ["Status_Kept"] = "Kept", ["Status_Broken"] = "Broken",
            ["Dispute_Open"] = "Being reviewed", ["Dispute_Resolved"] = "Resolved", ["Dispute_Rejected"] = "Rejected",
            ["Date"] = "Date", ["SendPromise"] = "Send promise", ["Back"] = "Back to your account", ["Reason"] = "Reason",
            ["Message"] = "Message", ["Attachments"] = "Attachments (PDF, PNG or JPEG; up to 5 files of 10 MB each)",
            ["DisputedAmount"] = "Amount disputed", ["SendDispute"] = "Send dispute", ["PromiseThanks"] = "Thank you: your promise is recorded and we will not send reminders for it until then.",
            ["DisputeThanks"] = "Thank you: your dispute is recorded and our team will look into it.",
            ["LinkGone"] = "This link no longer works", ["LinkGoneText"] = "Links expire after a while or can be withdrawn. Enter your email address: if it is on file, we will send you a fresh link.",
            ["Email"] = "Email address", ["SendLink"] = "Send me a link", ["LinkSent"] = "If the address is on file, a fresh link is on its way.",
            ["PortalLine"] = "See your account online:", ["StatementTitle"] = "Statement of account", ["Period"] = "{0} to {1}",
            ["InvoicesInPeriod"] = "Invoices issued in the period", ["PaymentsInPeriod"] = "Payments received in the period", ["Received"] = "Received",
            ["OpenItems"] = "Open items today", ["Total"] = "Total", ["None"] = "None.",
            ["Reason_PricingError"] = "Wrong price", ["Reason_QuantityMismatch"] = "Wrong quantity", ["Reason_DamagedGoods"] = "Damaged goods",
            ["Reason_NotReceived"] = "Not received", ["Reason_DuplicateBilling"] = "Billed twice", ["Reason_ServiceQuality"] = "Service quality", ["Reason_Other"] = "Something else",
        },
        ["de"] = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LinkMailSubject"] = "Ihr Link zu Ihrem Kundenkonto bei {0}", ["LinkMailBody"] = "Sie haben einen neuen Link zu Ihrem Kundenkonto bei {0} angefordert. Er gilt {1} Tage:",
            ["Title"] = "Ihr Kundenkonto bei {0}", ["Balance"] = "Saldo", ["OpenInvoices"] = "Offene Rechnungen", ["RecentlyPaid"] = "Kürzlich bezahlt",
            ["Invoice"] = "Rechnung", ["Issued"] = "Datum", ["Due"] = "Fällig", ["Amount"] = "Betrag", ["Open"] = "Offen", ["Reference"] = "Verwendungszweck",
            ["Paid"] = "Bezahlt", ["Overdue"] = "Überfällig", ["Disputed"] = "Beanstandet", ["NotDue"] = "Noch nicht fällig", ["Pdf"] = "PDF",
            ["NothingOpen"] = "Es ist nichts offen. Vielen Dank!", ["Statement"] = "Kontoauszug", ["From"] = "Von", ["To"] = "Bis",
            ["DownloadStatement"] = "Kontoauszug herunterladen (PDF)", ["HowToPay"] = "So zahlen Sie",
            ["PayInstructions"] = "Überweisen Sie an {0}, IBAN {1}{2}, und geben Sie je Rechnung den Verwendungszweck an.",
            ["ScanToPay"] = "Mit Ihrer Banking-App scannen, um {0} zu zahlen ({1})", ["Promises"] = "Ihre Zahlungszusagen", ["Disputes"] = "Ihre Beanstandungen",
            ["PromiseAction"] = "Zahlungstermin zusagen", ["DisputeAction"] = "Rechnung beanstanden", ["WholeBalance"] = "Der gesamte Saldo",
            ["PromiseBy"] = "{0} bis {1}", ["Status_Open"] = "Offen", ["Status_Kept"] = "Eingehalten", ["Status_Broken"] = "Nicht eingehalten",
            ["Dispute_Open"] = "In Prüfung", ["Dispute_Resolved"] = "Erledigt", ["Dispute_Rejected"] = "Abgelehnt",
            ["Date"] = "Datum", ["SendPromise"] = "Zusage senden", ["Back"] = "Zurück zu Ihrem Konto", ["Reason"] = "Grund",
            ["Message"] = "Nachricht", ["Attachments"] = "Anhänge (PDF, PNG oder JPEG; bis zu 5 Dateien zu je 10 MB)",
            ["DisputedAmount"] = "Beanstandeter Betrag", ["SendDispute"] = "Beanstandung senden", ["PromiseThanks"] = "Vielen Dank: Ihre Zusage ist erfasst; bis dahin erhalten Sie dafür keine Erinnerungen.",
            ["DisputeThanks"] = "Vielen Dank: Ihre Beanstandung ist erfasst und wird von unserem Team geprüft.",
            ["LinkGone"] = "Dieser Link funktioniert nicht mehr", ["LinkGoneText"] = "Links laufen nach einiger Zeit ab oder können zurückgezogen werden. Geben Sie Ihre E-Mail-Adresse ein: Ist sie bei uns hinterlegt, senden wir Ihnen einen neuen Link.",
            ["Email"] = "E-Mail-Adresse", ["SendLink"] = "Link zusenden", ["LinkSent"] = "Ist die Adresse hinterlegt, ist ein neuer Link unterwegs.",
            ["PortalLine"] = "Ihr Kundenkonto online:", ["StatementTitle"] = "Kontoauszug", ["Period"] = "{0} bis {1}",
            ["InvoicesInPeriod"] = "Rechnungen im Zeitraum", ["PaymentsInPeriod"] = "Zahlungseingänge im Zeitraum", ["Received"] = "Eingegangen",
            ["OpenItems"] = "Offene Posten heute", ["Total"] = "Summe", ["None"] = "Keine.",
            ["Reason_PricingError"] = "Falscher Preis", ["Reason_QuantityMismatch"] = "Falsche Menge", ["Reason_DamagedGoods"] = "Beschädigte Ware",
            ["Reason_NotReceived"] = "Nicht erhalten", ["Reason_DuplicateBilling"] = "Doppelt berechnet", ["Reason_ServiceQuality"] = "Qualität der Leistung", ["Reason_Other"] = "Anderer Grund",
        },
        ["fr"] = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LinkMailSubject"] = "Votre lien vers votre compte chez {0}", ["LinkMailBody"] = "Vous avez demandé un nouveau lien vers votre compte chez {0}. Il est valable {1} jours :",
            ["Title"] = "Votre compte chez {0}", ["Balance"] = "Solde", ["OpenInvoices"] = "Factures ouvertes", ["RecentlyPaid"] = "Payées récemment",
            ["Invoice"] = "Facture", ["Issued"] = "Date", ["Due"] = "Échéance", ["Amount"] = "Montant", ["Open"] = "Restant dû", ["Reference"] = "Référence de paiement",
            ["Paid"] = "Payée", ["Overdue"] = "En retard", ["Disputed"] = "Contestée", ["NotDue"] = "Pas encore échue", ["Pdf"] = "PDF",
            ["NothingOpen"] = "Rien n'est ouvert. Merci !", ["Statement"] = "Relevé de compte", ["From"] = "Du", ["To"] = "Au",
            ["DownloadStatement"] = "Télécharger le relevé (PDF)", ["HowToPay"] = "Comment payer",
            ["PayInstructions"] = "Virement à {0}, IBAN {1}{2}, en indiquant la référence de paiement de chaque facture.",
            ["ScanToPay"] = "Scannez avec votre application bancaire pour payer {0} ({1})", ["Promises"] = "Vos promesses de paiement", ["Disputes"] = "Vos contestations",
            ["PromiseAction"] = "Promettre une date de paiement", ["DisputeAction"] = "Contester une facture", ["WholeBalance"] = "Le solde entier",
            ["PromiseBy"] = "{0} au plus tard le {1}", ["Status_Open"] = "En cours", ["Status_Kept"] = "Tenue", ["Status_Broken"] = "Non tenue",
            ["Dispute_Open"] = "En cours d'examen", ["Dispute_Resolved"] = "Résolue", ["Dispute_Rejected"] = "Rejetée",
            ["Date"] = "Date", ["SendPromise"] = "Envoyer la promesse", ["Back"] = "Retour à votre compte", ["Reason"] = "Motif",
            ["Message"] = "Message", ["Attachments"] = "Pièces jointes (PDF, PNG ou JPEG ; jusqu'à 5 fichiers de 10 Mo)",
            ["DisputedAmount"] = "Montant contesté", ["SendDispute"] = "Envoyer la contestation", ["PromiseThanks"] = "Merci : votre promesse est enregistrée et nous ne vous relancerons pas d'ici là.",
            ["DisputeThanks"] = "Merci : votre contestation est enregistrée et notre équipe va l'examiner.",
            ["LinkGone"] = "Ce lien ne fonctionne plus", ["LinkGoneText"] = "Les liens expirent après un certain temps ou peuvent être retirés. Saisissez votre adresse e-mail : si elle est connue, nous vous enverrons un nouveau lien.",
            ["Email"] = "Adresse e-mail", ["SendLink"] = "M'envoyer un lien", ["LinkSent"] = "Si l'adresse est connue, un nouveau lien est en route.",
            ["PortalLine"] = "Consultez votre compte en ligne :", ["StatementTitle"] = "Relevé de compte", ["Period"] = "du {0} au {1}",
            ["InvoicesInPeriod"] = "Factures émises sur la période", ["PaymentsInPeriod"] = "Paiements reçus sur la période", ["Received"] = "Reçu le",
            ["OpenItems"] = "Postes ouverts à ce jour", ["Total"] = "Total", ["None"] = "Aucun.",
            ["Reason_PricingError"] = "Prix erroné", ["Reason_QuantityMismatch"] = "Quantité erronée", ["Reason_DamagedGoods"] = "Marchandise endommagée",
            ["Reason_NotReceived"] = "Non reçu", ["Reason_DuplicateBilling"] = "Facturé deux fois", ["Reason_ServiceQuality"] = "Qualité du service", ["Reason_Other"] = "Autre motif",
        },
        ["es"] = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LinkMailSubject"] = "Su enlace a su cuenta con {0}", ["LinkMailBody"] = "Ha solicitado un enlace nuevo a su cuenta con {0}. Es válido durante {1} días:",
            ["Title"] = "Su cuenta con {0}", ["Balance"] = "Saldo", ["OpenInvoices"] = "Facturas pendientes", ["RecentlyPaid"] = "Pagadas recientemente",
            ["Invoice"] = "Factura", ["Issued"] = "Fecha", ["Due"] = "Vencimiento", ["Amount"] = "Importe", ["Open"] = "Pendiente", ["Reference"] = "Referencia de pago",
            ["Paid"] = "Pagada", ["Overdue"] = "Vencida", ["Disputed"] = "En disputa", ["NotDue"] = "Aún no vencida", ["Pdf"] = "PDF",
            ["NothingOpen"] = "No hay nada pendiente. ¡Gracias!", ["Statement"] = "Extracto de cuenta", ["From"] = "Desde", ["To"] = "Hasta",
            ["DownloadStatement"] = "Descargar extracto (PDF)", ["HowToPay"] = "Cómo pagar",
            ["PayInstructions"] = "Transfiera a {0}, IBAN {1}{2}, indicando la referencia de pago de cada factura.",
            ["ScanToPay"] = "Escanee con su aplicación bancaria para pagar {0} ({1})", ["Promises"] = "Sus compromisos de pago", ["Disputes"] = "Sus reclamaciones",
            ["PromiseAction"] = "Comprometer una fecha de pago", ["DisputeAction"] = "Reclamar una factura", ["WholeBalance"] = "El saldo completo",
            ["PromiseBy"] = "{0} antes del {1}", ["Status_Open"] = "Pendiente", ["Status_Kept"] = "Cumplido", ["Status_Broken"] = "Incumplido",
            ["Dispute_Open"] = "En revisión", ["Dispute_Resolved"] = "Resuelta", ["Dispute_Rejected"] = "Rechazada",
            ["Date"] = "Fecha", ["SendPromise"] = "Enviar compromiso", ["Back"] = "Volver a su cuenta", ["Reason"] = "Motivo",
            ["Message"] = "Mensaje", ["Attachments"] = "Adjuntos (PDF, PNG o JPEG; hasta 5 archivos de 10 MB)",
            ["DisputedAmount"] = "Importe reclamado", ["SendDispute"] = "Enviar reclamación", ["PromiseThanks"] = "Gracias: su compromiso está registrado y no le enviaremos recordatorios por ello hasta entonces.",
            ["DisputeThanks"] = "Gracias: su reclamación está registrada y nuestro equipo la revisará.",
            ["LinkGone"] = "Este enlace ya no funciona", ["LinkGoneText"] = "Los enlaces caducan pasado un tiempo o pueden retirarse. Introduzca su dirección de correo: si la tenemos registrada, le enviaremos un enlace nuevo.",
            ["Email"] = "Correo electrónico", ["SendLink"] = "Enviarme un enlace", ["LinkSent"] = "Si la dirección está registrada, un enlace nuevo va de camino.",
            ["PortalLine"] = "Consulte su cuenta en línea:", ["StatementTitle"] = "Extracto de cuenta", ["Period"] = "del {0} al {1}",
            ["InvoicesInPeriod"] = "Facturas emitidas en el periodo", ["PaymentsInPeriod"] = "Pagos recibidos en el periodo", ["Received"] = "Recibido",
            ["OpenItems"] = "Partidas pendientes hoy", ["Total"] = "Total", ["None"] = "Ninguna.",
            ["Reason_PricingError"] = "Precio incorrecto", ["Reason_QuantityMismatch"] = "Cantidad incorrecta", ["Reason_DamagedGoods"] = "Mercancía dañada",
            ["Reason_NotReceived"] = "No recibido", ["Reason_DuplicateBilling"] = "Facturado dos veces", ["Reason_ServiceQuality"] = "Calidad del servicio", ["Reason_Other"] = "Otro motivo",
        },
    };

    private readonly IReadOnlyDictionary<string, string> words;

    private PortalText(Language language, IReadOnlyDictionary<string, string> words)
    {
        Language = language;
        this.words = words;
        Culture = language.CultureName.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language.CultureName);
    }

    public Language Language { get; }

    public CultureInfo Culture { get; }

    /// <summary>The customer's language when the portal speaks it, else the tenant's default, else English.</summary>
    public static PortalText For(string? customerLanguage, string? tenantDefault = null)
    {
        var code = Languages.Candidates(customerLanguage, tenantDefault).First(All.ContainsKey);
        return new PortalText(Languages.Get(code), All[code]);
    }

    public string this[string key] => words.TryGetValue(key, out var text) ? text : All["en"][key];

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    public string Money(decimal amount, string currency) => $"{currency} {amount.ToString("N2", Culture)}";

    public string Date(DateOnly date) => date.ToString(Language.DatePattern, Culture);
}
