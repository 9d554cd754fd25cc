namespace ArCollect.Infrastructure.Dunning;

/// <summary>
/// The shipped templates' line about money on the customer's account that is not yet applied: it has been counted
/// against the oldest invoices, so the amounts listed are what is still owed.
/// </summary>
public static class ReminderCreditWording
{
    private static readonly Dictionary<string, string> Lines = new(StringComparer.Ordinal)
    {
        ["en"] = "Your account holds {{ credit.amount_text }} in payments not yet matched to an invoice; we have counted it against your oldest invoices, and the amounts above are what remains.",
        ["de"] = "Auf Ihrem Konto liegen {{ credit.amount_text }} an Zahlungen, die noch keiner Rechnung zugeordnet sind; wir haben sie mit Ihren ältesten Rechnungen verrechnet, die Beträge oben sind der Rest.",
        ["fr"] = "Votre compte présente {{ credit.amount_text }} de paiements non encore affectés à une facture ; nous les avons imputés sur vos factures les plus anciennes, et les montants ci-dessus sont le solde restant.",
        ["es"] = "Su cuenta tiene {{ credit.amount_text }} en pagos aún no asignados a ninguna factura; los hemos descontado de sus facturas más antiguas y los importes anteriores son lo que queda.",
    };

    /// <summary>The line in a shipped language, English for any other.</summary>
    public static string For(string language) => Lines.GetValueOrDefault(language) ?? Lines["en"];
}
