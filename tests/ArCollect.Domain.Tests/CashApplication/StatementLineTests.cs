using ArCollect.Domain.CashApplication;

namespace ArCollect.Domain.Tests.CashApplication;

public sealed class StatementLineTests
{
    [Fact]
    public void The_bank_reference_is_the_key_when_given()
    {
        var line = new StatementLine("ABC-1", new DateOnly(2026, 11, 2), null, 10m, "EUR", EntryDirection.Credit, "X", null, "text");

        Assert.Equal("ref:ABC-1", line.Key);
    }

    [Fact]
    public void Without_a_bank_reference_the_same_content_gives_the_same_key_and_other_content_another()
    {
        var line = new StatementLine(null, new DateOnly(2026, 11, 2), null, 10m, "EUR", EntryDirection.Credit, "X", null, "text");

        Assert.Equal(line.Key, (line with { ValueDate = null }).Key);
        Assert.NotEqual(line.Key, (line with { Amount = 10.01m }).Key);
    }
}
