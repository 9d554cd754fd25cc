using ArCollect.Domain.Disputes;
using ArCollect.Domain.Replies;

namespace ArCollect.Domain.Tests.Replies;

public class KeywordBaselineTests
{
    [Theory]
    [InlineData("The goods arrived damaged.", ReplyLabels.Dispute)]
    [InlineData("Die Rechnung wurde gestern bezahlt.", ReplyLabels.Paid)]
    [InlineData("Nous réglerons la facture vendredi, c'est prévu.", ReplyLabels.Promise)]
    [InlineData("¿Podrían enviar una copia de la factura?", ReplyLabels.InfoRequest)]
    [InlineData("Je suis absent jusqu'au 5 janvier.", ReplyLabels.OutOfOffice)]
    [InlineData("Noted.", ReplyLabels.Other)]
    public void Keywords_pick_the_intent(string text, string intent)
    {
        Assert.Equal(intent, KeywordBaseline.Classify(text).Intent);
    }

    [Theory]
    [InlineData("This is unacceptable.", ReplyLabels.Angry)]
    [InlineData("We already explained this to your colleague.", ReplyLabels.Frustrated)]
    [InlineData("Thanks, paid today.", ReplyLabels.Neutral)]
    public void Keywords_pick_the_tone(string text, string tone)
    {
        Assert.Equal(tone, KeywordBaseline.Classify(text).Tone);
    }

    [Fact]
    public void Macro_f1_is_the_mean_of_the_labels_f1_and_the_matrix_counts_rows_as_actual()
    {
        var predictions = new[]
        {
            new LabelledPrediction("en", "neutral", "neutral"), new LabelledPrediction("en", "neutral", "neutral"),
            new LabelledPrediction("en", "neutral", "angry"), new LabelledPrediction("en", "angry", "angry"),
            new LabelledPrediction("en", "frustrated", "neutral"),
        };
        var scores = ClassificationScores.Compute(ReplyLabels.Tones, predictions);

        // neutral: precision 2/3, recall 2/3 -> 0.667; frustrated: 0; angry: precision 1/2, recall 1 -> 0.667.
        Assert.Equal((2.0 / 3 + 0 + 2.0 / 3) / 3, scores.MacroF1, 6);
        Assert.Equal(0.6, scores.Accuracy, 6);
        Assert.Equal(1, scores.Confusion[0, 2]);
        Assert.Equal(1, scores.Confusion[1, 0]);
    }

    [Theory]
    [InlineData("Half of the pallets came in crushed.", DisputeReason.DamagedGoods)]
    [InlineData("Sie haben uns doppelt berechnet.", DisputeReason.DuplicateBilling)]
    [InlineData("Le prix unitaire est trop élevé.", DisputeReason.PricingError)]
    [InlineData("Nunca recibimos el pedido.", DisputeReason.NotReceived)]
    [InlineData("We object.", DisputeReason.Other)]
    public void A_dispute_reply_suggests_the_reason_its_words_point_to(string text, DisputeReason reason)
    {
        var suggestion = ReplySuggestion.For(ReplyLabels.Dispute, ReplyFacts.None, text, new DateOnly(2026, 12, 2));
        Assert.Equal(ReplyAction.OpenDispute, suggestion.Action);
        Assert.Equal(reason, suggestion.DisputeReason);
    }

    [Fact]
    public void A_promise_suggests_recording_the_stated_date()
    {
        var today = new DateOnly(2026, 12, 2);
        var text = "We will pay 1,200.00 EUR on 15.12.";
        var suggestion = ReplySuggestion.For(ReplyLabels.Promise, ReplyExtractor.Extract(text, today), text, today);
        Assert.Equal(ReplyAction.RecordPromise, suggestion.Action);
        Assert.Equal(new DateOnly(2026, 12, 15), suggestion.PromisedDate);
        Assert.Equal(new ExtractedAmount(1200m, "EUR"), suggestion.Amount);
    }

    [Theory]
    [InlineData("We will pay the invoice on Friday.", "en")]
    [InlineData("Wir zahlen die Rechnung am Freitag.", "de")]
    [InlineData("Nous payons la facture vendredi.", "fr")]
    [InlineData("Pagamos la factura el viernes, gracias.", "es")]
    public void The_language_is_guessed_from_function_words(string text, string language)
    {
        Assert.Equal(language, ReplyLanguage.Guess(text));
    }
}
