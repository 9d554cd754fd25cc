namespace ArCollect.Domain.Payments;

/// <summary>An invoice that can take money, as the allocator sees it.</summary>
public sealed record OpenItem(Guid InvoiceId, string Number, DateOnly DueDate, decimal OpenAmount, string Currency);

/// <summary>A clerk's choice of how much of a payment goes to one invoice.</summary>
public sealed record AllocationRequest(Guid InvoiceId, decimal Amount);

public sealed record Allocation(Guid InvoiceId, decimal Amount);

public sealed record AllocationOutcome(IReadOnlyList<Allocation> Allocations, decimal Unapplied, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Splits a payment across a customer's open invoices: as the clerk asked, or oldest due date first.
/// Never applies more than an invoice's open amount or more than the payment, and never across currencies.
/// </summary>
public static class PaymentAllocator
{
    public static AllocationOutcome Allocate(
        decimal paymentAmount,
        string currency,
        IReadOnlyList<OpenItem> openItems,
        IReadOnlyList<AllocationRequest>? requested = null)
    {
        if (paymentAmount <= 0m)
        {
            return Fail("The payment amount must be more than zero.");
        }

        var requests = requested?.Where(r => r.Amount != 0m).ToList() ?? [];
        return requests.Count == 0
            ? AllocateOldestFirst(paymentAmount, currency, openItems)
            : AllocateAsRequested(paymentAmount, currency, openItems, requests);
    }

    private static AllocationOutcome AllocateOldestFirst(decimal paymentAmount, string currency, IReadOnlyList<OpenItem> openItems)
    {
        var remaining = paymentAmount;
        var allocations = new List<Allocation>();
        foreach (var item in openItems
                     .Where(i => i.Currency == currency && i.OpenAmount > 0m)
                     .OrderBy(i => i.DueDate)
                     .ThenBy(i => i.Number, StringComparer.Ordinal))
        {
            if (remaining <= 0m)
            {
                break;
            }

            var amount = Math.Min(remaining, item.OpenAmount);
            allocations.Add(new Allocation(item.InvoiceId, amount));
            remaining -= amount;
        }

        return new AllocationOutcome(allocations, remaining, []);
    }

    private static AllocationOutcome AllocateAsRequested(
        decimal paymentAmount, string currency, IReadOnlyList<OpenItem> openItems, List<AllocationRequest> requests)
    {
        var errors = new List<string>();
        var byId = openItems.ToDictionary(i => i.InvoiceId);
        foreach (var request in requests)
        {
            if (!byId.TryGetValue(request.InvoiceId, out var item))
            {
                errors.Add("One of the chosen invoices is not open for this customer.");
                continue;
            }

            if (request.Amount < 0m)
            {
                errors.Add($"Invoice {item.Number}: the amount to apply cannot be negative.");
            }
            else if (item.Currency != currency)
            {
                errors.Add($"Invoice {item.Number} is in {item.Currency}; a {currency} payment cannot be applied to it.");
            }
            else if (request.Amount > item.OpenAmount)
            {
                errors.Add($"Invoice {item.Number}: {request.Amount:N2} is more than its open amount of {item.OpenAmount:N2}.");
            }
        }

        foreach (var repeated in requests.GroupBy(r => r.InvoiceId).Where(g => g.Count() > 1))
        {
            // An invoice that is not open has been reported above, once per request.
            if (byId.TryGetValue(repeated.Key, out var item))
            {
                errors.Add($"Invoice {item.Number} is chosen more than once; enter one amount for it.");
            }
        }

        var total = requests.Sum(r => r.Amount);
        if (total > paymentAmount)
        {
            errors.Add($"The amounts applied ({total:N2}) add up to more than the payment ({paymentAmount:N2}).");
        }

        if (errors.Count > 0)
        {
            return new AllocationOutcome([], paymentAmount, errors);
        }

        var allocations = requests.Select(r => new Allocation(r.InvoiceId, r.Amount)).ToList();
        return new AllocationOutcome(allocations, paymentAmount - total, []);
    }

    private static AllocationOutcome Fail(string error) => new([], 0m, [error]);
}
