using ArCollect.Domain.Common;
using FluentValidation;

namespace ArCollect.Domain.Activities;

/// <summary>A note or call log a clerk adds to a customer's timeline.</summary>
public sealed class NoteInput
{
    public ActivityType Type { get; set; } = ActivityType.Note;
    public string Text { get; set; } = "";
}

public sealed class NoteInputValidator : AbstractValidator<NoteInput>
{
    public NoteInputValidator()
    {
        RuleFor(x => x.Type).Must(t => t is ActivityType.Note or ActivityType.Call)
            .WithMessage("Only notes and calls can be added by hand.");
        RuleFor(x => x.Text).NotEmpty().WithMessage("Write what happened.").MaximumLength(4000);
        Include(new SafeTextRules<NoteInput>(nameof(NoteInput.Text)));
    }
}
