using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Payments;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Pdf;
using ArCollect.Infrastructure.Portal;
using ArCollect.Infrastructure.Sms;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ArCollect.Infrastructure.Dunning;

public sealed record BatchWriteResult(int Decisions, int Messages, int Parked, int Tasks);

/// <summary>Decides each customer of a loaded batch and stages everything the decisions produce, in the caller's transaction.</summary>
public sealed class ReminderBatchWriter(
    ArCollectDbContext db, ReminderTemplateEngine templates, DunningOptions options, Tenant tenant, DunningSetup setup, DateOnly runDate, DateTimeOffset now)
{
    private readonly List<OutboxMessage> messages = [];
    private readonly List<(CustomerRow Row, CustomerDecision Decision, OutboxMessage? Message, string? SendReason)> decisions = [];
    private readonly List<CollectionTask> tasks = [];
    private readonly List<Activity> activities = [];
    private readonly HashSet<Guid> creditHolds = [];
    private readonly Dictionary<Guid, IReadOnlyList<(string Currency, decimal Amount)>> netCredits = [];
    private readonly Dictionary<Guid, List<Domain.PaymentPlans.InstalmentRequest>> instalments = [];
    private IReadOnlyDictionary<Guid, (decimal Amount, DateOnly Deadline)> discounts = new Dictionary<Guid, (decimal, DateOnly)>();
    private readonly Dictionary<string, IssuedPortalLink> portalLinks = new(StringComparer.Ordinal);
    private readonly PortalLinks links = new(db, options, TimeProvider.System);
    private readonly Dictionary<string, SmsDecision> smsDecisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> callScripts = new(StringComparer.Ordinal);
    private HashSet<string> taskKeys = [];
    private IReadOnlyDictionary<(Guid InvoiceId, Guid StepId), Guid> loggedSteps = new Dictionary<(Guid, Guid), Guid>();
    private readonly List<(Guid LogId, Guid? MessageId, ReminderTone Tone)> reachedAgain = [];

    public async Task<BatchWriteResult> WriteAsync(DunningBatch batch, CancellationToken ct)
    {
        messages.Clear();
        decisions.Clear();
        tasks.Clear();
        activities.Clear();
        creditHolds.Clear();
        netCredits.Clear();
        instalments.Clear();
        discounts = batch.Discounts;
        portalLinks.Clear();
        smsDecisions.Clear();
        callScripts.Clear();
        taskKeys = batch.ExistingTaskKeys.ToHashSet(StringComparer.Ordinal);
        loggedSteps = batch.LoggedSteps;
        reachedAgain.Clear();
        foreach (var row in batch.Customers)
        {
            await DecideAsync(row, batch);
        }

        var inserted = await OutboxBatchWriter.EnqueueAsync(db, messages, ct);
        var decided = messages.Count;

        // A message already in the outbox (a rerun) keeps the link it was written with; the new one is never saved.
        foreach (var unused in portalLinks.Where(l => !inserted.Contains(l.Key)).Select(l => l.Value.Link))
        {
            db.PortalLinks.Remove(unused);
        }

        if (setup.Company is { AttachInvoicePdfs: true })
        {
            await AttachInvoicesAsync(inserted, ct);
        }

        var parked = 0;
        foreach (var (row, decision, message, sendReason) in decisions)
        {
            if (message is not null && !inserted.Contains(message.IdempotencyKey))
            {
                continue;
            }

            parked += message?.Status == OutboxStatus.Parked ? 1 : 0;
            Record(row, decision, message, sendReason);
            if (smsDecisions.TryGetValue(decision.IdempotencyKey, out var sms) && (sms.Message is null || inserted.Contains(sms.Message.IdempotencyKey)))
            {
                activities.Add(SmsReminders.Timeline(decision.Customer.Id, sms, now, ZoneOf(row.TimeZone)));
            }
        }

        // A policy step's manager notification is only known once its reminder is recorded: its alert email goes
        // to the outbox in the same transaction too.
        inserted.UnionWith(await OutboxBatchWriter.EnqueueAsync(db, messages.GetRange(decided, messages.Count - decided), ct));

        db.CollectionTasks.AddRange(tasks);
        db.Activities.AddRange(activities);
        await db.SaveChangesAsync(ct);
        foreach (var (logId, messageId, tone) in reachedAgain)
        {
            await db.ReminderLog.Where(r => r.Id == logId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.RunDate, runDate).SetProperty(r => r.OutboxMessageId, messageId)
                .SetProperty(r => r.Tone, tone).SetProperty(r => r.CreatedAt, now), ct);
        }

        if (creditHolds.Count > 0)
        {
            await db.Customers.Where(c => creditHolds.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OnCreditHold, true), ct);
        }

        var reminders = messages.Count(m => m.Kind == MessageKind.Reminder && inserted.Contains(m.IdempotencyKey));
        return new BatchWriteResult(decisions.Count, reminders - parked, parked, tasks.Count);
    }

    private async Task DecideAsync(CustomerRow row, DunningBatch batch)
    {
        var customer = row.Customer;
        var invoices = NetOfCredit(SettlePlans(row, batch, out var coverDates), batch.Credits[customer.Id].ToList(), customer.Id, coverDates);
        var promiseGrace = setup.Portal?.PromiseGraceDays ?? 0;
        var active = new List<DunningPromise>();
        var broken = new List<DunningPromise>();
        foreach (var promise in batch.OpenPromises[customer.Id])
        {
            var before = promise.Status;
            promise.Status = PromiseRules.Evaluate(promise.Status, promise.PromisedDate, promise.Amount, batch.PaidSincePromise.GetValueOrDefault(promise.Id), runDate, promiseGrace);
            if (promise.Status != before)
            {
                activities.Add(PromiseSettled(promise));
            }

            var item = new DunningPromise(promise.Id, promise.InvoiceId, promise.PromisedDate, promise.Amount, promise.Status, promiseGrace);
            (promise.Status == PromiseStatus.Broken ? broken : active).Add(item);
        }

        var contactHistory = batch.Contacts.GetValueOrDefault(customer.Id) ?? new ContactHistory(null, 0, null);
        var facts = new EscalationFacts(customer, invoices, broken, contactHistory.RemindersSinceResponse,
            contactHistory.LastResponseAt is { } r ? DateOnly.FromDateTime(r.UtcDateTime) : null);
        foreach (var escalation in EscalationEvaluator.Evaluate(setup.Rules, facts, runDate))
        {
            AddTask(row, escalation.Assignee, escalation.Title, escalation.Reason, "Escalation", escalation.SourceKey);
        }

        var valid = customer with { Contacts = customer.Contacts.Select(c => c with { Bounced = c.Bounced || !IsValidAddress(c.Email) }).ToList() };
        var policy = setup.PolicyFor(row.PolicyId);
        var decision = ReminderPlanner.Decide(valid, invoices, active, policy.Steps, batch.Reached[customer.Id].ToList(), runDate);
        if (decision.Due.Count == 0)
        {
            return;
        }

        OutboxMessage? message = null;
        string? sendReason = null;
        if (decision.SendsEmail)
        {
            var sendTime = SendTimePlanner.Choose(now, row.TimeZone, batch.ResponseDays[customer.Id].ToDictionary(d => d.Day, d => d.Count));
            sendReason = sendTime.Reason;
            message = await ComposeAsync(decision, contactHistory, sendTime.At, row.Language, batch.People.GetValueOrDefault(decision.Recipients[0].Id));
            messages.Add(message);
        }

        if (decision.Actions.HasFlag(StepActions.Sms))
        {
            var key = SmsReminders.KeyFor(decision);
            // The email's link when there is one; a link of its own otherwise, dropped with the SMS if it is not written.
            var shared = portalLinks.GetValueOrDefault(decision.IdempotencyKey);
            var portal = shared ?? await links.IssueAsync(customer.Id, "SMS reminder", null, CancellationToken.None, now);
            if (shared is null)
            {
                portalLinks[key] = portal;
            }

            var sms = await SmsReminders.ComposeAsync(templates, setup, options, decision, batch.Phones[customer.Id].ToList(),
                ModelFor(decision, contactHistory, portal.Url, null, null), row.TimeZone, row.Language, now);
            smsDecisions[decision.IdempotencyKey] = sms;
            if (sms.Message is not null)
            {
                messages.Add(sms.Message);
            }
        }

        if (decision.Actions.HasFlag(StepActions.CallTask))
        {
            callScripts[decision.IdempotencyKey] = CallScript.Write(CallFactsFor(decision, batch, active.Concat(broken).ToList(), contactHistory));
        }

        decisions.Add((row, decision, message, sendReason));
    }

    private CallFacts CallFactsFor(CustomerDecision decision, DunningBatch batch, IReadOnlyList<DunningPromise> promises, ContactHistory history)
    {
        var customerId = decision.Customer.Id;
        var phones = batch.Phones[customerId].Where(c => c.WrongNumberAt is null).OrderByDescending(c => c.IsPrimary).ToList();
        var callee = phones.FirstOrDefault(c => c.Mobile is not null || c.Phone is not null) ?? phones.FirstOrDefault();
        var currency = batch.Invoices[customerId].Select(i => i.Currency).FirstOrDefault() ?? "";
        return new CallFacts(
            decision.Customer.Name,
            callee?.Name,
            callee?.Phone ?? callee?.Mobile,
            decision.Due.Select(d => (d.Invoice.Number, d.Invoice.DueDate, d.DaysOverdue, d.Invoice.OpenAmount, d.Invoice.Currency)).ToList(),
            promises.Select(p => (p.PromisedDate, p.Amount, currency, p.Status)).ToList(),
            batch.Invoices[customerId].Where(i => i.IsDisputed || i.DisputedAmount > 0m)
                .Select(i => ($"invoice {i.Number}", i.DisputedAmount > 0m ? i.DisputedAmount : i.OpenAmount, i.Currency, "open")).ToList(),
            history.LastResponseAt);
    }

    private static TimeZoneInfo ZoneOf(string timeZone) => TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private ReminderModel ModelFor(CustomerDecision decision, ContactHistory history, string portalUrl, DunningContact? first, ContactPerson? person) =>
        new ReminderModel(tenant.Name, decision.Customer.Name, decision.Customer.Segment, first?.Name, first?.Email, decision.Due, runDate,
            history.LastReminderAt is { } last ? DateOnly.FromDateTime(last.UtcDateTime) : null,
            portalUrl, decision.Tone!.Tone)
        {
            Person = person,
            Payment = PaymentAccount.From(setup.Company, tenant.Name),
            Credits = netCredits.GetValueOrDefault(decision.Customer.Id)?.Where(c => decision.Due.Any(d => d.Invoice.Currency == c.Currency)).ToList() ?? [],
            Instalments = instalments.GetValueOrDefault(decision.Customer.Id)?.Where(r => decision.Due.Any(d => r.PerInvoice.ContainsKey(d.Invoice.Id))).ToList() ?? [],
            Discounts = decision.Due.Where(d => discounts.ContainsKey(d.Invoice.Id)).ToDictionary(d => d.Invoice.Id, d => discounts[d.Invoice.Id]),
        };

    private async Task<OutboxMessage> ComposeAsync(CustomerDecision decision, ContactHistory history, DateTimeOffset sendAt, string? language, ContactPerson? person)
    {
        var tone = decision.Tone!.Tone;
        var first = decision.Recipients[0];
        var portal = await links.IssueAsync(decision.Customer.Id, "Reminder", null, CancellationToken.None, now);
        portalLinks[decision.IdempotencyKey] = portal;
        var model = ModelFor(decision, history, portal.Url, first, person);
        var (rendered, failure) = await templates.RenderAsync(setup.TemplateFor(tone, language), model);
        return new OutboxMessage
        {
            IdempotencyKey = decision.IdempotencyKey,
            Kind = MessageKind.Reminder,
            CustomerId = decision.Customer.Id,
            ToAddresses = string.Join(", ", decision.Recipients.Select(c => new MailboxAddress(c.Name, c.Email).ToString(true))),
            FromAddress = setup.Mail?.FromAddress,
            ReplyTo = PlusAddress(setup.Mail?.ReplyToAddress, decision.Customer.Id),
            Subject = rendered?.Subject ?? $"(not sent) reminder for {decision.Customer.Name}",
            TextBody = rendered?.Text ?? "",
            HtmlBody = rendered?.Html,
            MessageId = MessageComposer.NewMessageId(options.MessageIdDomain),
            Status = failure is null ? OutboxStatus.Pending : OutboxStatus.Parked,
            LastError = failure,
            NotBefore = sendAt,
            CreatedAt = now,
        };
    }

    /// <summary>The PDF of every invoice a new reminder lists, stored with the message so a retry sends the same files.</summary>
    private async Task AttachInvoicesAsync(HashSet<string> inserted, CancellationToken ct)
    {
        var reminders = decisions
            .Where(d => d.Message is { Kind: MessageKind.Reminder, Status: OutboxStatus.Pending } m && inserted.Contains(m.IdempotencyKey))
            .Select(d => (Message: d.Message!, InvoiceIds: d.Decision.Due.Select(i => i.Invoice.Id).ToList()))
            .ToList();
        if (reminders.Count == 0)
        {
            return;
        }

        var urls = portalLinks.Values.ToDictionary(l => l.Link.CustomerId, l => l.Url);
        var files = await new InvoicePdfs(db).RenderManyAsync(reminders.SelectMany(r => r.InvoiceIds).Distinct().ToList(), ct, urls.GetValueOrDefault);
        foreach (var (message, invoiceIds) in reminders)
        {
            db.OutboxAttachments.AddRange(invoiceIds.Where(files.ContainsKey).Select(id => new OutboxAttachment
            {
                Id = Guid.CreateVersion7(),
                OutboxMessageId = message.Id,
                FileName = files[id].FileName,
                ContentType = InvoicePdfFile.ContentType,
                Content = files[id].Content,
            }));
        }
    }

    private void Record(CustomerRow row, CustomerDecision decision, OutboxMessage? message, string? sendReason)
    {
        var customer = decision.Customer;
        foreach (var due in decision.Due)
        {
            // A payment plan restarts the steps of its invoices (from the day it took effect, or the current instalment's
            // turn, or again after it is breached), so a step can be reached a second time: its row moves to this run
            // instead of a second row, which the unique (invoice, step) index refuses.
            if (loggedSteps.TryGetValue((due.Invoice.Id, due.Step.Id), out var logId))
            {
                reachedAgain.Add((logId, message?.Id, decision.Tone!.Tone));
                continue;
            }

            db.ReminderLog.Add(new ReminderLogEntry
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer.Id,
                InvoiceId = due.Invoice.Id,
                StepId = due.Step.Id,
                OutboxMessageId = message?.Id,
                Tone = decision.Tone!.Tone,
                RunDate = runDate,
                CreatedAt = now,
            });
        }

        var numbers = string.Join(", ", decision.Due.Select(d => d.Invoice.Number));
        var tone = ToneRule.Name(decision.Tone!.Tone);
        var summary = message switch
        {
            null => $"Reminder step reached ({decision.LeadStep!.Label}), no email: {decision.NoEmailReason}",
            { Status: OutboxStatus.Parked } => $"Reminder parked: {message.LastError}",
            _ => $"Reminder ({tone}) scheduled for {decision.Due.Count} invoice(s): {numbers}",
        };
        activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            Type = ActivityType.Reminder,
            At = now,
            Summary = summary.Length > 500 ? summary[..497] + "..." : summary,
            Body = string.Join('\n', new[] { $"Tone: {decision.Tone.Reason}", sendReason, $"Invoices: {numbers}" }.OfType<string>()),
        });

        var key = decision.IdempotencyKey;
        if (decision.Actions.HasFlag(StepActions.CollectorTask))
        {
            AddTask(row, TaskAssignee.Collector, $"Call {customer.Name} about {decision.Due.Count} open invoice(s)", $"Policy step: {decision.LeadStep!.Label}. Invoices: {numbers}.", "Policy", "call:" + key);
        }

        if (callScripts.TryGetValue(key, out var script))
        {
            var overdue = string.Join(", ", decision.Due.GroupBy(d => d.Invoice.Currency).Select(g => $"{g.Key} {g.Sum(d => d.Invoice.OpenAmount):N2}"));
            AddTask(row, TaskAssignee.Collector, $"Call {customer.Name}: {overdue} overdue", $"Policy step: {decision.LeadStep!.Label}. Invoices: {numbers}.", "Call", "calltask:" + key,
                script, decision.Due.Select(d => d.Invoice.Id).ToList());
        }

        if (decision.Actions.HasFlag(StepActions.ManagerNotification))
        {
            AddTask(row, TaskAssignee.Manager, $"Review {customer.Name}: final reminder sent", $"Policy step: {decision.LeadStep!.Label}. Invoices: {numbers}.", "Policy", "manager:" + key);
        }

        if (decision.Actions.HasFlag(StepActions.CreditHold))
        {
            creditHolds.Add(customer.Id);
        }

        if (decision.NoEmailReason is not null && !customer.DoNotContact)
        {
            AddTask(row, TaskAssignee.Collector, $"Find a working email address for {customer.Name}", decision.NoEmailReason, "Bounce", "nocontact:" + key);
        }
    }

    private void AddTask(CustomerRow row, TaskAssignee assignee, string title, string details, string source, string sourceKey,
        string? callScript = null, List<Guid>? invoiceIds = null)
    {
        if (!taskKeys.Add(sourceKey))
        {
            return;
        }

        tasks.Add(new CollectionTask
        {
            Id = Guid.CreateVersion7(),
            CustomerId = row.Customer.Id,
            Assignee = assignee,
            AssignedUserId = assignee == TaskAssignee.Collector ? row.CollectorId : null,
            Title = title.Length > 300 ? title[..297] + "..." : title,
            Details = details,
            DueOn = runDate,
            Status = CollectionTaskStatus.Open,
            Source = source,
            SourceKey = sourceKey,
            CreatedAt = now,
            CallScript = callScript,
            InvoiceIds = invoiceIds,
        });
        if (assignee == TaskAssignee.Manager && setup.ManagerEmails.Count > 0)
        {
            messages.Add(new OutboxMessage
            {
                IdempotencyKey = "alert:" + sourceKey,
                Kind = MessageKind.ManagerAlert,
                CustomerId = row.Customer.Id,
                ToAddresses = string.Join(", ", setup.ManagerEmails),
                Subject = title,
                TextBody = $"{details}\n\nOpen the worklist in ArCollect to act on it.",
                MessageId = MessageComposer.NewMessageId(options.MessageIdDomain),
                Status = OutboxStatus.Pending,
                NotBefore = now,
                CreatedAt = now,
            });
        }
    }

    /// <summary>
    /// The customer's open invoices less what its unapplied cash of the same currency covers (due first, a planned
    /// invoice by its first open instalment, see <see cref="UnappliedCredit"/>): a fully covered invoice is neither
    /// reminded nor escalated, a partly covered one asks only for the rest. The credit used is kept for the reminder to show.
    /// </summary>
    private List<DunningInvoice> NetOfCredit(List<DunningInvoice> invoices, List<(string Currency, decimal Amount)> credits, Guid customerId,
        IReadOnlyDictionary<Guid, DateOnly> coverDates)
    {
        if (credits.Count == 0)
        {
            return invoices;
        }

        var covered = UnappliedCredit.Cover(
            invoices.Select(i => new CreditableInvoice(i.Id, i.Number, i.DueDate, i.Currency, i.ChaseableAmount)),
            credits.GroupBy(c => c.Currency, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount), StringComparer.Ordinal),
            coverDates);
        netCredits[customerId] = credits;
        return invoices
            .Select(i => covered.TryGetValue(i.Id, out var amount) ? i with { OpenAmount = i.OpenAmount - amount } : i)
            .Where(i => !covered.ContainsKey(i.Id) || i.ChaseableAmount > 0m)
            .ToList();
    }

    /// <summary>
    /// Settles the customer's active payment plans (completed, or breached after the grace days: timeline entry and
    /// a Manager task with alert) and returns the open invoices as reminders and escalations see them: an invoice
    /// still on an active plan is due on its instalment date instead of its own due date. <paramref name="coverDates"/>
    /// gives the order in which money on account covers planned invoices (<see cref="PaymentPlans.PlanStandings.FirstOpenDueDates"/>).
    /// </summary>
    private List<DunningInvoice> SettlePlans(CustomerRow row, DunningBatch batch, out IReadOnlyDictionary<Guid, DateOnly> coverDates)
    {
        var invoices = batch.Invoices[row.Customer.Id].ToList();
        var plans = batch.Plans[row.Customer.Id].ToList();
        coverDates = new Dictionary<Guid, DateOnly>();
        if (plans.Count == 0)
        {
            return invoices;
        }

        var grace = setup.Portal?.PlanGraceDays ?? Domain.Portal.PortalSettings.DefaultPlanGraceDays;
        var live = new List<PaymentPlans.ActivePlan>();
        foreach (var plan in plans)
        {
            var standing = plan.StandingOn(runDate, grace);
            var p = plan.Plan;
            if (standing.Completed)
            {
                p.Status = Domain.PaymentPlans.PaymentPlanStatus.Completed;
                p.EndedAt = now;
                activities.Add(PlanEntry(p, $"Payment plan completed: all {p.InstalmentCount} instalments of {p.Currency} {p.Total:N2} paid"));
            }
            else if (standing.Breached)
            {
                var next = standing.Next!;
                p.Status = Domain.PaymentPlans.PaymentPlanStatus.Breached;
                p.EndedAt = now;
                var what = $"instalment {next.Number} of {p.InstalmentCount} ({p.Currency} {standing.NextOutstanding(plan.Schedule):N2} open) was due {next.DueDate:yyyy-MM-dd}";
                activities.Add(PlanEntry(p, $"Payment plan breached: {what} and is unpaid after {grace} days of grace; reminders resume"));
                AddTask(row, TaskAssignee.Manager, $"{row.Customer.Name}: payment plan breached",
                    $"The payment plan of {p.Currency} {p.Total:N2}: {what}. Reminders follow the original due dates again.", "PaymentPlan", $"plan-breach:{p.Id:N}");
            }
            else
            {
                live.Add(plan);
                if (PaymentPlans.PlanStandings.NextRequest(plan) is { } request)
                {
                    (instalments.TryGetValue(row.Customer.Id, out var list) ? list : instalments[row.Customer.Id] = []).Add(request);
                }
            }
        }

        // An invoice with a share in the next instalment is chased by that instalment's date (for that share, see
        // ReminderModel.Asked); the others by the instalment that pays their last cent.
        var planned = PaymentPlans.PlanStandings.DueDates(live);
        coverDates = PaymentPlans.PlanStandings.FirstOpenDueDates(live);
        var asked = instalments.GetValueOrDefault(row.Customer.Id)?.SelectMany(r => r.PerInvoice.Keys.Select(id => (id, r.DueDate)))
            .ToDictionary(x => x.id, x => x.DueDate) ?? [];
        return invoices.Select(i => asked.TryGetValue(i.Id, out var next) ? i with { DueDate = next }
            : planned.TryGetValue(i.Id, out var due) ? i with { DueDate = due.DueDate } : i).ToList();
    }

    private Activity PlanEntry(Domain.PaymentPlans.PaymentPlan plan, string summary) => new()
    {
        Id = Guid.CreateVersion7(),
        CustomerId = plan.CustomerId,
        Type = ActivityType.PaymentPlan,
        At = now,
        Summary = summary,
    };

    /// <summary>The timeline entry of a promise the run found kept or broken.</summary>
    private Activity PromiseSettled(PromiseToPay promise) => new()
    {
        Id = Guid.CreateVersion7(),
        CustomerId = promise.CustomerId,
        InvoiceId = promise.InvoiceId,
        Type = ActivityType.PromiseToPay,
        At = now,
        Summary = promise.Status == PromiseStatus.Kept
            ? $"Promise kept: {promise.Currency} {promise.Amount:N2} promised by {promise.PromisedDate:yyyy-MM-dd} has arrived"
            : $"Promise broken: {promise.Currency} {promise.Amount:N2} promised by {promise.PromisedDate:yyyy-MM-dd} has not arrived",
    };

    private static bool IsValidAddress(string email) =>
        !email.Any(char.IsControl) && MailboxAddress.TryParse(email, out var parsed) && parsed.Address.Contains('@', StringComparison.Ordinal);

    /// <summary>collections@x.com becomes collections+c{customer}@x.com, so a reply threads even without headers.</summary>
    public static string? PlusAddress(string? mailbox, Guid customerId)
    {
        if (string.IsNullOrWhiteSpace(mailbox) || !MailboxAddress.TryParse(mailbox, out var parsed) || parsed.LocalPart.Contains('+', StringComparison.Ordinal))
        {
            return mailbox;
        }

        return $"{parsed.LocalPart}+c{customerId:N}@{parsed.Domain}";
    }
}
