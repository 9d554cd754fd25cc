using ArCollect.Infrastructure.CashApplication;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Imports;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Api;

/// <summary>Bank accounts and statement imports over the API: the request body is the statement file.</summary>
public static class CashApplicationEndpoints
{
    public sealed record BankAccountDto(Guid Id, string Name, string Iban, string Currency);

    public static RouteGroupBuilder MapCashApplicationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/bank-accounts", async (ArCollectDbContext db, CancellationToken cancellationToken) =>
                await db.BankAccounts.AsNoTracking().OrderBy(a => a.Name).Select(a => new BankAccountDto(a.Id, a.Name, a.Iban, a.Currency)).ToListAsync(cancellationToken))
            .WithTags("Cash application").WithSummary("The company's bank accounts that statements are imported for.");
        api.MapPost("/bank-accounts/{id:guid}/statements", ImportAsync).WithTags("Cash application")
            .WithSummary("Imports a bank statement (camt.053, camt.054, MT940, BAI2 or CSV; format=Camt053|Camt054|Mt940|Bai2|Csv, detected when left out). "
                + "Lines already imported are skipped; new receipts apply themselves above the confidence threshold, the rest wait in the unapplied-cash queue.")
            .Accepts<string>("application/octet-stream").Produces<StatementImportResult>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, Guid id, StatementFormat? format, string? fileName, StatementImporter importer)
    {
        if (http.Request.ContentLength > ImportLimits.MaxFileBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The file is larger than {ImportLimits.MaxFileBytes / 1024 / 1024} MB: split it by period.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = ImportLimits.MaxFileBytes;
        }

        var result = await importer.ImportAsync(id, http.Request.Body, format, null, fileName, http.RequestAborted);
        return result.Succeeded
            ? Results.Ok(result)
            : Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The statement was not imported.", detail: result.Problem);
    }
}
