using ArCollect.Infrastructure.Exports;
using ArCollect.Infrastructure.Imports;
using Microsoft.AspNetCore.Http.Features;

namespace ArCollect.Web.Api;

/// <summary>CSV imports over the API: the request body is the file, streamed straight into the importer.</summary>
public static class ImportsEndpoints
{
    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/imports/customers", (HttpContext http, CustomerCsvImporter importer, ImportMode? mode, string? report) =>
                ImportAsync(http, (body, m, ct) => importer.ImportAsync(body, m, null, ct), mode, report)).WithTags("Imports")
            .WithSummary("Imports customers keyed by external_id. mode=AllOrNothing|ValidRows; report=csv answers with the row-level report as CSV.")
            .Accepts<string>("text/csv").Produces<ImportReport>().Produces<ImportReport>(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/imports/invoices", (HttpContext http, InvoiceCsvImporter importer, ImportMode? mode, string? report) =>
                ImportAsync(http, (body, m, ct) => importer.ImportAsync(body, m, null, ct), mode, report)).WithTags("Imports")
            .WithSummary("Imports invoices (one CSV row per line). mode=AllOrNothing|ValidRows; report=csv answers with the row-level report as CSV.")
            .Accepts<string>("text/csv").Produces<ImportReport>().Produces<ImportReport>(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/imports/payments", (HttpContext http, PaymentCsvImporter importer, ImportMode? mode, string? report) =>
                ImportAsync(http, (body, m, ct) => importer.ImportAsync(body, m, null, ct), mode, report)).WithTags("Imports")
            .WithSummary("Imports payments keyed by reference, applied to the named invoices (invoice_number, ';'-separated) or oldest first. mode=AllOrNothing|ValidRows; report=csv answers with the row-level report as CSV.")
            .Accepts<string>("text/csv").Produces<ImportReport>().Produces<ImportReport>(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> ImportAsync(
        HttpContext http, Func<Stream, ImportMode, CancellationToken, Task<ImportReport>> import, ImportMode? mode, string? report)
    {
        if (http.Request.ContentLength > ImportLimits.MaxFileBytes)
        {
            return TooLarge();
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = ImportLimits.MaxFileBytes;
        }

        ImportReport result;
        try
        {
            result = await import(http.Request.Body, mode ?? ImportMode.AllOrNothing, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        if (string.Equals(report, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Stream(output => ImportReportCsv.WriteAsync(result, output, http.RequestAborted), LedgerExports.ContentType(LedgerExportFormat.Csv), "import-report.csv");
        }

        return result.Committed ? Results.Ok(result) : Results.UnprocessableEntity(result);
    }

    private static IResult TooLarge() => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: $"The file is larger than {ImportLimits.MaxFileBytes / 1024 / 1024} MB: split it into several imports.");
}
