using System.Globalization;
using System.Text;
using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Common;
using ArCollect.Infrastructure.CashApplication;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// Gives the demo tenant a bank account and three weekly camt.053 statements paying some open invoices, imported the
/// way a clerk would: most receipts apply themselves, some (a combined payment without references, a payer under
/// another name, interest from the bank) wait in the unapplied-cash queue. A combined payment pays two invoices of one
/// customer.
/// </summary>
public static class DemoCashApplication
{
    public const string AccountIban = "DE44500105175407324931";

    public static async Task<(int Applied, int Waiting)> SeedAsync(IServiceProvider services, Guid tenantId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var importer = scope.ServiceProvider.GetRequiredService<StatementImporter>();
        var account = new BankAccount { Id = Guid.CreateVersion7(), Name = "Main account", Iban = AccountIban, Currency = "EUR", CreatedAt = DateTimeOffset.UtcNow };
        db.BankAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);

        var open = await (from i in db.Invoices.AsNoTracking()
                          join c in db.Customers.AsNoTracking() on i.CustomerId equals c.Id
                          where i.Balance > 0 && i.Currency == "EUR"
                          orderby i.Number
                          select new { i.Number, i.Balance, i.CustomerId, i.DueDate, Untouched = !i.IsDisputed && i.AmountPaid == 0 && i.AmountCredited == 0, Customer = c.Name })
            .ToListAsync(cancellationToken);
        // A combined payment pays a customer's two oldest open invoices, so the matcher's search of the payer's oldest
        // invoices finds exactly them; those customers' invoices are paid by nothing else in the demo statements.
        var combined = open.GroupBy(i => i.CustomerId)
            .Select(g => g.OrderBy(i => i.DueDate).ThenBy(i => i.Number, StringComparer.Ordinal).Take(2).ToList())
            .Where(pair => pair.Count == 2 && pair.All(i => i.Untouched))
            .OrderBy(pair => pair[0].Number, StringComparer.Ordinal)
            .Take(3)
            .ToList();
        var combinedCustomers = combined.Select(pair => pair[0].CustomerId).ToHashSet();
        var random = new Random(2026);
        var picked = open.Where(i => i.Untouched && !combinedCustomers.Contains(i.CustomerId)).OrderBy(_ => random.Next()).Take(60).ToList();
        var (applied, waiting) = (0, 0);
        for (var week = 0; week < 3; week++)
        {
            var day = today.AddDays(-20 + (7 * week));
            var lines = new List<StatementLine>();
            var batch = picked.Skip(week * 20).Take(20).ToList();
            for (var n = 0; n < batch.Count; n++)
            {
                var invoice = batch[n];
                var reference = $"DEMO{day:yyyyMMdd}{n:00}";
                var payer = invoice.Customer.ToUpperInvariant();
                lines.Add(n switch
                {
                    < 14 => Credit(reference, day, invoice.Balance, payer, (n % 3) switch { 0 => invoice.Number, 1 => "Rechnung " + invoice.Number.Replace("-", " ", StringComparison.Ordinal), _ => "Invoice " + invoice.Number }),
                    14 => Credit(reference, day, invoice.Balance, payer, "RF " + CreditorReference.FromInvoiceNumber(invoice.Number)),
                    15 => Credit(reference, day, Math.Round(invoice.Balance * 0.6m, 2), payer, invoice.Number + " partial payment"),
                    16 when week < combined.Count => Credit(reference, day, combined[week].Sum(i => i.Balance), combined[week][0].Customer.ToUpperInvariant(), "Payment for last month"),
                    17 => Credit(reference, day, invoice.Balance, "Private " + Surname(random) + " " + (week + 1).ToString(CultureInfo.InvariantCulture), "Zahlung"),
                    18 => Credit(reference, day, Math.Round(3m + (decimal)random.NextDouble() * 20m, 2), "Demo Bank AG", "Interest " + day.ToString("MMMM yyyy", CultureInfo.InvariantCulture)),
                    _ => new StatementLine(reference, day, null, 38.50m, "EUR", EntryDirection.Debit, "Demo Bank AG", null, "Account fees"),
                });
            }

            var file = StatementWriter.Camt053($"DEMO-{day:yyyy-MM-dd}", AccountIban, "EUR", lines);
            var result = await importer.ImportAsync(account.Id, new MemoryStream(Encoding.UTF8.GetBytes(file)), StatementFormat.Camt053, null, $"camt053-{day:yyyy-MM-dd}.xml", cancellationToken);
            applied += result.AutoApplied;
            waiting += result.Queued;
        }

        return (applied, waiting);
    }

    private static StatementLine Credit(string reference, DateOnly day, decimal amount, string payer, string text) =>
        new(reference, day, null, amount, "EUR", EntryDirection.Credit, payer, null, text);

    private static string Surname(Random random) => new[] { "Weber", "Lang", "Kaiser", "Vogel" }[random.Next(4)];
}
