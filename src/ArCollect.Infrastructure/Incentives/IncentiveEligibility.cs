using ArCollect.Domain.Incentives;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Incentives;

/// <summary>What a customer earns under the tenant's prompt-payer rules, read from the invoices it settled.</summary>
public static class IncentiveEligibility
{
    /// <summary>The rule the customer meets today with the largest discount, or null (also when the tenant has no active rule).</summary>
    public static async Task<IncentiveRule?> EarnedAsync(ArCollectDbContext db, Guid customerId, DateOnly today, CancellationToken ct)
    {
        var rules = await db.IncentiveRules.AsNoTracking().Where(r => r.Active).ToListAsync(ct);
        if (rules.Count == 0)
        {
            return null;
        }

        var since = today.AddMonths(-rules.Max(r => r.LookbackMonths));
        var settled = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.State == InvoiceState.Issued && i.SettledOn != null && i.SettledOn > since)
            .Select(i => new SettledInvoice(i.DueDate, i.SettledOn!.Value, i.AmountWrittenOff > 0))
            .ToListAsync(ct);
        return PromptPayerIncentives.Earned(rules, settled, today);
    }

    /// <summary>
    /// Gives an invoice being issued the discount of the rule its customer earns, unless its terms carry a discount of
    /// their own or it replaces a cancelled invoice (a rebill keeps the terms it was agreed on). Returns the rule applied.
    /// </summary>
    public static async Task<IncentiveRule?> ApplyOnIssueAsync(ArCollectDbContext db, Invoice invoice, DateOnly today, CancellationToken ct)
    {
        if (invoice.RebillOfId is not null || !PaymentTerms.TryParse(invoice.Terms, out var terms) || terms.HasDiscount)
        {
            return null;
        }

        var rule = await EarnedAsync(db, invoice.CustomerId, today, ct);
        if (rule is null || PromptPayerIncentives.Apply(terms, rule, invoice.IssueDate) is not { } discounted)
        {
            return null;
        }

        invoice.Terms = discounted.ToString();
        invoice.IncentiveRuleId = rule.Id;
        return rule;
    }
}
