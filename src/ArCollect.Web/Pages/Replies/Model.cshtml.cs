using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Replies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Replies;

/// <summary>The reply classifier against the keyword baseline on the held-out corpus, as the payment-delay model is shown against its heuristic.</summary>
public sealed class ModelModel(ReplyClassifier classifier) : PageModel
{
    /// <summary>Which held-out file is shown: holdout-4.csv (not used to choose the model, the default) or test.csv.</summary>
    [BindProperty(SupportsGet = true)]
    public string Set { get; set; } = "holdout-4.csv";

    public ReplyEvaluation Evaluation { get; private set; } = null!;
    public int TrainedOn { get; private set; }
    public TimeSpan? TrainingTime { get; private set; }

    public async Task OnGetAsync()
    {
        Set = ReplyClassifier.HeldOutSets.Contains(Set) ? Set : ReplyClassifier.HeldOutSets[0];
        Evaluation = await classifier.HeldOutAsync(Set);
        TrainedOn = (await classifier.ModelAsync()).TrainedOn;
        TrainingTime = ReplyClassifier.TrainingTime;
    }
}
