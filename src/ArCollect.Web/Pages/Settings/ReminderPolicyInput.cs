using ArCollect.Domain.Dunning;
using FluentValidation;

namespace ArCollect.Web.Pages.Settings;

/// <summary>The default policy's steps and the escalation rules as the Admin edits them.</summary>
public sealed class ReminderPolicyInput
{
    public List<StepInput> Steps { get; set; } = [];
    public List<RuleInput> Rules { get; set; } = [];

    public sealed class StepInput
    {
        public Guid? Id { get; set; }
        public bool Remove { get; set; }
        public int? OffsetDays { get; set; }
        public ReminderTone Tone { get; set; }
        public bool Email { get; set; }
        public bool CollectorTask { get; set; }
        public bool ManagerNotification { get; set; }
        public bool CreditHold { get; set; }
        public decimal? MinOverdueAmount { get; set; }
        public string? Segment { get; set; }

        public StepActions Actions =>
            (Email ? StepActions.Email : 0) | (CollectorTask ? StepActions.CollectorTask : 0)
            | (ManagerNotification ? StepActions.ManagerNotification : 0) | (CreditHold ? StepActions.CreditHold : 0);
    }

    public sealed class RuleInput
    {
        public Guid Id { get; set; }
        public EscalationKind Kind { get; set; }
        public int Threshold { get; set; }
        public TaskAssignee Assignee { get; set; }
        public bool IsActive { get; set; }
    }
}

public sealed class ReminderPolicyInputValidator : AbstractValidator<ReminderPolicyInput>
{
    public ReminderPolicyInputValidator()
    {
        RuleForEach(x => x.Steps).Where(s => !s.Remove && s.OffsetDays is not null).ChildRules(step =>
        {
            step.RuleFor(s => s.OffsetDays).InclusiveBetween(-60, 365).WithMessage("Offset must be between -60 and 365 days.");
            step.RuleFor(s => s.Actions).NotEqual(StepActions.None).WithMessage("Choose at least one action.");
            step.RuleFor(s => s.MinOverdueAmount).GreaterThanOrEqualTo(0m).WithMessage("Minimum overdue amount cannot be negative.");
            step.RuleFor(s => s.Segment).MaximumLength(60);
        });
        RuleFor(x => x.Steps)
            .Must(steps => steps.Where(s => !s.Remove && s.OffsetDays is not null).GroupBy(s => (s.OffsetDays, s.Segment?.Trim().ToLowerInvariant())).All(g => g.Count() == 1))
            .WithMessage("Two steps have the same offset (and segment); each step needs its own day.");
        RuleFor(x => x.Steps).Must(steps => steps.Any(s => !s.Remove && s.OffsetDays is not null)).WithMessage("Keep at least one step.");
        RuleForEach(x => x.Rules).ChildRules(rule =>
            rule.RuleFor(r => r.Threshold).InclusiveBetween(0, 365).WithMessage("Threshold must be between 0 and 365."));
    }
}
