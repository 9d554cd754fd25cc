using ArCollect.Domain.Disputes;

namespace ArCollect.Domain.Replies;

public enum ReplyAction
{
    None,
    OpenDispute,
    RecordPromise,
    LookForPayment,
    AnswerRequest,
}

/// <summary>What the clerk is offered for a classified reply; accepting it is one click, and nothing is sent to the customer.</summary>
public sealed record ReplySuggestion(ReplyAction Action, DisputeReason? DisputeReason, DateOnly? PromisedDate, ExtractedAmount? Amount, string? InvoiceNumber, string? PaymentReference)
{
    public static ReplySuggestion For(string intent, ReplyFacts facts, string strippedText, DateOnly messageDate)
    {
        var amount = facts.Amounts.Count > 0 ? facts.Amounts[0] : null;
        var invoice = facts.InvoiceNumbers.Count > 0 ? facts.InvoiceNumbers[0] : null;
        return intent switch
        {
            ReplyLabels.Dispute => new(ReplyAction.OpenDispute, ReasonOf(strippedText), null, amount, invoice, null),
            ReplyLabels.Promise => new(ReplyAction.RecordPromise, null, facts.FirstDateFrom(messageDate), amount, invoice, null),
            ReplyLabels.Paid => new(ReplyAction.LookForPayment, null, null, amount, invoice, facts.PaymentReferences.Count > 0 ? facts.PaymentReferences[0] : null),
            ReplyLabels.InfoRequest => new(ReplyAction.AnswerRequest, null, null, null, invoice, null),
            _ => new(ReplyAction.None, null, null, null, invoice, null),
        };
    }

    public string Describe() => Action switch
    {
        ReplyAction.OpenDispute => $"Open a dispute ({ReasonName(DisputeReason ?? Disputes.DisputeReason.Other)}){(InvoiceNumber is null ? "" : " on " + InvoiceNumber)}",
        ReplyAction.RecordPromise => PromisedDate is null ? "Record a promise to pay (no date stated)" : $"Record a promise to pay by {PromisedDate:yyyy-MM-dd}",
        ReplyAction.LookForPayment => $"Look for this payment{(Amount is null ? "" : $" of {Amount.Amount:0.00} {Amount.Currency}")}{(PaymentReference is null ? "" : $" (reference {PaymentReference})")}",
        ReplyAction.AnswerRequest => "Create a task to answer the request",
        _ => "No action needed",
    };

    public static string ReasonName(DisputeReason reason) => reason switch
    {
        Disputes.DisputeReason.PricingError => "pricing",
        Disputes.DisputeReason.QuantityMismatch => "quantity",
        Disputes.DisputeReason.DamagedGoods => "damaged goods",
        Disputes.DisputeReason.NotReceived => "not received",
        Disputes.DisputeReason.DuplicateBilling => "duplicate billing",
        Disputes.DisputeReason.ServiceQuality => "service quality",
        _ => "other",
    };

    private static readonly (DisputeReason Reason, string[] Words)[] ReasonWords =
    [
        (Disputes.DisputeReason.DuplicateBilling, ["twice", "duplicate", "already paid under", "another number", "doppelt", "duplikat", "anderen nummer", "deux fois", "doublon", "autre numéro", "dos veces", "duplicad", "otro número"]),
        (Disputes.DisputeReason.NotReceived, ["never received", "not received", "nothing was", "never delivered", "nie erhalten", "nie etwas", "nicht erhalten", "jamais reçu", "rien ne", "nunca recibimos", "no se nos entregó"]),
        (Disputes.DisputeReason.DamagedGoods, ["damaged", "broken", "crushed", "defect", "beschädigt", "defekt", "zerdrückt", "endommag", "défectueu", "écrasé", "dañad", "defectuos", "aplastad"]),
        (Disputes.DisputeReason.QuantityMismatch, ["quantit", "units", "missing", "menge", "stück", "fehlt", "unités", "manque", "cantidad", "unidades", "falta"]),
        (Disputes.DisputeReason.PricingError, ["price", "rate", "quoted", "vat", "tax", "preis", "mehrwertsteuer", "angebot", "prix", "tarif", "tva", "precio", "tarifa", "iva"]),
        (Disputes.DisputeReason.ServiceQuality, ["service", "not completed", "never finished", "did not turn up", "leistung", "montage", "techniker", "prestation", "installation", "techniciens", "servicio", "instalación", "técnicos"]),
    ];

    /// <summary>The dispute reason the reply's words point to; "other" when none does.</summary>
    public static DisputeReason ReasonOf(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var (reason, words) in ReasonWords)
        {
            if (words.Any(w => lower.Contains(w, StringComparison.Ordinal)))
            {
                return reason;
            }
        }

        return Disputes.DisputeReason.Other;
    }
}
