using ArCollect.Domain.Common;
using ArCollect.Domain.Forecasting;

namespace ArCollect.Infrastructure.Forecasting;

/// <summary>
/// The forecast's only source of predictions: for each open invoice, its open amount in the base currency, the
/// predicted payment day and the probability of payment. The payment-delay model plugs in here by registering its
/// own implementation (reading its score table) in place of <see cref="HistoryReceiptPredictor"/>.
/// </summary>
public interface IReceiptPredictor
{
    Task<Prediction> PredictAsync(DateOnly asOf, CurrencyConverter converter, CancellationToken cancellationToken);
}

/// <summary>The receipts predicted, and the currencies of open invoices that had no exchange rate (left out).</summary>
public sealed record Prediction(IReadOnlyList<ExpectedReceipt> Receipts, IReadOnlyList<string> MissingRates);
