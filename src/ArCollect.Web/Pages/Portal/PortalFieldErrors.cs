using System.Text.RegularExpressions;
using ArCollect.Infrastructure.Portal;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ArCollect.Web.Pages.Portal;

/// <summary>
/// The portal's field errors in the customer's language. The validators shared with the clerk's pages and the API
/// (promise, plan, dispute) write English; the portal translates each message here, by pattern, after the handler
/// ran, together with the model-binding errors (a value that is not a date or a number). A message with no pattern
/// stays English, and a test walks every form in one other language.
/// </summary>
public static class PortalFieldErrors
{
    private sealed record Pattern(Regex English, string De, string Fr, string Es);

    private static readonly Pattern[] Patterns =
    [
        P(@"Enter the date you will pay by\.", "Geben Sie das Datum an, bis zu dem Sie zahlen.", "Indiquez la date à laquelle vous paierez.", "Indique la fecha en la que pagará."),
        P(@"The date cannot be in the past\.", "Das Datum darf nicht in der Vergangenheit liegen.", "La date ne peut pas être passée.", "La fecha no puede estar en el pasado."),
        P(@"The date can be at most (\d+) days ahead \((\d{4}-\d{2}-\d{2})\)\.", "Das Datum darf höchstens {0} Tage in der Zukunft liegen ({1}).", "La date peut être au plus dans {0} jours ({1}).", "La fecha puede ser como máximo dentro de {0} días ({1})."),
        P(@"Enter the amount you will pay\.", "Geben Sie den Betrag an, den Sie zahlen.", "Indiquez le montant que vous paierez.", "Indique el importe que pagará."),
        P(@"The amount must be more than zero\.", "Der Betrag muss größer als null sein.", "Le montant doit être supérieur à zéro.", "El importe debe ser mayor que cero."),
        P(@"The amount cannot be more than the open ([\d.,]+)\.", "Der Betrag darf den offenen Betrag von {0} nicht übersteigen.", "Le montant ne peut pas dépasser le solde ouvert de {0}.", "El importe no puede superar el saldo pendiente de {0}."),
        P(@"The amount can have at most two decimals\.", "Der Betrag darf höchstens zwei Nachkommastellen haben.", "Le montant peut avoir au plus deux décimales.", "El importe puede tener como máximo dos decimales."),
        P(@"This invoice is not open\.", "Diese Rechnung ist nicht offen.", "Cette facture n'est pas ouverte.", "Esta factura no está pendiente."),
        P(@"Choose a reason\.", "Wählen Sie einen Grund.", "Choisissez un motif.", "Elija un motivo."),
        P(@"Tell us what is wrong\.", "Beschreiben Sie uns, was nicht stimmt.", "Dites-nous ce qui ne va pas.", "Díganos qué es incorrecto."),
        P(@"The message can be at most (\d+) characters\.", "Die Nachricht darf höchstens {0} Zeichen lang sein.", "Le message peut comporter au plus {0} caractères.", "El mensaje puede tener como máximo {0} caracteres."),
        P(@"The message cannot contain control characters\.", "Die Nachricht darf keine Steuerzeichen enthalten.", "Le message ne peut pas contenir de caractères de contrôle.", "El mensaje no puede contener caracteres de control."),
        P(@"Enter the disputed amount of at least one invoice\.", "Geben Sie den beanstandeten Betrag mindestens einer Rechnung an.", "Indiquez le montant contesté d'au moins une facture.", "Indique el importe reclamado de al menos una factura."),
        P(@"Attach at most (\d+) files\.", "Hängen Sie höchstens {0} Dateien an.", "Joignez au plus {0} fichiers.", "Adjunte como máximo {0} archivos."),
        P(@"(.+): a file must be between 1 byte and 10 MB\.", "{0}: Eine Datei muss zwischen 1 Byte und 10 MB groß sein.", "{0} : un fichier doit faire entre 1 octet et 10 Mo.", "{0}: un archivo debe tener entre 1 byte y 10 MB."),
        P(@"(.+): only PDF, PNG or JPEG files can be attached\.", "{0}: Nur PDF-, PNG- oder JPEG-Dateien können angehängt werden.", "{0} : seuls les fichiers PDF, PNG ou JPEG peuvent être joints.", "{0}: solo se pueden adjuntar archivos PDF, PNG o JPEG."),
        P(@"Enter the number of instalments\.", "Geben Sie die Anzahl der Raten an.", "Indiquez le nombre d'échéances.", "Indique el número de plazos."),
        P(@"Choose from 2 to (\d+) instalments\.", "Wählen Sie 2 bis {0} Raten.", "Choisissez de 2 à {0} échéances.", "Elija de 2 a {0} plazos."),
        P(@"Enter the date of the first instalment\.", "Geben Sie das Datum der ersten Rate an.", "Indiquez la date de la première échéance.", "Indique la fecha del primer plazo."),
        P(@"The first instalment can be at most (\d+) days ahead \((\d{4}-\d{2}-\d{2})\)\.", "Die erste Rate darf höchstens {0} Tage in der Zukunft liegen ({1}).", "La première échéance peut être au plus dans {0} jours ({1}).", "El primer plazo puede ser como máximo dentro de {0} días ({1})."),
        P(@"Nothing open in ([A-Z]{3}) can go on a plan: it is already on one, disputed or paid\.", "Nichts Offenes in {0} kann in einen Ratenplan: Es ist bereits in einem, beanstandet oder bezahlt.", "Rien d'ouvert en {0} ne peut entrer dans un échéancier : c'est déjà le cas, contesté ou payé.", "Nada pendiente en {0} puede entrar en un plan: ya está en uno, reclamado o pagado."),
        P(@"Enter one email address, like name@example\.com\.", "Geben Sie eine E-Mail-Adresse an, etwa name@example.com.", "Indiquez une adresse e-mail, par exemple name@example.com.", "Indique una dirección de correo, por ejemplo name@example.com."),
        P(@"The start date must be on or before the end date\.", "Das Anfangsdatum muss vor dem Enddatum liegen oder ihm entsprechen.", "La date de début doit précéder la date de fin ou lui être égale.", "La fecha de inicio debe ser anterior o igual a la fecha de fin."),
        P(@"A statement can cover at most three years\.", "Ein Kontoauszug kann höchstens drei Jahre umfassen.", "Un relevé peut couvrir au plus trois ans.", "Un extracto puede abarcar como máximo tres años."),

        // Model binding: the field's name is the property's, so the translation leaves it out (the error sits under the field).
        P(@"The value '(.*)' is not valid(?: for .+)?\.", "Der Wert „{0}“ ist ungültig.", "La valeur « {0} » n'est pas valide.", "El valor «{0}» no es válido."),
        P(@"The value '(.*)' is invalid\.", "Der Wert „{0}“ ist ungültig.", "La valeur « {0} » n'est pas valide.", "El valor «{0}» no es válido."),
        P(@"The .+ field is required\.|A value is required\.", "Bitte füllen Sie dieses Feld aus.", "Veuillez remplir ce champ.", "Rellene este campo."),
    ];

