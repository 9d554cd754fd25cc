using ArCollect.Domain.Common;
using FluentValidation;

namespace ArCollect.Domain.Payments;

/// <summary>
/// Applying money already on a customer's account (unapplied parts of earlier payments) to open invoices of one
/// currency; no allocation lines means "oldest invoices first", up to the credit.
/// </summary>
public sealed class ApplyUnappliedCashInput
{
    public Guid CustomerId { get; set; }
    public string Currency { get; set; } = "";
    public List<AllocationRequest> Allocations { get; set; } = [];

    public void RoundToMinorUnits() =>
        Allocations = Allocations.Select(a => a with { Amount = Money.Round(a.Amount, Currency) }).ToList();
}

public sealed class ApplyUnappliedCashInputValidator : AbstractValidator<ApplyUnappliedCashInput>
{
    public ApplyUnappliedCashInputValidator()
    {
        RuleFor(x => x.CustomerId).NotEmpty().WithMessage("Choose the customer whose credit to apply.");
        RuleFor(x => x.Currency).Must(CurrencyCodes.IsKnown)
            .WithMessage("Currency must be a three-letter ISO 4217 code such as EUR or USD.");
        RuleForEach(x => x.Allocations).ChildRules(line =>
        {
            line.RuleFor(a => a.InvoiceId).NotEmpty().WithMessage("Choose the invoice to apply the credit to.");
            line.RuleFor(a => a.Amount).MoneyAmount();
            line.RuleFor(a => a.Amount).GreaterThanOrEqualTo(0m).WithMessage("The amount to apply cannot be negative.");
        });
    }
}
