using ArCollect.Domain.Common;
using ArCollect.Domain.Dunning;

namespace ArCollect.Domain.Drafting;

/// <summary>
/// What a language model is sent to write a follow-up: fixed instructions and the facts the template draft used,
/// nothing else from the database. The same text is shown to the Admin on the settings page.
/// </summary>
public sealed record FollowUpPrompt(string Instructions, string Facts)
{
    public const string SubjectPrefix = "Subject:";

    public static FollowUpPrompt For(FollowUpFacts facts, FollowUpDraft templateDraft)
    {
        var language = Languages.Get(templateDraft.Language);
        var instructions =
            $"You write short accounts-receivable follow-up emails for {facts.CompanyName} to a customer. "
            + $"Write in {language.Name}, in a {ToneRule.Name(templateDraft.Tone)} tone. "
            + "Refer to the conversation so far using only the facts given; never invent amounts, dates, invoice numbers or promises. "
            + "Do not threaten anything not stated. Never say you are an AI. "
            + $"Answer with the subject on the first line, starting with \"{SubjectPrefix}\", then a blank line, then the body ending with a sign-off from {facts.CompanyName}.";
        var lines = new List<string>
        {
            $"Customer: {facts.CustomerName}",
            $"Contact: {(string.IsNullOrWhiteSpace(facts.ContactName) ? "unknown (use a formal greeting)" : facts.ContactName)}",
            $"Today: {facts.Today:yyyy-MM-dd}",
        };
        lines.AddRange(templateDraft.Facts.Select(f => $"{f.Kind}: {f.Text}"));
        return new FollowUpPrompt(instructions, string.Join('\n', lines));
    }

    /// <summary>Splits a model's answer into subject and body; without a subject line the fallback subject is kept.</summary>
    public static (string Subject, string Body) Parse(string answer, string fallbackSubject)
    {
        var text = answer.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.StartsWith(SubjectPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var end = text.IndexOf('\n', StringComparison.Ordinal);
            var subject = (end < 0 ? text : text[..end])[SubjectPrefix.Length..].Trim();
            var body = end < 0 ? "" : text[(end + 1)..].Trim();
            return (subject.Length == 0 ? fallbackSubject : subject, body);
        }

        return (fallbackSubject, text);
    }
}
