using System.Globalization;
using ArCollect.Domain.Common;

namespace ArCollect.Domain.Payments;

/// <summary>One invoice of a card checkout and the amount asked for it.</summary>
public sealed record CheckoutItem(Guid InvoiceId, decimal Amount);

/// <summary>
/// What a checkout session carries in its metadata so the webhook knows what was paid: tenant, customer, and each
/// invoice with the amount asked (one metadata key per invoice, <c>invoice_1</c> = <c>{id}:{amount}</c>, as Stripe
/// keeps values short). Reading refuses anything it did not write.
/// </summary>
public sealed record CheckoutMetadata(Guid TenantId, Guid CustomerId, IReadOnlyList<CheckoutItem> Items)
{
    public const string TenantKey = "arcollect_tenant";
    public const string CustomerKey = "arcollect_customer";
    public const string InvoicePrefix = "invoice_";

    /// <summary>Stripe allows 50 metadata keys; two are tenant and customer.</summary>
    public const int MaxInvoices = 40;

    public Dictionary<string, string> ToDictionary()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TenantKey] = TenantId.ToString(),
            [CustomerKey] = CustomerId.ToString(),
        };
        for (var i = 0; i < Items.Count; i++)
        {
            values[$"{InvoicePrefix}{i + 1}"] = $"{Items[i].InvoiceId}:{Items[i].Amount.ToString("0.####", CultureInfo.InvariantCulture)}";
        }

        return values;
    }

    public static CheckoutMetadata? Read(IReadOnlyDictionary<string, string>? values)
    {
        if (values is null
            || !values.TryGetValue(TenantKey, out var tenantText) || !Guid.TryParse(tenantText, out var tenantId)
            || !values.TryGetValue(CustomerKey, out var customerText) || !Guid.TryParse(customerText, out var customerId))
        {
            return null;
        }

        var items = new List<CheckoutItem>();
        foreach (var (key, value) in values.Where(v => v.Key.StartsWith(InvoicePrefix, StringComparison.Ordinal)).OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var parts = value.Split(':');
            if (parts.Length != 2 || !Guid.TryParse(parts[0], out var invoiceId)
                || !decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0m)
            {
                return null;
            }

            items.Add(new CheckoutItem(invoiceId, amount));
        }

        return new CheckoutMetadata(tenantId, customerId, items);
    }

    /// <summary>An amount in the currency's smallest unit, as Stripe counts money (cents; whole yen).</summary>
    public static long ToMinorUnits(decimal amount, string currency) =>
        (long)(Money.Round(amount, currency) * Pow10(CurrencyCodes.MinorUnits(currency)));

    public static decimal FromMinorUnits(long amount, string currency) => amount / Pow10(CurrencyCodes.MinorUnits(currency));

    private static decimal Pow10(int digits)
    {
        var factor = 1m;
        for (var i = 0; i < digits; i++)
        {
            factor *= 10m;
        }

        return factor;
    }
}
