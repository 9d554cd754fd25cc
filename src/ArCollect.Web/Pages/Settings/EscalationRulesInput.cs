using ArCollect.Domain.Dunning;
using FluentValidation;

namespace ArCollect.Web.Pages.Settings;

/// <summary>The tenant's escalation rules as the Admin edits them; they apply whatever policy a customer follows.</summary>
public sealed class EscalationRulesInput
{
    public List<RuleInput> Rules { get; set; } = [];

    public sealed class RuleInput
    {
        public Guid Id { get; set; }
        public EscalationKind Kind { get; set; }
        public int Threshold { get; set; }
        public TaskAssignee Assignee { get; set; }
        public bool IsActive { get; set; }
    }
}

public sealed class EscalationRulesInputValidator : AbstractValidator<EscalationRulesInput>
{
    public EscalationRulesInputValidator() =>
        RuleForEach(x => x.Rules).ChildRules(rule =>
            rule.RuleFor(r => r.Threshold).InclusiveBetween(0, 365).WithMessage("Threshold must be between 0 and 365."));
}
