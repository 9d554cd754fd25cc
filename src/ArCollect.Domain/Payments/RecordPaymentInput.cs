using ArCollect.Domain.Common;
using FluentValidation;

namespace ArCollect.Domain.Payments;

/// <summary>A payment as a clerk records it; no allocation lines means "oldest invoices first".</summary>
public sealed class RecordPaymentInput
{
    public Guid CustomerId { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "";
    public DateOnly ReceivedOn { get; set; }
    public string? Reference { get; set; }
    public PaymentMethod Method { get; set; } = PaymentMethod.BankTransfer;
    public List<AllocationRequest> Allocations { get; set; } = [];

    /// <summary>Keep the whole amount on the customer's account as unapplied credit: no allocation, not even oldest first.</summary>
    public bool KeepUnapplied { get; set; }

    /// <summary>Grant the early-payment discounts the invoices offer (the default); off, invoices paid in their window ask for their full amount.</summary>
    public bool GrantDiscounts { get; set; } = true;

    /// <summary>
    /// Rounds the amount and the allocations to the currency's minor units (whole yen, cents, mils), so the rules see
    /// the money as the bank books it and an invoice paid to the cent is settled.
    /// </summary>
    public void RoundToMinorUnits()
    {
        Amount = Money.Round(Amount, Currency);
        Allocations = Allocations.Select(a => a with { Amount = Money.Round(a.Amount, Currency) }).ToList();
    }
}

public sealed class RecordPaymentInputValidator : AbstractValidator<RecordPaymentInput>
{
    public RecordPaymentInputValidator(TimeProvider time)
    {
        RuleFor(x => x.CustomerId).NotEmpty().WithMessage("Choose the customer who paid.");
        Include(new SafeTextRules<RecordPaymentInput>());
        RuleFor(x => x.Amount).MoneyAmount();
        RuleFor(x => x.Amount).Must((x, amount) => Money.Round(amount, x.Currency) > 0m)
            .WithMessage("The amount received must be more than zero.");
        RuleFor(x => x.Currency).Must(CurrencyCodes.IsKnown)
            .WithMessage("Currency must be a three-letter ISO 4217 code such as EUR or USD.");
        RuleFor(x => x.ReceivedOn).NotEmpty().WithMessage("Enter the date the money arrived.")
            .Must(d => d <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(1))
            .WithMessage("The date received cannot be in the future.");
        RuleFor(x => x.Reference).MaximumLength(100);
    }
}
