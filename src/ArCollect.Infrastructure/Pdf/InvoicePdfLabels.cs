namespace ArCollect.Infrastructure.Pdf;

/// <summary>
/// The words of an invoice PDF in one language. Composite formats take their values in the order the comment names;
/// amounts and dates arrive already formatted for the language (see <see cref="Dunning.ReminderFormatting"/>).
/// </summary>
public sealed record InvoicePdfLabels(
    string Invoice,
    string IssueDate,
    string SupplyDate,
    string DueDate,
    string Terms,
    string YourOrder,
    string BillTo,
    string VatId,
    IReadOnlyList<string> Columns,
    string Subtotal,
    string TaxAtRate,
    string Total,
    string BalanceDue,
    string PayBy,
    string EarlyDiscount,
    string ReverseCharge,
    string BankDetails,
    string AccountHolder,
    string Bank,
    string PaymentReference,
    string Continued,
    string PageOf)
{
    /// <summary>Languages with their own invoice wording: the ones reminders ship in.</summary>
    public static readonly IReadOnlyDictionary<string, InvoicePdfLabels> All = new Dictionary<string, InvoicePdfLabels>(StringComparer.Ordinal)
    {
        ["en"] = new(
            "Invoice", "Issue date", "Supply date", "Due date", "Terms", "Your order", "Bill to", "VAT ID",
            ["Description", "Qty", "Unit price", "Tax %", "Net"],
            "Subtotal", "VAT {0} % on {1}", "Total", "Balance due",
            "Please pay {0} by {1}, quoting the payment reference {2}.",
            "Pay {0} by {1} to take the {2} % early-payment discount.",
            "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).",
            "Bank details", "Account holder", "Bank", "Payment reference", "(continued)", "Page {0} of {1}"),
        ["de"] = new(
            "Rechnung", "Rechnungsdatum", "Leistungsdatum", "Fällig am", "Zahlungsbedingungen", "Ihre Bestellung", "Rechnungsempfänger", "USt-IdNr.",
            ["Beschreibung", "Menge", "Einzelpreis", "USt. %", "Netto"],
            "Zwischensumme (netto)", "USt. {0} % auf {1}", "Gesamtbetrag", "Offener Betrag",
            "Bitte überweisen Sie {0} bis zum {1} unter Angabe des Verwendungszwecks {2}.",
            "Bei Zahlung von {0} bis zum {1} ziehen Sie {2} % Skonto ab.",
            "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, Art. 196 der Richtlinie 2006/112/EG).",
            "Bankverbindung", "Kontoinhaber", "Bank", "Verwendungszweck", "(Fortsetzung)", "Seite {0} von {1}"),
        ["fr"] = new(
            "Facture", "Date de facture", "Date de livraison", "Échéance", "Conditions de paiement", "Votre commande", "Facturé à", "N° TVA",
            ["Désignation", "Qté", "Prix unitaire", "TVA %", "Montant HT"],
            "Total HT", "TVA {0} % sur {1}", "Total TTC", "Reste à payer",
            "Merci de régler {0} avant le {1} en indiquant la référence de paiement {2}.",
            "Escompte de {2} % : réglez {0} avant le {1}.",
            "Autoliquidation : TVA due par le preneur (article 196 de la directive 2006/112/CE).",
            "Coordonnées bancaires", "Titulaire du compte", "Banque", "Référence de paiement", "(suite)", "Page {0} sur {1}"),
        ["es"] = new(
            "Factura", "Fecha de expedición", "Fecha de la operación", "Vencimiento", "Condiciones de pago", "Su pedido", "Facturar a", "NIF-IVA",
            ["Descripción", "Cant.", "Precio unitario", "IVA %", "Base"],
            "Base imponible", "IVA {0} % sobre {1}", "Total", "Importe pendiente",
            "Le rogamos que abone {0} antes del {1} indicando la referencia de pago {2}.",
            "Descuento por pronto pago del {2} %: abone {0} antes del {1}.",
            "Inversión del sujeto pasivo (artículo 196 de la Directiva 2006/112/CE).",
            "Datos bancarios", "Titular de la cuenta", "Banco", "Referencia de pago", "(continuación)", "Página {0} de {1}"),
    };

    /// <summary>The language an invoice is written in: the customer's, else the tenant's default, else English, among those with wording.</summary>
    public static string LanguageFor(string? customerLanguage, string? tenantDefault) =>
        Domain.Common.Languages.Candidates(customerLanguage, tenantDefault).First(All.ContainsKey);
}
