using ArCollect.Domain.Common;
using ArCollect.Domain.Disputes;
using FluentValidation;

namespace ArCollect.Domain.Portal;

/// <summary>A promise to pay as the customer makes it in the portal: one invoice, or (no invoice) the whole balance.</summary>
public sealed class PortalPromiseInput
{
    public Guid? InvoiceId { get; set; }
    public DateOnly? Date { get; set; }
    public decimal? Amount { get; set; }
}

/// <summary>
/// Checks a portal promise: the date from today up to the tenant's maximum, the amount above zero and at most what is
/// open on the invoice (or the account) it is promised for.
/// </summary>
public sealed class PortalPromiseInputValidator : AbstractValidator<PortalPromiseInput>
{
    public PortalPromiseInputValidator(DateOnly today, int maxPromiseDays, decimal openAmount)
    {
        var latest = today.AddDays(maxPromiseDays);
        RuleFor(x => x.Date).NotNull().WithMessage("Enter the date you will pay by.")
            .GreaterThanOrEqualTo(today).WithMessage("The date cannot be in the past.")
            .LessThanOrEqualTo(latest).WithMessage($"The date can be at most {maxPromiseDays} days ahead ({latest:yyyy-MM-dd}).");
        RuleFor(x => x.Amount).NotNull().WithMessage("Enter the amount you will pay.")
            .GreaterThan(0m).WithMessage("The amount must be more than zero.")
            .LessThanOrEqualTo(openAmount).WithMessage($"The amount cannot be more than the open {openAmount:0.00}.")
            .Must(a => a is null || decimal.Round(a.Value, 2) == a.Value).WithMessage("The amount can have at most two decimals.");
    }
}

/// <summary>One invoice of a portal dispute and the part of it disputed; no amount means the invoice is not disputed.</summary>
public sealed class PortalDisputeLine
{
    public Guid InvoiceId { get; set; }
    public decimal? Amount { get; set; }
}

/// <summary>A dispute as the customer raises it in the portal: which invoices and how much, why, and a message.</summary>
public sealed class PortalDisputeInput
{
    public DisputeReason? Reason { get; set; }
    public string? Message { get; set; }
    public List<PortalDisputeLine> Lines { get; set; } = [];
}

/// <summary>
/// Checks a portal dispute against the customer's open invoices (invoice id to open amount): at least one invoice,
/// each amount above zero and at most that invoice's open amount, a reason and a message.
/// </summary>
public sealed class PortalDisputeInputValidator : AbstractValidator<PortalDisputeInput>
{
    public PortalDisputeInputValidator(IReadOnlyDictionary<Guid, decimal> openAmounts)
    {
        RuleFor(x => x.Reason).NotNull().WithMessage("Choose a reason.").IsInEnum().WithMessage("Choose a reason.");
        RuleFor(x => x.Message).NotEmpty().WithMessage("Tell us what is wrong.")
            .MaximumLength(4000).WithMessage("The message can be at most 4000 characters.")
            .Must(InputRules.IsSafeMultilineText).WithMessage("The message cannot contain control characters.");
        RuleFor(x => x.Lines).Must(lines => lines.Any(l => l.Amount is not null))
            .WithMessage("Enter the disputed amount of at least one invoice.");
        RuleForEach(x => x.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.InvoiceId).Must(openAmounts.ContainsKey).WithMessage("This invoice is not open.");
            line.RuleFor(l => l.Amount)
                .GreaterThan(0m).WithMessage("The amount must be more than zero.")
                .Must((l, a) => a is null || !openAmounts.TryGetValue(l.InvoiceId, out var open) || a <= open)
                .WithMessage((l, _) => $"The amount cannot be more than the open {openAmounts.GetValueOrDefault(l.InvoiceId):0.00}.")
                .Must(a => a is null || decimal.Round(a.Value, 2) == a.Value).WithMessage("The amount can have at most two decimals.");
        });
    }
}
