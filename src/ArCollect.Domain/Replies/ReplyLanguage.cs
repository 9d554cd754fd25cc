namespace ArCollect.Domain.Replies;

/// <summary>Guesses the language of a reply (en, de, fr, es) from common function words; null when nothing points anywhere.</summary>
public static class ReplyLanguage
{
    private static readonly (string Code, string[] Words)[] Markers =
    [
        ("en", ["the", "we", "and", "you", "is", "for", "please", "will", "our", "have", "this", "thanks", "paid", "invoice"]),
        ("de", ["der", "die", "das", "und", "wir", "ist", "sie", "bitte", "nicht", "mit", "ich", "rechnung", "zahlung", "uns"]),
        ("fr", ["le", "la", "les", "et", "nous", "est", "vous", "merci", "pas", "pour", "je", "facture", "paiement", "une"]),
        ("es", ["el", "los", "las", "y", "nosotros", "es", "por", "favor", "gracias", "para", "factura", "pago", "una", "hemos"]),
    ];

    public static string? Guess(string text)
    {
        var words = text.ToLowerInvariant().Split([' ', '\n', '\r', '\t', ',', '.', '!', '?', ';', ':', '(', ')', '¿', '¡', '"'], StringSplitOptions.RemoveEmptyEntries);
        var best = Markers.Select(m => (m.Code, Hits: words.Count(w => m.Words.Contains(w)))).OrderByDescending(m => m.Hits).First();
        return best.Hits == 0 ? null : best.Code;
    }
}
