using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;

namespace ArCollect.Domain.Drafting;

/// <summary>
/// The sentences of a drafted follow-up in one language; composite format strings ({0}, {1}, ...) take amounts and
/// dates already formatted in that language. German and French are formal ("Sie", "vous"), Spanish uses "usted".
/// </summary>
public sealed record FollowUpWording(
    string Subject,
    string GreetingNamed,
    string GreetingAnonymous,
    string ReplyThanks,
    IReadOnlyDictionary<string, string> ReplyIntent,
    string Apology,
    string PaymentsSinceReminder,
    string And,
    string PromiseBroken,
    string PromiseKept,
    string PromiseOpen,
    string DisputeOpen,
    string DisputeWaiting,
    string StillOpen,
    string OverdueLine,
    string NothingOverdue,
    IReadOnlyDictionary<ReminderTone, string> Ask,
    string SignOff);

public static class FollowUpWordings
{
    public static readonly IReadOnlyList<string> Languages = ["en", "de", "fr", "es"];

    public static readonly IReadOnlyDictionary<string, FollowUpWording> All = new Dictionary<string, FollowUpWording>(StringComparer.Ordinal)
    {
        ["en"] = new(
            "Following up on your account",
            "Dear {0},",
            "Dear Sir or Madam,",
            "Thank you for your reply of {0}.",
            new Dictionary<string, string>
            {
                [ReplyLabels.Promise] = "You wrote that the payment would be made.",
                [ReplyLabels.Paid] = "You told us the payment has been made.",
                [ReplyLabels.Dispute] = "You told us you do not agree with an invoice.",
                [ReplyLabels.InfoRequest] = "You asked us for more information.",
            },
            "We are sorry for the trouble this has caused.",
            "Since our reminder of {0} we have received {1}. Thank you.",
            " and ",
            "A payment of {0} was promised for {1}; we have not received it yet.",
            "Thank you for paying {0} by {1} as promised.",
            "We have noted your promise to pay {0} by {1}.",
            "Invoice {0} ({1}) is being reviewed after your dispute; we will not ask you to pay the disputed amount until it is resolved.",
            "We are waiting for information from you about your dispute on invoice {0}.",
            "Still open: {0} in {1} invoice(s), of which {2} is overdue:",
            "- Invoice {0}, due {1}: {2}",
            "Nothing is overdue at the moment; {0} is open and not yet due.",
            new Dictionary<ReminderTone, string>
            {
                [ReminderTone.Friendly] = "Could you let us know when we can expect the payment?",
                [ReminderTone.Neutral] = "Please arrange payment of the overdue amount, or let us know when it will be made.",
                [ReminderTone.Firm] = "Please pay the overdue amount within 7 days. If something prevents this, reply to this email so that we can find a solution together.",
            },
            "Kind regards,"),
        ["de"] = new(
            "Nachfrage zu Ihrem Kundenkonto",
            "Guten Tag {0},",
            "Sehr geehrte Damen und Herren,",
            "vielen Dank für Ihre Antwort vom {0}.",
            new Dictionary<string, string>
            {
                [ReplyLabels.Promise] = "Sie hatten uns die Zahlung zugesagt.",
                [ReplyLabels.Paid] = "Sie hatten uns mitgeteilt, dass die Zahlung veranlasst ist.",
                [ReplyLabels.Dispute] = "Sie hatten uns mitgeteilt, dass Sie mit einer Rechnung nicht einverstanden sind.",
                [ReplyLabels.InfoRequest] = "Sie hatten uns um weitere Informationen gebeten.",
            },
            "Wir bedauern die Unannehmlichkeiten.",
            "Seit unserer Erinnerung vom {0} ist bei uns {1} eingegangen. Vielen Dank.",
            " und ",
            "Für den {1} wurde uns eine Zahlung von {0} zugesagt; sie ist bei uns noch nicht eingegangen.",
            "Vielen Dank, dass Sie {0} wie zugesagt bis zum {1} gezahlt haben.",
            "Wir haben Ihre Zusage vermerkt, {0} bis zum {1} zu zahlen.",
            "Die Rechnung {0} ({1}) wird nach Ihrer Beanstandung geprüft; den beanstandeten Betrag fordern wir bis zur Klärung nicht ein.",
            "Zu Ihrer Beanstandung der Rechnung {0} warten wir noch auf Informationen von Ihnen.",
            "Noch offen sind {0} aus {1} Rechnung(en), davon {2} überfällig:",
            "- Rechnung {0}, fällig am {1}: {2}",
            "Derzeit ist nichts überfällig; {0} sind offen und noch nicht fällig.",
            new Dictionary<ReminderTone, string>
            {
                [ReminderTone.Friendly] = "Könnten Sie uns mitteilen, wann wir mit der Zahlung rechnen dürfen?",
                [ReminderTone.Neutral] = "Bitte überweisen Sie den überfälligen Betrag oder teilen Sie uns mit, wann die Zahlung erfolgt.",
                [ReminderTone.Firm] = "Bitte begleichen Sie den überfälligen Betrag innerhalb von 7 Tagen. Sollte etwas dagegen sprechen, antworten Sie auf diese E-Mail, damit wir gemeinsam eine Lösung finden.",
            },
            "Mit freundlichen Grüßen"),
        ["fr"] = new(
            "Suivi de votre compte",
            "Bonjour {0},",
            "Madame, Monsieur,",
            "Nous vous remercions de votre réponse du {0}.",
            new Dictionary<string, string>
            {
                [ReplyLabels.Promise] = "Vous nous avez indiqué que le paiement serait effectué.",
                [ReplyLabels.Paid] = "Vous nous avez indiqué que le paiement a été effectué.",
                [ReplyLabels.Dispute] = "Vous nous avez indiqué contester une facture.",
                [ReplyLabels.InfoRequest] = "Vous nous avez demandé des informations complémentaires.",
            },
            "Nous sommes désolés pour la gêne occasionnée.",
            "Depuis notre relance du {0}, nous avons reçu {1}. Merci.",
            " et ",
            "Un paiement de {0} était promis pour le {1} ; nous ne l'avons pas encore reçu.",
            "Merci d'avoir réglé {0} avant le {1} comme convenu.",
            "Nous avons pris note de votre engagement de payer {0} d'ici le {1}.",
            "La facture {0} ({1}) est en cours d'examen suite à votre contestation ; nous ne vous demanderons pas le montant contesté avant sa résolution.",
            "Nous attendons des informations de votre part concernant votre contestation de la facture {0}.",
            "Restent ouverts : {0} sur {1} facture(s), dont {2} en retard :",
            "- Facture {0}, échéance {1} : {2}",
            "Rien n'est en retard pour le moment ; {0} est ouvert et non encore échu.",
            new Dictionary<ReminderTone, string>
            {
                [ReminderTone.Friendly] = "Pourriez-vous nous indiquer quand nous pouvons attendre le paiement ?",
                [ReminderTone.Neutral] = "Merci de régler le montant en retard ou de nous indiquer quand le paiement sera effectué.",
                [ReminderTone.Firm] = "Merci de régler le montant en retard sous 7 jours. Si quelque chose s'y oppose, répondez à ce message afin que nous trouvions ensemble une solution.",
            },
            "Cordialement,"),
        ["es"] = new(
            "Seguimiento de su cuenta",
            "Estimado/a {0}:",
            "Estimados señores:",
            "Le agradecemos su respuesta del {0}.",
            new Dictionary<string, string>
            {
                [ReplyLabels.Promise] = "Nos indicó que realizaría el pago.",
                [ReplyLabels.Paid] = "Nos indicó que el pago ya se ha realizado.",
                [ReplyLabels.Dispute] = "Nos indicó que no está de acuerdo con una factura.",
                [ReplyLabels.InfoRequest] = "Nos pidió más información.",
            },
            "Lamentamos las molestias ocasionadas.",
            "Desde nuestro recordatorio del {0} hemos recibido {1}. Gracias.",
            " y ",
            "Se prometió un pago de {0} para el {1}; todavía no lo hemos recibido.",
            "Gracias por pagar {0} antes del {1}, tal como prometió.",
            "Hemos tomado nota de su compromiso de pagar {0} antes del {1}.",
            "La factura {0} ({1}) se está revisando tras su reclamación; no le pediremos el importe reclamado hasta que se resuelva.",
            "Estamos esperando información suya sobre su reclamación de la factura {0}.",
            "Quedan pendientes {0} en {1} factura(s), de los cuales {2} están vencidos:",
            "- Factura {0}, vencimiento {1}: {2}",
            "Por ahora no hay nada vencido; {0} está pendiente y aún no ha vencido.",
            new Dictionary<ReminderTone, string>
            {
                [ReminderTone.Friendly] = "¿Podría indicarnos cuándo podemos esperar el pago?",
                [ReminderTone.Neutral] = "Le rogamos que abone el importe vencido o nos indique cuándo se realizará el pago.",
                [ReminderTone.Firm] = "Le rogamos que abone el importe vencido en un plazo de 7 días. Si algo se lo impide, responda a este correo para que encontremos juntos una solución.",
            },
            "Atentamente,"),
    };

    /// <summary>The customer's language when a follow-up can be written in it, else the company's, else English.</summary>
    public static string Resolve(string? customerLanguage, string? companyLanguage) =>
        new[] { customerLanguage, companyLanguage }.FirstOrDefault(l => l is not null && All.ContainsKey(l)) ?? "en";
}