    /// <summary>The message in the language of the portal's words; English, unknown messages and unknown languages stay as they are.</summary>
    public static string Translate(string message, PortalText text)
    {
        var language = text.Language.Code;
        if (language is not ("de" or "fr" or "es"))
        {
            return message;
        }

        foreach (var pattern in Patterns)
        {
            var match = pattern.English.Match(message);
            if (match.Success)
            {
                var format = language switch { "de" => pattern.De, "fr" => pattern.Fr, _ => pattern.Es };
                return string.Format(text.Culture, format, match.Groups.Values.Skip(1).Select(g => (object)g.Value).ToArray());
            }
        }

        return message;
    }

    /// <summary>Replaces every error of the page's model state by its translation.</summary>
    public static void TranslateAll(ModelStateDictionary modelState, PortalText text)
    {
        foreach (var entry in modelState.Values.Where(v => v.Errors.Count > 0))
        {
            var translated = entry.Errors
                .Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? e : new ModelError(Translate(e.ErrorMessage, text)))
                .ToList();
            entry.Errors.Clear();
            foreach (var error in translated)
            {
                entry.Errors.Add(error);
            }
        }
    }

    private static Pattern P(string english, string de, string fr, string es) =>
        new(new Regex("^(?:" + english + ")$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking), de, fr, es);
}
