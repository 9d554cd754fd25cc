using System.Globalization;
using System.Text;

namespace ArCollect.Domain.Replies;

/// <summary>
/// Cue lexicons for the reply classifier, wider than <see cref="KeywordBaseline"/>'s words and matched on lower-cased
/// text with diacritics folded ("troisième" and "troisieme" alike): hostility (legal threats, "unacceptable",
/// "inakzeptabel", "inadmissible", "inaceptable"), weariness told through repetition ("third time", "still no",
/// "zum wiederholten Mal", "une fois de plus", "otra vez"), payment told as a story (a cheque cashed, offsetting, a
/// direct debit collected) and absence notes that say the person has left or the mailbox is no longer read. Each group
/// gives the classifier a count, not a verdict: the model weighs it against the n-grams.
/// </summary>
public static class ReplyLexicon
{
    private static readonly string[][] Groups =
    [
        // angry: threats and hostility
        [
            "unacceptable", "outrageous", "disgrace", "disgusting", "scandal", "lawyer", "solicitor", "legal action", "court", "sue you", "police",
            "ridiculous", "insult", "fraud", "scam", "harass", "how dare", "never again", "elsewhere", "shame on",
            "inakzeptabel", "unverschamt", "frechheit", "zumutung", "skandal", "anwalt", "gericht", "anzeige", "polizei", "betrug", "lacherlich", "unmoglich",
            "inadmissible", "inacceptable", "scandaleux", "honteux", "honte", "avocat", "tribunal", "plainte", "escroquerie", "ridicule", "harcel",
            "inaceptable", "verguenza", "abogado", "juzgado", "denuncia", "policia", "estafa", "ridiculo", "indignante", "acoso",
        ],
        // frustrated: repetition, waiting, weariness
        [
            "third time", "second time", "fourth", "once more", "once again", "again", "still no", "still not", "still wait", "how many times", "already told",
            "already sent", "already explained", "every time", "each time", "no reply", "no answer", "nobody", "no one", "tired", "fed up", "honestly", "frankly",
            "schon wieder", "wiederholt", "dritten mal", "zweiten mal", "wie oft", "immer noch", "nochmal", "noch einmal", "jedes mal", "keine antwort", "niemand",
            "reicht", "ehrlich gesagt", "geduld",
            "une fois de plus", "encore une fois", "troisieme fois", "deuxieme fois", "combien de fois", "toujours pas", "chaque fois", "personne", "aucune reponse",
            "franchement", "patience",
            "otra vez", "de nuevo", "tercera vez", "segunda vez", "cuantas veces", "todavia", "sigo esperando", "cada vez", "nadie", "cansad", "harto", "paciencia",
        ],
        // paid, told as a story
        [
            "cashed", "cleared", "offset", "netted", "settled", "direct debit", "took the money", "collected", "bank statement", "remittance", "left our account",
            "eingelost", "verrechnet", "lastschrift", "abgebucht", "eingezogen", "kontoauszug", "avis", "beglichen", "ausgeglichen",
            "encaisse", "compense", "preleve", "prelevement", "releve",
            "cobrado", "se cobro", "compensa", "domiciliacion", "extracto", "comprobante", "justificante", "abonad", "liquidad",
        ],
        // out of office: left, retired, mailbox closed or not read
        [
            "left the company", "no longer", "has left", "mailbox", "inbox", "not monitored", "not be read", "not be forwarded", "not forwarded", "retired",
            "automatic reply", "auto-reply", "out of office", "on leave", "back on",
            "nicht mehr", "postfach", "nicht weitergeleitet", "ruhestand", "in rente", "abwesen", "automatische antwort",
            "ne fait plus partie", "a quitte", "boite", "n'est plus", "retraite", "pas transfere", "absent", "reponse automatique", "de retour",
            "ya no", "buzon", "no se revisa", "jubil", "no sera", "reenvia", "fuera de la oficina", "respuesta automatica", "de vuelta",
        ],
    ];

    /// <summary>How many values <see cref="Counts"/> returns: angry, frustrated, paid story, absence.</summary>
    public static readonly int Count = Groups.Length;

    /// <summary>Per group, how many of its cues occur in the text (lower-cased, diacritics folded).</summary>
    public static float[] Counts(string strippedText)
    {
        var text = Fold(strippedText);
        var counts = new float[Groups.Length];
        for (var i = 0; i < Groups.Length; i++)
        {
            counts[i] = Groups[i].Count(w => text.Contains(w, StringComparison.Ordinal));
        }

        return counts;
    }

    /// <summary>Lower-cases and removes diacritics (ß as ss), so accent-less typing reads like the accented word.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
