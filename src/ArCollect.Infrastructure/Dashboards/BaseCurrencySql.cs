namespace ArCollect.Infrastructure.Dashboards;

/// <summary>
/// The one SQL conversion to the tenant's base currency, shared by every ranking that compares amounts across
/// currencies (worklist, home page, risk page): the base currency converts at 1, another currency at the newest stored
/// rate dated on or before the day; without such a rate the rate is NULL, so the amount is left out and flagged,
/// never treated as 1:1 (as <see cref="Domain.Common.CurrencyConverter"/> does in memory).
/// </summary>
public static class BaseCurrencySql
{
    /// <summary>
    /// A <c>LEFT JOIN LATERAL</c> giving <c>{alias}.rate</c> for the currency in <paramref name="currencyColumn"/>;
    /// <paramref name="baseCurrency"/>, <paramref name="day"/> and <paramref name="tenant"/> are SQL expressions (parameters).
    /// </summary>
    public static string RateJoin(string currencyColumn, string baseCurrency, string day, string tenant, string alias = "r") => $"""
        LEFT JOIN LATERAL (
          SELECT CASE WHEN {currencyColumn} = {baseCurrency} THEN 1::numeric
                      ELSE (SELECT x.rate_to_base FROM exchange_rates x
                            WHERE x.tenant_id = {tenant} AND x.currency = {currencyColumn} AND x.rate_date <= {day}
                            ORDER BY x.rate_date DESC LIMIT 1) END AS rate) {alias} ON true
        """;
}
