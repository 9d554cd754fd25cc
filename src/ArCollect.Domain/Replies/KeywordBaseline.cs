namespace ArCollect.Domain.Replies;

/// <summary>
/// The keyword rules a team would write without a model: the first intent with a keyword in the stripped text wins
/// (in a fixed order), else "other"; tone is angry or frustrated on their words, else neutral. The model must beat it.
/// </summary>
public static class KeywordBaseline
{
    private static readonly (string Intent, string[] Words)[] IntentWords =
    [
        (ReplyLabels.OutOfOffice, ["out of office", "out of the office", "annual leave", "on leave", "nicht im büro", "abwesend", "urlaub", "absent", "congé", "fuera de la oficina", "vacaciones", "automatic reply", "automatische antwort", "réponse automatique", "respuesta automática"]),
        (ReplyLabels.Dispute, ["dispute", "wrong", "incorrect", "damaged", "not received", "never received", "duplicate", "twice", "credit note", "falsch", "beschädigt", "nicht erhalten", "doppelt", "gutschrift", "widersprechen", "conteste", "contestons", "endommagé", "erroné", "doublon", "reclam", "dañad", "duplicad", "incorrect", "abono"]),
        (ReplyLabels.Paid, ["already paid", "paid", "remittance", "transferred", "bezahlt", "überwiesen", "beglichen", "payé", "réglé", "viré", "pagado", "pagada", "transferencia se hizo", "justificante"]),
        (ReplyLabels.Promise, ["will pay", "we'll pay", "scheduled", "next week", "zahlung erfolgt", "überweisen", "werden zahlen", "réglerons", "paierons", "prévu", "pagaremos", "previsto", "will be paid"]),
        (ReplyLabels.InfoRequest, ["copy", "send", "statement", "bank details", "kopie", "schicken", "senden", "kontoauszug", "copie", "envoyer", "relevé", "copia", "enviar", "envíen", "extracto", "?"]),
    ];

    private static readonly string[] AngryWords = ["unacceptable", "!!", "harass", "disgrace", "lawyer", "inakzeptabel", "belästig", "zumutung", "anwalt", "inacceptable", "harceler", "avocat", "inaceptable", "acosar", "abogado"];
    private static readonly string[] FrustratedWords = ["again", "third time", "already explained", "still", "schon wieder", "dritte mal", "bereits erklärt", "immer noch", "encore", "troisième fois", "déjà expliqué", "otra vez", "tercera vez", "ya se lo", "todavía"];

    /// <summary>How many values <see cref="Signals"/> returns.</summary>
    public static readonly int SignalCount = IntentWords.Length + 2;

    /// <summary>
    /// The baseline's evidence as numbers, for a model to weigh instead of obeying the fixed order: per intent in
    /// <see cref="IntentWords"/> order, then angry and frustrated, how many of its keywords occur in the text.
    /// </summary>
    public static float[] Signals(string strippedText)
    {
        var text = strippedText.ToLowerInvariant();
        var signals = new float[SignalCount];
        for (var i = 0; i < IntentWords.Length; i++)
        {
            signals[i] = Hits(text, IntentWords[i].Words);
        }

        signals[IntentWords.Length] = Hits(text, AngryWords);
        signals[IntentWords.Length + 1] = Hits(text, FrustratedWords);
        return signals;
    }

    private static int Hits(string text, string[] words) => words.Count(w => text.Contains(w, StringComparison.Ordinal));

    public static (string Intent, string Tone) Classify(string strippedText)
    {
        var text = strippedText.ToLowerInvariant();
        var intent = IntentWords.FirstOrDefault(i => i.Words.Any(w => text.Contains(w, StringComparison.Ordinal))).Intent ?? ReplyLabels.Other;
        var tone = AngryWords.Any(w => text.Contains(w, StringComparison.Ordinal)) ? ReplyLabels.Angry
            : FrustratedWords.Any(w => text.Contains(w, StringComparison.Ordinal)) ? ReplyLabels.Frustrated
            : ReplyLabels.Neutral;
        return (intent, tone);
    }
}
