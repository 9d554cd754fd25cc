using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Api;

public sealed record CreditNoteDto(Guid Id, string Number, Guid CustomerId, Guid? InvoiceId, DateOnly IssueDate, decimal Amount, string Currency, string Reason);

public sealed record WriteOffDto(Guid Id, Guid CustomerId, Guid InvoiceId, DateOnly WrittenOffOn, decimal Amount, string Currency, string Reason);

/// <summary>Credit notes and write-offs: both reduce an invoice's open balance; write-offs are listed apart.</summary>
public static class AdjustmentsEndpoints
{
    public static RouteGroupBuilder MapAdjustmentsApi(this RouteGroupBuilder api)
    {
        var credits = api.MapGroup("/credit-notes").WithTags("Credit notes");
        credits.MapGet("/", ListCreditNotesAsync);
        credits.MapPost("/", (HttpContext http, InvoiceAdjustments adjustments, IValidator<AdjustmentInput> validator, ArCollectDbContext db) =>
                CreateAsync(http, validator, input => adjustments.CreditAsync(input, http.RequestAborted),
                    async id => await db.CreditNotes.AsNoTracking().Where(c => c.Id == id).Select(CreditNote).FirstAsync(http.RequestAborted), "credit-notes"))
            .Accepts<AdjustmentInput>("application/json").Produces<CreditNoteDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        var writeOffs = api.MapGroup("/write-offs").WithTags("Write-offs");
        writeOffs.MapGet("/", ListWriteOffsAsync);
        writeOffs.MapPost("/", (HttpContext http, InvoiceAdjustments adjustments, IValidator<AdjustmentInput> validator, ArCollectDbContext db) =>
                CreateAsync(http, validator, input => adjustments.WriteOffAsync(input, http.RequestAborted),
                    async id => await db.WriteOffs.AsNoTracking().Where(w => w.Id == id).Select(WriteOff).FirstAsync(http.RequestAborted), "write-offs"))
            .Accepts<AdjustmentInput>("application/json").Produces<WriteOffDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> ListCreditNotesAsync(ArCollectDbContext db, string? cursor, int? limit, Guid? customerId, Guid? invoiceId, CancellationToken ct)
    {
        if (!ApiSupport.TryPage(cursor, limit, out var after, out var take, out var problem))
        {
            return problem!;
        }

        var query = db.CreditNotes.AsNoTracking();
        query = after is { } a ? query.Where(c => c.Id.CompareTo(a) > 0) : query;
        query = customerId is { } cu ? query.Where(c => c.CustomerId == cu) : query;
        query = invoiceId is { } inv ? query.Where(c => c.InvoiceId == inv) : query;
        var rows = await query.OrderBy(c => c.Id).Take(take + 1).Select(CreditNote).ToListAsync(ct);
        return Results.Ok(ApiSupport.ToPage(rows, take, c => c.Id, c => c));
    }

    private static async Task<IResult> ListWriteOffsAsync(ArCollectDbContext db, string? cursor, int? limit, Guid? customerId, Guid? invoiceId, CancellationToken ct)
    {
        if (!ApiSupport.TryPage(cursor, limit, out var after, out var take, out var problem))
        {
            return problem!;
        }

        var query = db.WriteOffs.AsNoTracking();
        query = after is { } a ? query.Where(w => w.Id.CompareTo(a) > 0) : query;
        query = customerId is { } cu ? query.Where(w => w.CustomerId == cu) : query;
        query = invoiceId is { } inv ? query.Where(w => w.InvoiceId == inv) : query;
        var rows = await query.OrderBy(w => w.Id).Take(take + 1).Select(WriteOff).ToListAsync(ct);
        return Results.Ok(ApiSupport.ToPage(rows, take, w => w.Id, w => w));
    }

    private static async Task<IResult> CreateAsync<TDto>(
        HttpContext http, IValidator<AdjustmentInput> validator, Func<AdjustmentInput, Task<AdjustmentResult>> adjust, Func<Guid, Task<TDto>> load, string path)
    {
        var (input, problem) = await ApiSupport.ReadAsync<AdjustmentInput>(http);
        if (input is null)
        {
            return problem!;
        }

        var validation = await validator.ValidateAsync(input, http.RequestAborted);
        if (!validation.IsValid)
        {
            return ApiSupport.Invalid(validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        }

        var result = await adjust(input);
        if (result.NotFound)
        {
            return ApiSupport.NotFound("invoice");
        }

        return result.Succeeded
            ? Results.Created($"/api/v1/{path}/{result.Id}", await load(result.Id!.Value))
            : ApiSupport.Invalid(result.Errors);
    }

    private static readonly System.Linq.Expressions.Expression<Func<CreditNote, CreditNoteDto>> CreditNote =
        c => new CreditNoteDto(c.Id, c.Number, c.CustomerId, c.InvoiceId, c.IssueDate, c.Amount, c.Currency, c.Reason);

    private static readonly System.Linq.Expressions.Expression<Func<WriteOff, WriteOffDto>> WriteOff =
        w => new WriteOffDto(w.Id, w.CustomerId, w.InvoiceId, w.WrittenOffOn, w.Amount, w.Currency, w.Reason);
}
