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
        if (invoiceId is { } i && await db.InvoiceScores.AsNoTracking().FirstOrDefaultAsync(s => s.InvoiceId == i) is { } invoice)
        {
            view = new RiskBadgeView(
                invoice.Band, invoice.ProbabilityLate, invoice.ExpectedDaysLate, invoice.PredictedPayDate, SplitReasons(invoice.Reasons),
                invoice.Predictor, invoice.ModelVersion, invoice.ScoredAt, null);
        }
        else if (customerId is { } c && await db.CustomerScores.AsNoTracking().FirstOrDefaultAsync(s => s.CustomerId == c) is { } customer)
        {
            view = new RiskBadgeView(
                customer.Band, customer.ProbabilityLate, customer.ExpectedDaysLate, null, SplitReasons(customer.Reasons),
                customer.Predictor, customer.ModelVersion, customer.ScoredAt, customer.OpenInvoices);
        }

        ViewData["Compact"] = compact;
        return View(view);
    }

    private static IReadOnlyList<string> SplitReasons(string reasons) => reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
