using System.Globalization;
using System.Text;

namespace ArCollect.Domain.Dunning;

/// <summary>What a collector records after a call, in one click.</summary>
public enum CallOutcome
{
    Reached,
    Promise,
    Dispute,
    WrongNumber,
    Voicemail,
}

/// <summary>What the collector should know before dialling, as the reminder run saw it.</summary>
public sealed record CallFacts(
    string CustomerName,
    string? ContactName,
    string? ContactPhone,
    IReadOnlyList<(string Number, DateOnly DueDate, int DaysOverdue, decimal Amount, string Currency)> Invoices,
    IReadOnlyList<(DateOnly Date, decimal Amount, string Currency, PromiseStatus Status)> Promises,
    IReadOnlyList<(string Reason, decimal Amount, string Currency, string Status)> Disputes,
    DateTimeOffset? LastReplyAt);

/// <summary>Writes a call task's script from the facts: amounts, days overdue, promises, disputes, last reply.</summary>
public static class CallScript
{
    public static string Write(CallFacts facts)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"Call {facts.ContactName ?? "the accounts payable team"} at {facts.CustomerName}");
        text.AppendLine(facts.ContactPhone is null ? " (no phone number on file)." : string.Create(c, $" on {facts.ContactPhone}."));
        foreach (var total in facts.Invoices.GroupBy(i => i.Currency).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(string.Create(c, $"Overdue: {total.Key} {total.Sum(i => i.Amount):N2} on {total.Count()} invoice(s)."));
        }

        foreach (var i in facts.Invoices)
        {
            text.AppendLine(string.Create(c, $"- {i.Number}, due {i.DueDate:yyyy-MM-dd}, {i.DaysOverdue} {(i.DaysOverdue == 1 ? "day" : "days")} overdue: {i.Currency} {i.Amount:N2}"));
        }

        text.AppendLine(facts.Promises.Count == 0 ? "Promises: none so far."
            : "Promises: " + string.Join("; ", facts.Promises.Select(p => string.Create(c, $"{p.Currency} {p.Amount:N2} by {p.Date:yyyy-MM-dd} ({p.Status.ToString().ToLowerInvariant()})"))) + ".");
        text.AppendLine(facts.Disputes.Count == 0 ? "Disputes: none open."
            : "Disputes: " + string.Join("; ", facts.Disputes.Select(d => string.Create(c, $"{d.Reason}, {d.Currency} {d.Amount:N2} ({d.Status})"))) + ".");
        text.Append(facts.LastReplyAt is { } reply ? string.Create(c, $"Last reply: {reply.UtcDateTime:yyyy-MM-dd}.") : "Last reply: none.");
        text.AppendLine();
        text.Append("Ask when the payment will be made; record the outcome below.");
        return text.ToString();
    }
}
