using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.Risk;
using ArCollect.Infrastructure.Tenancy;
using FluentValidation;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Risk;

/// <summary>Managers see how the payment-delay model does against the heuristic, its history, and can retrain it now.</summary>
public sealed class ModelModel(ArCollectDbContext db, TenantContext tenant, IBackgroundJobClient jobs, TimeProvider time) : PageModel
{
    /// <summary>A stored run; <paramref name="ModelProbabilities"/> and <paramref name="ModelDates"/> say which heads its model answers for.</summary>
    public sealed record RunRow(
        int Version, DateTimeOffset TrainedAt, RiskPredictor Predictor, bool IsActive, int RowsUsed, string Outcome, RiskRunReport Report, bool ModelProbabilities, bool ModelDates)
    {
        /// <summary>What scores open invoices while this run is active, in words.</summary>
        public string Scoring => (Predictor, ModelProbabilities, ModelDates) switch
        {
            (RiskPredictor.Model, true, true) => "the model's probabilities and payment dates",
            (RiskPredictor.Model, false, true) => "the model's payment dates and the heuristic's probabilities",
            (RiskPredictor.Model, true, false) => "the model's probabilities and the heuristic's payment dates",
            _ => "the heuristic's probabilities and payment dates",
        };
    }

    public IReadOnlyList<RunRow> Runs { get; private set; } = [];
    public RunRow? Latest => Runs.Count > 0 ? Runs[0] : null;
    public RunRow? Active => Runs.FirstOrDefault(r => r.IsActive);
    /// <summary>One of the invoices with the most money expected late, ranked in the base currency.</summary>
    public sealed record RiskyInvoice(string Number, Guid CustomerId, string Customer, decimal Balance, string Currency, decimal BalanceInBase, bool MissingRate, RiskBadgeView Badge);

    public string BaseCurrency { get; private set; } = "";

    /// <summary>The open invoices with the most money expected late (probability x balance), to sanity-check the scores.</summary>
    public IReadOnlyList<RiskyInvoice> Riskiest { get; private set; } = [];

    public int ScoredInvoices { get; private set; }
    public DateTimeOffset? ScoredAt { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public SettingsInput Settings { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var settings = await RiskModelService.SettingsAsync(db, tenant.TenantId!.Value, cancellationToken);
        Settings = new SettingsInput { GraceDays = settings.GraceDays, MediumFrom = settings.MediumFrom, HighFrom = settings.HighFrom };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRetrainAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId!.Value;
        if (await RetrainRequests.TryClaimAsync(db, tenantId, time.GetUtcNow(), cancellationToken))
        {
            jobs.Enqueue<RiskModelJob>(job => job.RunAsync(tenantId, CancellationToken.None));
            Message = "Retraining has started in the background; the new run appears here when it has finished.";
        }
        else
        {
            Message = "A retraining run is already waiting to start; the new run appears here when it has finished.";
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var validation = new SettingsInputValidator().Validate(Settings);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError($"Settings.{error.PropertyName}", error.ErrorMessage);
        }

        if (!validation.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var row = await db.RiskSettings.FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = RiskSettings.Defaults(tenant.TenantId!.Value);
            db.RiskSettings.Add(row);
        }

        (row.GraceDays, row.MediumFrom, row.HighFrom) = (Settings.GraceDays, Settings.MediumFrom, Settings.HighFrom);
        await db.SaveChangesAsync(cancellationToken);
        Message = "Settings saved. They apply from the next training run.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var runs = await db.RiskModels.AsNoTracking()
            .OrderByDescending(r => r.Version)
            .Select(r => new { r.Version, r.TrainedAt, r.Predictor, r.IsActive, r.RowsUsed, r.Outcome, r.MetricsJson, Classifier = r.ClassifierBytes != null, Regressor = r.RegressorBytes != null })
            .Take(30)
            .ToListAsync(cancellationToken);
        Runs = runs.Select(r => new RunRow(r.Version, r.TrainedAt, r.Predictor, r.IsActive, r.RowsUsed, r.Outcome, RiskJson.Read(r.MetricsJson), r.Classifier, r.Regressor)).ToList();
        ScoredInvoices = await db.InvoiceScores.CountAsync(cancellationToken);
        ScoredAt = await db.InvoiceScores.MaxAsync(s => (DateTimeOffset?)s.ScoredAt, cancellationToken);
        // Ranked by probability x open balance in the base currency (the worklist's conversion), not by raw amounts.
        BaseCurrency = (await db.ConverterAsync(cancellationToken)).BaseCurrency;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var top = await TopLists.MostExpectedLateAsync(db, BaseCurrency, today, 10, cancellationToken);
        var ids = top.Select(t => t.InvoiceId).ToList();
        var details = await (
                from s in db.InvoiceScores.AsNoTracking()
                join i in db.Invoices on s.InvoiceId equals i.Id
                join c in db.Customers on s.CustomerId equals c.Id
                where ids.Contains(i.Id)
                select new { i.Id, i.Number, s.CustomerId, Customer = c.Name, i.Balance, i.Currency, s.Band, s.ProbabilityLate, s.ExpectedDaysLate, s.PredictedPayDate, s.Reasons, s.Predictor, s.ModelVersion, s.ScoredAt })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        Riskiest = top.Where(t => details.ContainsKey(t.InvoiceId)).Select(t =>
        {
            var r = details[t.InvoiceId];
            return new RiskyInvoice(r.Number, r.CustomerId, r.Customer, r.Balance, r.Currency, t.BalanceInBase, t.MissingRate, new RiskBadgeView(
                r.Band, r.ProbabilityLate, r.ExpectedDaysLate, r.PredictedPayDate, r.Reasons.Split('\n'), r.Predictor, r.ModelVersion, r.ScoredAt, null));
        }).ToList();
    }

    public sealed class SettingsInput
    {
        public int GraceDays { get; set; }
        public double MediumFrom { get; set; }
        public double HighFrom { get; set; }
    }

    public sealed class SettingsInputValidator : AbstractValidator<SettingsInput>
    {
        public SettingsInputValidator()
        {
            RuleFor(x => x.GraceDays).InclusiveBetween(0, 90).WithMessage("Grace days must be between 0 and 90.");
            RuleFor(x => x.MediumFrom).ExclusiveBetween(0, 1).WithMessage("The Medium cut-off must be a probability between 0 and 1.");
            RuleFor(x => x.HighFrom).ExclusiveBetween(0, 1).WithMessage("The High cut-off must be a probability between 0 and 1.")
                .GreaterThan(x => x.MediumFrom).WithMessage("The High cut-off must be above the Medium cut-off.");
        }
    }
}
