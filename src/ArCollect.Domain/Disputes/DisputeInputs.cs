using ArCollect.Domain.Common;
using FluentValidation;

namespace ArCollect.Domain.Disputes;

/// <summary>One invoice, or one line of it, and the amount disputed on it.</summary>
public sealed class DisputeItemInput
{
    public Guid InvoiceId { get; set; }
    public Guid? InvoiceLineId { get; set; }
    public decimal? Amount { get; set; }
}

/// <summary>A dispute as a clerk (or the portal, a reply or cash application) opens it.</summary>
public sealed class OpenDisputeInput
{
    public List<DisputeItemInput> Items { get; set; } = [];
    public string ReasonCode { get; set; } = "";
    public DisputePriority? Priority { get; set; }
    public string? Notes { get; set; }
}

public sealed class OpenDisputeInputValidator : AbstractValidator<OpenDisputeInput>
{
    public OpenDisputeInputValidator()
    {
        RuleFor(x => x.Items).NotEmpty().WithMessage("Choose at least one invoice or line to dispute.");
        RuleForEach(x => x.Items).ChildRules(item =>
        {
            item.RuleFor(i => i.InvoiceId).NotEmpty().WithMessage("Choose the invoice.");
            item.RuleFor(i => i.Amount).NotNull().WithMessage("Enter the disputed amount.")
                .GreaterThan(0m).WithMessage("The disputed amount must be more than zero.");
            item.RuleFor(i => i.Amount).MoneyAmount();
        });
        RuleFor(x => x.ReasonCode).NotEmpty().WithMessage("Choose a reason.").MaximumLength(40);
        RuleFor(x => x.Notes).MaximumLength(4000).WithMessage("Keep the notes under 4,000 characters.");
    }
}

/// <summary>How a clerk resolves a dispute.</summary>
public sealed class ResolveDisputeInput
{
    public DisputeOutcome? Outcome { get; set; }

    /// <summary>For a credit note or write-off: the amount; null means the whole disputed amount.</summary>
    public decimal? Amount { get; set; }

    /// <summary>The explanation for the customer (required for a rejection) or the resolution note.</summary>
    public string? Explanation { get; set; }

    public DateOnly Date { get; set; }
}

public sealed class ResolveDisputeInputValidator : AbstractValidator<ResolveDisputeInput>
{
    public ResolveDisputeInputValidator()
    {
        RuleFor(x => x.Outcome).NotNull().WithMessage("Choose how the dispute ends: credit note, corrected invoice, rejection or write-off.");
        RuleFor(x => x.Amount).GreaterThan(0m).When(x => x.Amount.HasValue)
            .WithMessage("The amount must be more than zero; leave it empty for the whole disputed amount.");
        RuleFor(x => x.Amount).MoneyAmount();
        RuleFor(x => x.Explanation).NotEmpty().When(x => x.Outcome == DisputeOutcome.Rejected)
            .WithMessage("Explain to the customer why the dispute is rejected.");
        RuleFor(x => x.Explanation).MaximumLength(4000);
        RuleFor(x => x.Date).NotEmpty().WithMessage("Enter the date of the resolution.");
    }
}

/// <summary>A note on a dispute, internal or for the customer.</summary>
public sealed class DisputeCommentInput
{
    public string Body { get; set; } = "";
    public bool ToCustomer { get; set; }
}

public sealed class DisputeCommentInputValidator : AbstractValidator<DisputeCommentInput>
{
    public DisputeCommentInputValidator()
    {
        RuleFor(x => x.Body).NotEmpty().WithMessage("Write the note or message.").MaximumLength(4000);
    }
}
