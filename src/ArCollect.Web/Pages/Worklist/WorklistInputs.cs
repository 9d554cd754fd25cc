using ArCollect.Domain.Common;
using FluentValidation;

namespace ArCollect.Web.Pages.Worklist;

/// <summary>A promise to pay as a collector records it from a call or an email.</summary>
public sealed class PromiseInput
{
    public Guid CustomerId { get; set; }
    public DateOnly? Date { get; set; }
    public decimal? Amount { get; set; }
}

public sealed class PromiseInputValidator : AbstractValidator<PromiseInput>
{
    public PromiseInputValidator(DateOnly today)
    {
        RuleFor(x => x.Date).NotNull().WithMessage("Enter the date the customer promised to pay.")
            .GreaterThanOrEqualTo(today).WithMessage("The promised date cannot be in the past.");
        RuleFor(x => x.Amount).NotNull().WithMessage("Enter the promised amount.")
            .GreaterThan(0m).WithMessage("The promised amount must be more than zero.");
        RuleFor(x => x.Amount).MoneyAmount();
    }
}

/// <summary>A call log or note typed on the worklist.</summary>
public sealed class NoteInput
{
    public Guid CustomerId { get; set; }
    public string Text { get; set; } = "";
}

public sealed class NoteInputValidator : AbstractValidator<NoteInput>
{
    public NoteInputValidator()
    {
        RuleFor(x => x.Text).NotEmpty().WithMessage("Write what happened.").MaximumLength(4000);
        Include(new SafeTextRules<NoteInput>(nameof(NoteInput.Text)));
    }
}

/// <summary>A call task's outcome as the collector clicks it: the button names the outcome; a promise needs its date, a dispute its reason.</summary>
public sealed class CallResultInput
{
    public Guid TaskId { get; set; }
    public ArCollect.Domain.Dunning.CallOutcome? Outcome { get; set; }
    public DateOnly? PromisedDate { get; set; }
    public string? ReasonCode { get; set; }
    public string? Note { get; set; }
}
