using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArCollect.Infrastructure.Risk;

/// <summary>How run reports are stored in <c>risk_models.metrics_json</c>.</summary>
public static class RiskJson
{
    // Candidates carry NaN for metrics that do not apply to their task; JSON has no NaN, so it is written as a string.
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(RiskRunReport report) => JsonSerializer.Serialize(report, Options);

    public static RiskRunReport Read(string json) =>
        JsonSerializer.Deserialize<RiskRunReport>(json, Options) ?? throw new InvalidOperationException("A risk model run has an empty report.");
}
