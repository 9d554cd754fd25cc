using ArCollect.Domain.Replies;

namespace ArCollect.Domain.Tests.Replies;

public class ReplyLexiconTests
{
    [Fact]
    public void Folding_lowercases_and_drops_accents_so_plain_typing_matches()
    {
        Assert.Equal("troisieme fois, deja regle. strasse ubermorgen, inaceptable", ReplyLexicon.Fold("Troisième fois, déjà réglé. Straße übermorgen, INACEPTABLE"));
    }

    [Theory]
    [InlineData("This is unacceptable, our lawyer has a copy.", 0, 2)]
    [InlineData("Das ist INAKZEPTABEL.", 0, 1)]
    [InlineData("C'est inadmissible", 0, 1)]
    [InlineData("Es inaceptable", 0, 1)]
    [InlineData("This is the third time I ask, still no answer.", 1, 3)]
    [InlineData("C'est la troisieme fois, toujours pas de réponse", 1, 2)]
    [InlineData("The cheque was cashed on the 16th.", 2, 1)]
    [InlineData("Wir haben die Rechnung mit der Gutschrift verrechnet.", 2, 1)]
    [InlineData("Jenny has left the company; this mailbox is not monitored.", 3, 4)]
    [InlineData("Ce message n'est pas transféré, Mme Roux a quitté la société.", 3, 2)]
    public void Each_group_counts_its_cues_in_any_of_the_four_languages(string text, int group, int hits)
    {
        var counts = ReplyLexicon.Counts(text);

        Assert.Equal(ReplyLexicon.Count, counts.Length);
        Assert.Equal(hits, counts[group]);
        Assert.All(Enumerable.Range(0, counts.Length).Where(i => i != group), i => Assert.True(counts[i] <= 1, $"group {i} counted {counts[i]} in '{text}'"));
    }

    [Fact]
    public void A_plain_neutral_reply_counts_no_hostility_or_weariness()
    {
        var counts = ReplyLexicon.Counts("We will pay invoice 4711 on Friday. Kind regards");

        Assert.Equal((0f, 0f), (counts[0], counts[1]));
    }
}
