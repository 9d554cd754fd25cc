using System.Globalization;
using System.Text;
using ArCollect.Domain.Common;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;

namespace ArCollect.Domain.Drafting;

/// <summary>
/// Writes a follow-up from the facts, deterministically: one paragraph per kind of fact (the last reply, payments
/// since the last reminder, promises, disputes, what is open and overdue) and an ask in the tone the history suggests.
/// Every fact it uses is listed, in English, for the clerk.
/// </summary>
public static class FollowUpComposer
{
    public const int OverdueLinesShown = 10;

    public static FollowUpDraft Compose(FollowUpFacts facts)
    {
        var w = FollowUpWordings.All[facts.Language];
        var language = Languages.Get(facts.Language);
        var culture = string.IsNullOrEmpty(language.CultureName) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language.CultureName);
        string Money(string currency, decimal amount) => facts.Language == "en"
            ? $"{currency} {amount.ToString("N2", CultureInfo.InvariantCulture)}"
            : $"{amount.ToString("N2", culture)} {currency}";
        string Date(DateOnly d) => d.ToString(language.DatePattern, culture);
        string F(string format, params object[] args) => string.Format(culture, format, args);

        var used = new List<DraftFact>();
        void Use(string kind, FormattableString text) => used.Add(new(kind, FormattableString.Invariant(text)));
        var paragraphs = new List<string>();
        var (tone, toneReason) = Tone(facts);

        if (facts.LastReply is { } reply)
        {
            var text = new StringBuilder(F(w.ReplyThanks, Date(reply.ReceivedOn)));
            if (reply.Intent is { } intent && w.ReplyIntent.TryGetValue(intent, out var said))
            {
                text.Append(' ').Append(said);
            }

            if (reply.Tone is { } replyTone && ReplyLabels.NeedsPerson(replyTone))
            {
                text.Append(' ').Append(w.Apology);
            }

            paragraphs.Add(text.ToString());
            var classified = reply.Intent is null ? "not classified" : $"intent {ReplyLabels.IntentName(reply.Intent)}, tone {reply.Tone}";
            Use("Last reply", $"{reply.ReceivedOn:yyyy-MM-dd} ({classified}): \"{reply.Excerpt}\"");
        }

        if (facts.LastReminderOn is { } reminded && facts.PaymentsSinceReminder.Count > 0)
        {
            var paid = facts.PaymentsSinceReminder.GroupBy(p => p.Currency, StringComparer.Ordinal)
                .Select(g => Money(g.Key, g.Sum(p => p.Amount))).ToList();
            paragraphs.Add(F(w.PaymentsSinceReminder, Date(reminded), string.Join(w.And, paid)));
            foreach (var p in facts.PaymentsSinceReminder)
            {
                Use("Payment since the last reminder", $"{p.Currency} {p.Amount:0.00} received {p.ReceivedOn:yyyy-MM-dd} (last reminder {reminded:yyyy-MM-dd})");
            }
        }

        foreach (var promise in facts.Promises)
        {
            var amount = Money(promise.Currency, promise.Amount);
            var format = promise.Status switch
            {
                PromiseStatus.Broken => w.PromiseBroken,
                PromiseStatus.Kept => w.PromiseKept,
                _ => w.PromiseOpen,
            };
            paragraphs.Add(F(format, amount, Date(promise.PromisedDate)));
            var on = promise.InvoiceNumber is null ? "the account" : $"invoice {promise.InvoiceNumber}";
            Use($"Promise {promise.Status.ToString().ToLowerInvariant()}", $"{promise.Currency} {promise.Amount:0.00} by {promise.PromisedDate:yyyy-MM-dd} on {on}, made {promise.MadeOn:yyyy-MM-dd}");
        }

        foreach (var dispute in facts.Disputes)
        {
            paragraphs.Add(dispute.Status == DisputeStatus.WaitingOnCustomer
                ? F(w.DisputeWaiting, dispute.InvoiceNumber)
                : F(w.DisputeOpen, dispute.InvoiceNumber, Money(dispute.Currency, dispute.Amount)));
            var reason = DisputeReasonCodes.DefaultLabel(DisputeReasonCodes.DefaultCode(dispute.Reason)).ToLowerInvariant();
            Use("Open dispute", $"invoice {dispute.InvoiceNumber}, {reason}, {DisputeLifecycle.Label(dispute.Status).ToLowerInvariant()}, {dispute.Currency} {dispute.Amount:0.00}, opened {dispute.OpenedOn:yyyy-MM-dd}");
        }

