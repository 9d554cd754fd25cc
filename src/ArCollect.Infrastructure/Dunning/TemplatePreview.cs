using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>Builds the template model for a real customer, as the run would, to preview a template before saving it.</summary>
public static class TemplatePreview
{
    public sealed record PreviewCustomer(Guid Id, string Name);

    /// <summary>Customers with open invoices, by name, to choose from.</summary>
    public static Task<List<PreviewCustomer>> CustomersAsync(ArCollectDbContext db, int limit, CancellationToken ct) =>
        db.Customers.AsNoTracking()
            .Where(c => db.Invoices.Any(i => i.CustomerId == c.Id && i.Balance > 0))
            .OrderBy(c => c.Name).Take(limit)
            .Select(c => new PreviewCustomer(c.Id, c.Name)).ToListAsync(ct);

    public static async Task<ReminderModel?> ModelAsync(
        ArCollectDbContext db, Guid customerId, ReminderTone tone, DateOnly today, DunningOptions options, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
        {
            return null;
        }

        var tenantName = await db.Tenants.Where(t => t.Id == customer.TenantId).Select(t => t.Name).SingleAsync(ct);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId && i.Balance > 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number).Take(50)
            .Select(i => new DunningInvoice(i.Id, i.Number, i.DueDate, i.Balance, i.Currency, i.IsDisputed, false, i.DisputedAmount))
            .ToListAsync(ct);
        var step = new ReminderStep { OffsetDays = 0, Tone = tone };
        var lastReminder = await db.ReminderLog.Where(r => r.CustomerId == customerId).MaxAsync(r => (DateOnly?)r.RunDate, ct);
        var company = await db.CompanyProfiles.AsNoTracking().FirstOrDefaultAsync(ct);
        var contact = customer.Contacts.OrderByDescending(c => c.IsPrimary).FirstOrDefault(c => !c.Bounced) ?? customer.Contacts.FirstOrDefault();
        return new ReminderModel(
            tenantName, customer.Name, customer.Segment, contact?.Name, contact?.Email,
            invoices.Select(i => new InvoiceReminder(i, step, i.DaysOverdueOn(today))).ToList(),
            today, lastReminder, options.PublicBaseUrl.TrimEnd('/') + "/portal", tone)
        {
            Person = contact is null ? null : new ContactPerson(contact.Salutation, contact.FirstName, contact.LastName),
            Payment = PaymentAccount.From(company, tenantName),
        };
    }
}
