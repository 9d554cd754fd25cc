namespace ArCollect.Infrastructure.Dunning;

/// <summary>
/// The reminder sentences for an early-payment discount still on offer and for a payment plan's next instalment, in
/// the shipped languages (English for any other); the amounts and dates arrive already formatted in the template's language.
/// </summary>
public static class ReminderIncentiveWording
{
    private static readonly Dictionary<string, (string Offer, string Instalment)> Lines = new(StringComparer.Ordinal)
    {
        ["en"] = ("Pay {0} by {1} and save {2} (early-payment discount).",
            "Under your payment plan, instalment {0} of {1} is due: {2} by {3}. The amounts above are each invoice's share of it."),
        ["de"] = ("Zahlen Sie {0} bis {1} und sparen Sie {2} (Skonto).",
            "Gemäß Ihrem Ratenplan ist Rate {0} von {1} fällig: {2} bis {3}. Die Beträge oben sind der Anteil jeder Rechnung daran."),
        ["fr"] = ("Payez {0} avant le {1} et économisez {2} (escompte pour paiement anticipé).",
            "Selon votre échéancier, l'échéance {0} sur {1} est due : {2} avant le {3}. Les montants ci-dessus sont la part de chaque facture."),
        ["es"] = ("Pague {0} antes del {1} y ahorre {2} (descuento por pronto pago).",
            "Según su plan de pagos, vence la cuota {0} de {1}: {2} antes del {3}. Los importes anteriores son la parte de cada factura."),
    };

    private static (string Offer, string Instalment) For(string? language) =>
        Lines.GetValueOrDefault(Domain.Common.Languages.Get(language).Code) is { Offer: not null } found ? found : Lines["en"];

    public static string Offer(string? language, string payAmount, string deadline, string saving) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, For(language).Offer, payAmount, deadline, saving);

    public static string Instalment(string? language, int number, int count, string amount, string dueDate) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, For(language).Instalment, number, count, amount, dueDate);
}