        var overdue = facts.Overdue.OrderBy(i => i.DueDate).ThenBy(i => i.Number, StringComparer.Ordinal).ToList();
        foreach (var currency in facts.Open.Select(i => i.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var open = facts.Open.Where(i => i.Currency == currency).ToList();
            var late = overdue.Where(i => i.Currency == currency).ToList();
            var openSum = open.Sum(i => i.Balance);
            if (late.Count == 0)
            {
                paragraphs.Add(F(w.NothingOverdue, Money(currency, openSum)));
                Use("Open, not yet due", $"{currency} {openSum:0.00} in {open.Count} invoice(s), none overdue");
                continue;
            }

            var lines = new StringBuilder(F(w.StillOpen, Money(currency, openSum), open.Count, Money(currency, late.Sum(i => i.Balance))));
            foreach (var item in late.Take(OverdueLinesShown))
            {
                lines.Append('\n').Append(F(w.OverdueLine, item.Number, Date(item.DueDate), Money(currency, item.Balance)));
                var disputed = item.DisputedAmount > 0m ? FormattableString.Invariant($", of which {item.DisputedAmount:0.00} disputed") : "";
                Use("Overdue invoice", $"{item.Number}, due {item.DueDate:yyyy-MM-dd} ({facts.Today.DayNumber - item.DueDate.DayNumber} days), {currency} {item.Balance:0.00}{disputed}");
            }

            paragraphs.Add(lines.ToString());
            Use("Open", $"{currency} {openSum:0.00} in {open.Count} invoice(s), {currency} {late.Sum(i => i.Balance):0.00} overdue");
        }

        paragraphs.Add(w.Ask[tone]);
        Use("Tone", $"{ToneRule.Name(tone)}: {toneReason}");
        Use("Language", $"{language.DisplayName}");

        var greeting = string.IsNullOrWhiteSpace(facts.ContactName) ? w.GreetingAnonymous : F(w.GreetingNamed, facts.ContactName);
        var body = $"{greeting}\n\n{string.Join("\n\n", paragraphs)}\n\n{w.SignOff}\n{facts.CompanyName}";
        return new FollowUpDraft(facts.Language, tone, toneReason, w.Subject, body, used);
    }

    /// <summary>
    /// The tone the history suggests: the stage of the debt gives the policy-like tone (nothing overdue: friendly; up
    /// to 30 days: neutral; older, or a broken promise: firm), the reminders' <see cref="ToneRule"/> adjusts it by the
    /// payment record, and an upset last reply caps it at neutral. A draft is never a final notice.
    /// </summary>
    public static (ReminderTone Tone, string Reason) Tone(FollowUpFacts facts)
    {
        var oldest = facts.Overdue.Select(i => facts.Today.DayNumber - i.DueDate.DayNumber).DefaultIfEmpty(0).Max();
        var broken = facts.Promises.Any(p => p.Status == PromiseStatus.Broken);
        var stage = broken || oldest > 30 ? ReminderTone.Firm : oldest > 0 ? ReminderTone.Neutral : ReminderTone.Friendly;
        var why = broken ? "a promise was broken" : oldest > 0 ? $"oldest overdue invoice {oldest} days late" : "nothing overdue";
        var choice = ToneRule.Choose(stage, facts.History);
        var reason = $"{why}; {char.ToLowerInvariant(choice.Reason[0])}{choice.Reason[1..]}";
        if (facts.LastReply?.Tone is { } replyTone && ReplyLabels.NeedsPerson(replyTone) && choice.Tone > ReminderTone.Neutral)
        {
            return (ReminderTone.Neutral, $"{reason} Kept at neutral: the last reply ({facts.LastReply.ReceivedOn:yyyy-MM-dd}) was {replyTone}.");
        }

        return (choice.Tone, reason);
    }
}
