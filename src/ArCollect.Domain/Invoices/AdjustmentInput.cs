using ArCollect.Domain.Common;
using FluentValidation;

namespace ArCollect.Domain.Invoices;

/// <summary>A credit note or write-off against one invoice, as a clerk or the API asks for it.</summary>
public sealed class AdjustmentInput
{
    public Guid InvoiceId { get; set; }

    /// <summary>The amount to credit or write off; null means the whole open balance.</summary>
    public decimal? Amount { get; set; }

    public string Reason { get; set; } = "";
    public DateOnly Date { get; set; }
}

public sealed class AdjustmentInputValidator : AbstractValidator<AdjustmentInput>
{
    public AdjustmentInputValidator()
    {
        RuleFor(x => x.InvoiceId).NotEmpty().WithMessage("Choose the invoice to adjust.");
        Include(new SafeTextRules<AdjustmentInput>());
        RuleFor(x => x.Amount).MoneyAmount();
        RuleFor(x => x.Amount).GreaterThan(0).When(x => x.Amount.HasValue)
            .WithMessage("The amount must be more than zero; leave it empty for the whole open balance.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give a reason, e.g. \"Goods returned\" or \"Customer insolvent\".").MaximumLength(500);
        RuleFor(x => x.Date).NotEmpty().WithMessage("Enter the date of the adjustment.");
    }
}
