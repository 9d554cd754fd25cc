using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Risk;

/// <summary>What a risk badge shows: band, probability, expected delay, predicted pay date (invoices) and reasons.</summary>
public sealed record RiskBadgeView(
    RiskBand Band,
    double ProbabilityLate,
    double ExpectedDaysLate,
    DateOnly? PredictedPayDate,
    IReadOnlyList<string> Reasons,
    RiskPredictor Predictor,
    int ModelVersion,
    DateTimeOffset ScoredAt,
    int? OpenInvoices);

/// <summary>
/// The risk of one invoice or one customer, for pages owned by other features:
/// <c>@await Component.InvokeAsync("RiskBadge", new { invoiceId = id })</c> or <c>new { customerId = id }</c>.
/// Renders nothing-yet text when the item has no score (paid, or not scored since it was created).
/// </summary>
public sealed class RiskBadgeViewComponent(ArCollectDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? invoiceId = null, Guid? customerId = null, bool compact = false)
    {
        RiskBadgeView? view = null;
        if (invoiceId is { } i)
        {
            view = await db.InvoiceScores.AsNoTracking().Where(s => s.InvoiceId == i)
                .Select(s => new RiskBadgeView(s.Band, s.ProbabilityLate, s.ExpectedDaysLate, s.PredictedPayDate, SplitReasons(s.Reasons), s.Predictor, s.ModelVersion, s.ScoredAt, null))
                .FirstOrDefaultAsync();
        }
        else if (customerId is { } c)
        {
            view = await db.CustomerScores.AsNoTracking().Where(s => s.CustomerId == c)
                .Select(s => new RiskBadgeView(s.Band, s.ProbabilityLate, s.ExpectedDaysLate, null, SplitReasons(s.Reasons), s.Predictor, s.ModelVersion, s.ScoredAt, s.OpenInvoices))
                .FirstOrDefaultAsync();
        }

        ViewData["Compact"] = compact;
        return View(view);
    }

    private static IReadOnlyList<string> SplitReasons(string reasons) => reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
