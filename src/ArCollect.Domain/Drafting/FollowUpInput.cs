using ArCollect.Domain.Common;
using FluentValidation;

namespace ArCollect.Domain.Drafting;

/// <summary>A follow-up as the clerk sends it; <see cref="DraftKey"/> is fixed when the draft is shown, so sending twice sends once.</summary>
public sealed class FollowUpInput
{
    public Guid DraftKey { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
}

public sealed class FollowUpInputValidator : AbstractValidator<FollowUpInput>
{
    public FollowUpInputValidator()
    {
        RuleFor(x => x.DraftKey).NotEmpty().WithMessage("The draft has no key; draft the message again.");
        RuleFor(x => x.Subject).NotEmpty().WithMessage("Write a subject.").MaximumLength(DraftingLimits.SubjectLength);
        RuleFor(x => x.Body).NotEmpty().WithMessage("Write the message.").MaximumLength(DraftingLimits.BodyLength);
        Include(new SafeTextRules<FollowUpInput>(nameof(FollowUpInput.Body)));
    }
}

/// <summary>The Admin's language-model settings as typed; a blank key keeps the stored one.</summary>
public sealed class DraftingSettingsInput
{
    public bool UseLanguageModel { get; set; }
    public string? Endpoint { get; set; }
    public string? Model { get; set; }
    public string? ApiKey { get; set; }
    public bool ClearApiKey { get; set; }
}

public sealed class DraftingSettingsInputValidator : AbstractValidator<DraftingSettingsInput>
{
    public DraftingSettingsInputValidator()
    {
        RuleFor(x => x.Endpoint).NotEmpty().When(x => x.UseLanguageModel).WithMessage("Enter the endpoint's address to use a language model.")
            .MaximumLength(DraftingLimits.EndpointLength);
        RuleFor(x => x.Model).NotEmpty().When(x => x.UseLanguageModel).WithMessage("Enter the model's name, e.g. gpt-4o-mini.")
            .MaximumLength(DraftingLimits.ModelLength);
        RuleFor(x => x.ApiKey).MaximumLength(500);
        Include(new SafeTextRules<DraftingSettingsInput>());
    }
}
