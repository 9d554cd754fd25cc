using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// Gives the demo tenant a collections history: the real reminder run replayed weekly over the past six weeks (past
/// messages marked sent), then replies from some customers in four languages, a few of them out-of-office and a few
/// frustrated or angry, threaded onto the messages and classified as captured replies are.
/// </summary>
public static class DemoReminderHistory
{
    // Replies in the four languages, a few of them frustrated or angry; each is classified by the real model when seeded.
    // A frustrated one comes second, so even a small demo (the browser tests' 40 customers) has a reply holding reminders.
    private static readonly string[] Replies =
    [
        "Thanks for the reminder, the payment is scheduled for Friday.",
        "This is the third reminder we have received although we already explained the price was wrong. Please stop sending reminders until this is sorted.",
        "Hallo,\n\nwir haben die Rechnung bereits am Montag überwiesen, bitte prüfen Sie Ihr Konto.\n\nMit freundlichen Grüßen\nBuchhaltung",
        "Bonjour,\n\npourriez-vous nous envoyer une copie de la facture ? Nous ne la trouvons pas.\n\nCordialement",
        "Hola,\n\nla mercancía llegó dañada y no vamos a pagar la factura hasta que nos envíen un abono.\n\nSaludos",
        "We have a question about one of the invoices, could you send a copy?",
        "Zahlung erfolgt am Ende des Monats, die Freigabe liegt vor.\n\nAm Montag schrieb Demo Trading:\n> Ihre Rechnung ist überfällig.",
        "Nous réglerons le solde la semaine prochaine. Désolé pour le retard.",
        "Payment was made yesterday, please check your account.",
        "Esto es totalmente inaceptable. ¡Dejen de acosarnos con estos correos! Ya les dijimos que nunca recibimos el pedido.",
        "Our accounts payable team is on it, expect payment next week.",
        "Die Lieferung war unvollständig, es fehlen zwei Kartons. Wir zahlen nur den gelieferten Teil.",
        "C'est la troisième fois que nous vous écrivons : la facture est déjà payée !",
        "Pagaremos la factura el viernes.",
        "Your invoice charges the old price, not the one in our contract. We dispute it.",
        "Please address future invoices to our new finance manager.",
    ];

    public static async Task<int> GenerateAsync(ArCollectDbContext db, ReminderTemplateEngine templates, DateTimeOffset now, CancellationToken ct)
    {
        var options = Options.Create(new DunningOptions());
        for (var weeksAgo = 6; weeksAgo >= 0; weeksAgo--)
        {
            var at = now.AddDays(-7 * weeksAgo);
            var runner = new ReminderRunner(db, templates, new FixedClock(at), options, NullLogger<ReminderRunner>.Instance);
            await runner.RunAsync(ct);
        }

        var sent = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NotBefore < now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAt, m => m.NotBefore).SetProperty(m => m.Attempts, 1), ct);

        // Every fifth reminded customer answered its latest reminder a day later; every fourth of those was away.
        // The latest per customer is picked here: "first of each group" in SQL becomes a correlated plan that is
        // quadratic in the number of messages (minutes at 50,000 customers).
        var sentReminders = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Sent && m.Kind == MessageKind.Reminder && m.CustomerId != null)
            .Select(m => new { m.Id, m.CustomerId, m.NotBefore, m.ToAddresses, m.Subject, m.IdempotencyKey })
            .ToListAsync(ct);
        var latest = sentReminders.GroupBy(m => m.CustomerId).Select(g => g.MaxBy(m => m.NotBefore)!).ToList();
        var intake = new ReplyIntake(db, new ReplyClassifier(NullLogger<ReplyClassifier>.Instance), new FixedClock(now));
        var index = 0;
        foreach (var message in latest.OrderBy(m => m.IdempotencyKey, StringComparer.Ordinal).Where((_, i) => i % 5 == 0))
        {
            var away = index % 4 == 3;
            var received = message.NotBefore.AddDays(1);
            var from = message.ToAddresses.Split(',')[0].Trim();
            var inbound = new InboundMessage
            {
                Id = Guid.CreateVersion7(),
                CustomerId = message.CustomerId,
                ReplyToOutboxId = message.Id,
                MessageId = $"demo-reply-{message.Id:N}@customer.example",
                FromAddress = from,
                Subject = away ? $"Automatic reply: {message.Subject}" : $"Re: {message.Subject}",
                TextBody = away ? "I am out of the office until next Monday with limited access to email." : Replies[(index - ((index + 1) / 4)) % Replies.Length],
                ReceivedAt = received,
                IsAutoReply = away,
                IsRead = received < now.AddDays(-3),
            };
            db.InboundMessages.Add(inbound);
            await intake.ClassifyAsync(inbound, null, ct);
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = message.CustomerId!.Value,
                Type = ActivityType.Reply,
                At = received,
                Summary = $"{(away ? "Automatic reply" : "Reply")} from {from}: {(away ? "out of office" : "Re: " + message.Subject)}",
            });
            index++;
        }

        await db.SaveChangesAsync(ct);
        return sent;
    }

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
