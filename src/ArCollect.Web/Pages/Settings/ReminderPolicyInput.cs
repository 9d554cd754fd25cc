using ArCollect.Domain.Common;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Risk;
using FluentValidation;

namespace ArCollect.Web.Pages.Settings;

/// <summary>One reminder policy's name and steps as the Admin edits them.</summary>
public sealed class ReminderPolicyInput
{
    public string? Name { get; set; }
    public List<StepInput> Steps { get; set; } = [];

    /// <summary>The policy has a thank-you step (<see cref="ReminderPolicy.ThankYouActions"/>): unticked removes it.</summary>
    public bool ThankYou { get; set; }

    public bool ThankYouEmail { get; set; }
    public bool ThankYouSms { get; set; }

    public StepActions ThankYouActions =>
        ThankYou ? (ThankYouEmail ? StepActions.Email : 0) | (ThankYouSms ? StepActions.Sms : 0) : StepActions.None;

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

        /// <summary>A short SMS to a contact with a mobile number and consent (<see cref="StepActions.Sms"/>).</summary>
        public bool Sms { get; set; }

        /// <summary>A call task with a script on the worklist (<see cref="StepActions.CallTask"/>).</summary>
        public bool CallTask { get; set; }

        public decimal? MinOverdueAmount { get; set; }
        public string? Segment { get; set; }

        /// <summary>Empty for any band; otherwise a <see cref="Domain.Risk.RiskBand"/> name as the run compares it.</summary>
        public string? RiskBand { get; set; }

        public StepActions Actions =>
            (Email ? StepActions.Email : 0) | (CollectorTask ? StepActions.CollectorTask : 0)
            | (ManagerNotification ? StepActions.ManagerNotification : 0) | (CreditHold ? StepActions.CreditHold : 0)
            | (Sms ? StepActions.Sms : 0) | (CallTask ? StepActions.CallTask : 0);

        public bool IsKept => !Remove && OffsetDays is not null;
    }
}

public sealed class ReminderPolicyInputValidator : AbstractValidator<ReminderPolicyInput>
{
    public const int NameMaxLength = 100;

    public ReminderPolicyInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name for the policy.")
            .MaximumLength(NameMaxLength).WithMessage($"Use at most {NameMaxLength} characters for the name.");
        Include(new SafeTextRules<ReminderPolicyInput>());
        RuleForEach(x => x.Steps).Where(s => s.IsKept).ChildRules(step =>
        {
            step.RuleFor(s => s.OffsetDays).InclusiveBetween(-60, 365).WithMessage("Offset must be between -60 and 365 days.");
            step.RuleFor(s => s.Actions).NotEqual(StepActions.None).WithMessage("Choose at least one action.");
            step.RuleFor(s => s.Tone).IsInEnum().NotEqual(ReminderTone.ThankYou)
                .WithMessage("Thank you is not a reminder tone: use the thank-you step below.");
            step.RuleFor(s => s.MinOverdueAmount).GreaterThanOrEqualTo(0m).WithMessage("Minimum overdue amount cannot be negative.");
            step.RuleFor(s => s.Segment).MaximumLength(60).WithMessage("Use at most 60 characters for the segment.");
            step.RuleFor(s => s.RiskBand).Must(BeABand).WithMessage("Risk band must be Low, Medium or High, or empty for any band.");
        });
        RuleFor(x => x.Steps)
            .Must(steps => steps.Where(s => s.IsKept).GroupBy(ConditionKey).All(g => g.Count() == 1))
            .WithMessage("Two steps have the same offset (and segment and risk band); each step needs its own day.");
        RuleFor(x => x.Steps).Must(steps => steps.Any(s => s.IsKept)).WithMessage("Keep at least one step.");
        RuleFor(x => x.ThankYouActions).NotEqual(StepActions.None).When(x => x.ThankYou)
            .WithName(nameof(ReminderPolicyInput.ThankYou)).OverridePropertyName(nameof(ReminderPolicyInput.ThankYou))
            .WithMessage("Choose email, SMS or both for the thank-you step, or untick it to remove the step.");
    }

    public static string? NormalizeBand(string? band) =>
        string.IsNullOrWhiteSpace(band) ? null
        : Enum.GetNames<RiskBand>().FirstOrDefault(n => string.Equals(n, band.Trim(), StringComparison.OrdinalIgnoreCase)) ?? band.Trim();

    private static bool BeABand(string? band) =>
        NormalizeBand(band) is not { } normalized || Enum.GetNames<RiskBand>().Contains(normalized, StringComparer.Ordinal);

    private static (int?, string?, string?) ConditionKey(ReminderPolicyInput.StepInput step) =>
        (step.OffsetDays, step.Segment?.Trim().ToLowerInvariant(), NormalizeBand(step.RiskBand));
}
