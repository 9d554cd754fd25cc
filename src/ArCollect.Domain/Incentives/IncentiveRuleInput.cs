using FluentValidation;

namespace ArCollect.Domain.Incentives;

/// <summary>The prompt-payer rule form (Settings > Incentives).</summary>
public sealed class IncentiveRuleInput
{
    public string? Name { get; set; }
    public decimal? MinOnTimePercent { get; set; } = 90m;
    public int? LookbackMonths { get; set; } = 12;
    public int? MinPaidInvoices { get; set; } = 3;
    public decimal? DiscountPercent { get; set; } = 2m;
    public int? DiscountDays { get; set; } = 10;
}

public sealed class IncentiveRuleInputValidator : AbstractValidator<IncentiveRuleInput>
{
    public IncentiveRuleInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Give the rule a name, e.g. \"Prompt payers\".")
            .MaximumLength(80).WithMessage("The name can be at most 80 characters.");
        RuleFor(x => x.MinOnTimePercent).NotNull().WithMessage("Enter the share paid on time, from 1 to 100 %.")
            .InclusiveBetween(1m, 100m).WithMessage("Enter the share paid on time, from 1 to 100 %.");
        RuleFor(x => x.LookbackMonths).NotNull().WithMessage("Enter the months to look back, from 1 to 36.")
            .InclusiveBetween(1, 36).WithMessage("Enter the months to look back, from 1 to 36.");
        RuleFor(x => x.MinPaidInvoices).NotNull().WithMessage("Enter how many paid invoices the record needs, from 1 to 100.")
            .InclusiveBetween(1, 100).WithMessage("Enter how many paid invoices the record needs, from 1 to 100.");
        RuleFor(x => x.DiscountPercent).NotNull().WithMessage("Enter a discount above 0 and at most 10 %.")
            .GreaterThan(0m).WithMessage("Enter a discount above 0 and at most 10 %.")
            .LessThanOrEqualTo(10m).WithMessage("Enter a discount above 0 and at most 10 %.")
            .Must(p => p is null || decimal.Round(p.Value, 2) == p.Value).WithMessage("Use at most two decimals for the discount.");
        RuleFor(x => x.DiscountDays).NotNull().WithMessage("Enter the days after the issue date the discount lasts, from 1 to 60.")
            .InclusiveBetween(1, 60).WithMessage("Enter the days after the issue date the discount lasts, from 1 to 60.");
    }
}
