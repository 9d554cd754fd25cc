using ArCollect.Domain.Dunning;

namespace ArCollect.Domain.Tests.Dunning;

public class AutoReplyRulesTests
{
    private static bool Check(string subject, params (string Name, string Value)[] headers) =>
        AutoReplyRules.IsAutoReply(name => headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value, subject);

    [Theory]
    [InlineData("auto-replied")]
    [InlineData("auto-generated")]
    public void Auto_submitted_header_marks_an_automatic_reply(string value)
    {
        Assert.True(Check("Re: Payment reminder", ("Auto-Submitted", value)));
    }

    [Fact]
    public void Auto_submitted_no_is_a_person_writing()
    {
        Assert.False(Check("Re: Payment reminder", ("Auto-Submitted", "no")));
    }

    [Theory]
    [InlineData("Out of Office: Re: Payment reminder")]
    [InlineData("Automatic reply: Overdue invoices")]
    [InlineData("Abwesenheitsnotiz: Zahlungserinnerung")]
    public void Subject_wording_marks_an_automatic_reply(string subject)
    {
        Assert.True(Check(subject));
    }

    [Fact]
    public void Microsoft_and_precedence_headers_mark_automatic_replies()
    {
        Assert.True(Check("Re: Payment reminder", ("X-MS-Exchange-Inbox-Rules-Loop", "ap@acme.example")));
        Assert.True(Check("Re: Payment reminder", ("Precedence", "auto_reply")));
    }

    [Fact]
    public void Ordinary_reply_is_a_response()
    {
        Assert.False(Check("Re: Overdue invoices: please pay now", ("Precedence", "normal")));
    }
}
