using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Replies;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Replies;

/// <summary>The reply classifier against the keyword baseline on the held-out corpus, as the payment-delay model is shown against its heuristic.</summary>
public sealed class ModelModel(ReplyClassifier classifier) : PageModel
{
    public ReplyEvaluation Evaluation { get; private set; } = null!;
    public int TrainedOn { get; private set; }
    public TimeSpan? TrainingTime { get; private set; }

    public async Task OnGetAsync()
    {
        Evaluation = await classifier.HeldOutAsync();
        TrainedOn = (await classifier.ModelAsync()).TrainedOn;
        TrainingTime = ReplyClassifier.TrainingTime;
    }
}
