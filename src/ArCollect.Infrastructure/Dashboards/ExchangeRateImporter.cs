using System.Globalization;
using ArCollect.Domain.Common;
using ArCollect.Domain.Dashboards;
using ArCollect.Infrastructure.Data;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>
/// Imports exchange rates from CSV with the header <c>currency,rate_to_base,rate_date</c>. Every row is checked
/// first; one bad row refuses the whole file and names row (data rows counted from 1, after the header) and column. A rate for an existing currency and date
/// replaces it, so importing the same file twice changes nothing.
/// </summary>
public sealed class ExchangeRateImporter(ArCollectDbContext db, TimeProvider time)
{
    public static readonly string[] Columns = ["currency", "rate_to_base", "rate_date"];

    public sealed record Result(int Imported, IReadOnlyList<string> Errors);

    public async Task<Result> ImportAsync(Stream csvStream, string baseCurrency, CancellationToken cancellationToken)
    {
        var (rates, errors) = Parse(csvStream, baseCurrency);
        if (errors.Count > 0)
        {
            return new Result(0, errors);
        }

        foreach (var rate in rates)
        {
            await UpsertAsync(rate.Currency, rate.RateToBase, rate.RateDate, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Result(rates.Count, []);
    }

    /// <summary>Adds a rate or replaces the one for the same currency and date (tracked; the caller saves).</summary>
    public async Task UpsertAsync(string currency, decimal rateToBase, DateOnly rateDate, CancellationToken cancellationToken)
    {
        var existing = await db.ExchangeRates.SingleOrDefaultAsync(r => r.Currency == currency && r.RateDate == rateDate, cancellationToken)
            ?? db.ExchangeRates.Local.SingleOrDefault(r => r.Currency == currency && r.RateDate == rateDate);
        if (existing is null)
        {
            db.ExchangeRates.Add(new ExchangeRate { Id = Guid.CreateVersion7(), Currency = currency, RateToBase = rateToBase, RateDate = rateDate, UpdatedAt = time.GetUtcNow() });
        }
        else
        {
            existing.RateToBase = rateToBase;
            existing.UpdatedAt = time.GetUtcNow();
        }
    }

    /// <summary>Checks a rate as typed on the page or in a file; returns the messages for the bad fields.</summary>
    public static IEnumerable<(string Field, string Message)> Validate(string? currency, decimal? rate, string baseCurrency)
    {
        if (string.IsNullOrWhiteSpace(currency) || !CurrencyCodes.IsKnown(currency))
        {
            yield return ("currency", $"'{currency}' is not an ISO 4217 currency code.");
        }
        else if (currency == baseCurrency)
        {
            yield return ("currency", $"{baseCurrency} is the base currency; it always converts at 1.");
        }

        if (rate is not > 0m || rate > 1_000_000m)
        {
            yield return ("rate_to_base", "The rate must be a positive number.");
        }
    }

    private static (List<ExchangeRate> Rates, List<string> Errors) Parse(Stream csvStream, string baseCurrency)
    {
        var rates = new List<ExchangeRate>();
        var errors = new List<string>();
        using var csv = CsvReader.Create(csvStream, new CsvReaderOptions { TrimWhitespace = true }, false);
        var hasRecord = csv.Read();
        var missing = Columns.Where(c => !csv.Headers.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (csv.Headers.Count == 0)
        {
            return (rates, ["The file is empty; expected the header currency,rate_to_base,rate_date."]);
        }

        if (missing.Count > 0)
        {
            return (rates, [$"Missing column(s): {string.Join(", ", missing)}."]);
        }

        var seen = new HashSet<(string, DateOnly)>();
        for (; hasRecord; hasRecord = csv.Read())
        {
            var row = csv.RowNumber;
            var currency = csv.GetStringOrNull("currency")?.ToUpperInvariant();
            var rateOk = decimal.TryParse(csv.GetStringOrNull("rate_to_base"), NumberStyles.Number, CultureInfo.InvariantCulture, out var rate);
            var dateOk = DateOnly.TryParseExact(csv.GetStringOrNull("rate_date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
            foreach (var (field, message) in Validate(currency, rateOk ? rate : null, baseCurrency))
            {
                errors.Add($"Row {row}, column {field}: {message}");
            }

            if (!dateOk)
            {
                errors.Add($"Row {row}, column rate_date: expected a date like 2026-06-30.");
            }
            else if (currency is not null && !seen.Add((currency, date)))
            {
                errors.Add($"Row {row}: {currency} on {date:yyyy-MM-dd} appears twice in the file.");
            }

            if (rateOk && dateOk && currency is not null)
            {
                rates.Add(new ExchangeRate { Currency = currency, RateToBase = rate, RateDate = date });
            }
        }

        return (rates, errors);
    }
}
