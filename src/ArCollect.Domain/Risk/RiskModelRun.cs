using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Risk;

/// <summary>What predicts a tenant's scores: trained models, or the heuristic (too little history, or no model beat it yet).</summary>
public enum RiskPredictor
{
    Heuristic,
    Model,
}

/// <summary>
/// One nightly training run, stored whether or not its model was kept. The active run is the one whose model (or
/// heuristic) scores open invoices; a run whose model did not beat the heuristic keeps the last good one active.
/// </summary>
public class RiskModelRun : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }

    /// <summary>1, 2, 3... per tenant, in training order.</summary>
    public int Version { get; set; }

    public DateTimeOffset TrainedAt { get; set; }
    public RiskPredictor Predictor { get; set; }
    public bool IsActive { get; set; }

    /// <summary>Settled invoices used (training plus holdout).</summary>
    public int RowsUsed { get; set; }

    /// <summary>Why this run ended as it did, in one sentence for the model page.</summary>
    public required string Outcome { get; set; }

    /// <summary>Holdout metrics of model and heuristic, the chosen algorithms, and feature statistics for reasons (JSON).</summary>
    public required string MetricsJson { get; set; }

    /// <summary>The saved ML.NET classifier ("paid late"), when a model was trained.</summary>
    public byte[]? ClassifierBytes { get; set; }

    /// <summary>The saved ML.NET regressor (days late), when a model was trained.</summary>
    public byte[]? RegressorBytes { get; set; }
}

/// <summary>The latest score of one open invoice; all of a tenant's scores are replaced together each night.</summary>
public class InvoiceScore : ITenantOwned
{
    public Guid InvoiceId { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public double ProbabilityLate { get; set; }
    public double ExpectedDaysLate { get; set; }
    public DateOnly PredictedPayDate { get; set; }
    public RiskBand Band { get; set; }

    /// <summary>Up to three reasons in plain words, one per line.</summary>
    public required string Reasons { get; set; }

    public RiskPredictor Predictor { get; set; }
    public int ModelVersion { get; set; }
    public DateTimeOffset ScoredAt { get; set; }
}

/// <summary>A customer's risk rolled up from its scored open invoices, weighted by open amount.</summary>
public class CustomerScore : ITenantOwned
{
    public Guid CustomerId { get; set; }
    public Guid TenantId { get; set; }
    public double ProbabilityLate { get; set; }
    public double ExpectedDaysLate { get; set; }
    public RiskBand Band { get; set; }
    public int OpenInvoices { get; set; }

    /// <summary>The reasons of the open invoice with the most money at risk.</summary>
    public required string Reasons { get; set; }

    public RiskPredictor Predictor { get; set; }
    public int ModelVersion { get; set; }
    public DateTimeOffset ScoredAt { get; set; }
}
