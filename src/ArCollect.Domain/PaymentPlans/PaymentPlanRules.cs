using System.Globalization;
using FluentValidation;

namespace ArCollect.Domain.PaymentPlans;

/// <summary>
/// A tenant's rules for plans approved without a Manager: at most <see cref="MaxInstalments"/>, risk band among
/// <see cref="EligibleBands"/> (empty: any band), and per currency the smallest instalment and the largest balance.
/// </summary>
public sealed record PaymentPlanRules(int MaxInstalments, IReadOnlySet<string> EligibleBands, IReadOnlyDictionary<string, PaymentPlanCurrencyRule> Currencies)
{
    /// <summary>The most instalments anyone may ask for, Manager or not.</summary>
    public const int HardMaxInstalments = 24;

    /// <summary>
    /// The rules a plan breaks, in words a Manager reads; empty when it can be approved at once. A customer without a
    /// risk band yet is outside a band rule.
    /// </summary>
    public IReadOnlyList<string> Breaks(IReadOnlyList<PlannedInstalment> schedule, decimal balance, string currency, string? riskBand)
    {
        var broken = new List<string>();
        if (schedule.Count > MaxInstalments)
        {
            broken.Add($"{schedule.Count} instalments, more than the {MaxInstalments} allowed");
        }

        if (EligibleBands.Count > 0 && (riskBand is null || !EligibleBands.Contains(riskBand)))
        {
            broken.Add($"risk band {riskBand ?? "not scored yet"} is not among {string.Join(", ", EligibleBands.Order(StringComparer.Ordinal))}");
        }

        if (Currencies.TryGetValue(currency, out var rule))
        {
            var smallest = schedule.Min(i => i.Amount);
            if (rule.MinInstalment is { } min && smallest < min)
            {
                broken.Add(string.Create(CultureInfo.InvariantCulture, $"an instalment of {currency} {smallest:N2} is below the minimum of {currency} {min:N2}"));
            }

            if (rule.MaxBalance is { } max && balance > max)
            {
                broken.Add(string.Create(CultureInfo.InvariantCulture, $"the balance of {currency} {balance:N2} is above the {currency} {max:N2} a plan may cover"));
            }
        }

        return broken;
    }

    /// <summary>"Low, Medium" as stored in the settings to a set of band names.</summary>
    public static IReadOnlySet<string> ParseBands(string? bands) =>
        (bands ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>A plan as asked for: how many instalments and the date of the first.</summary>
public sealed class PaymentPlanRequestInput
{
    public int? Instalments { get; set; }
    public DateOnly? FirstDate { get; set; }
}

/// <summary>Checks a plan request: 2 to <see cref="PaymentPlanRules.HardMaxInstalments"/> instalments, the first from today up to the given number of days ahead.</summary>
public sealed class PaymentPlanRequestInputValidator : AbstractValidator<PaymentPlanRequestInput>
{
    public PaymentPlanRequestInputValidator(DateOnly today, int maxFirstDays)
    {
        var latest = today.AddDays(maxFirstDays);
        RuleFor(x => x.Instalments).NotNull().WithMessage("Enter the number of instalments.")
            .InclusiveBetween(2, PaymentPlanRules.HardMaxInstalments).WithMessage($"Choose from 2 to {PaymentPlanRules.HardMaxInstalments} instalments.");
        RuleFor(x => x.FirstDate).NotNull().WithMessage("Enter the date of the first instalment.")
            .GreaterThanOrEqualTo(today).WithMessage("The date cannot be in the past.")
            .LessThanOrEqualTo(latest).WithMessage($"The first instalment can be at most {maxFirstDays} days ahead ({latest:yyyy-MM-dd}).");
    }
}

/// <summary>A Manager's decision on a pending plan: rejecting needs a reason.</summary>
public sealed class PaymentPlanDecisionInput
{
    public bool Approve { get; set; }
    public string? Reason { get; set; }
}

public sealed class PaymentPlanDecisionInputValidator : AbstractValidator<PaymentPlanDecisionInput>
{
    public PaymentPlanDecisionInputValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().When(x => !x.Approve).WithMessage("Give the reason for rejecting the plan.")
            .MaximumLength(500).WithMessage("The reason can be at most 500 characters.");
    }
}
