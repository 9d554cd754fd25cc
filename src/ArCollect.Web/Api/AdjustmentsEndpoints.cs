using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Api;

public sealed record CreditNoteDto(Guid Id, string Number, Guid CustomerId, Guid? InvoiceId, DateOnly IssueDate, decimal Amount, string Currency, string Reason);

public sealed record WriteOffRequestDto(
    Guid Id, Guid CustomerId, Guid InvoiceId, decimal Amount, string Currency, string Reason, WriteOffRequestStatus Status,
    DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt, string? DecisionReason, Guid? WriteOffId, string Message);

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
        // An API key acts for no person, so it never stands in for a Manager: above the currency's limit the write-off
        // becomes a request (202 Accepted) that a Manager decides on the Write-off approvals page.
        writeOffs.MapPost("/", (HttpContext http, InvoiceAdjustments adjustments, IValidator<AdjustmentInput> validator, ArCollectDbContext db) =>
                CreateAsync(http, validator, input => adjustments.WriteOffAsync(input, mayExceedLimit: false, http.RequestAborted),
                    async id => await db.WriteOffs.AsNoTracking().Where(w => w.Id == id).Select(WriteOff).FirstAsync(http.RequestAborted), "write-offs",
                    async id => await RequestAsync(db, id, http.RequestAborted)))
            .Accepts<AdjustmentInput>("application/json").Produces<WriteOffDto>(StatusCodes.Status201Created)
            .Produces<WriteOffRequestDto>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .WithDescription("Above the company's write-off limit for the invoice's currency nothing is written off yet: the answer is 202 "
                + "with the pending request, which a Manager approves or rejects in the app; follow it at /write-off-requests/{id}.");

        var requests = api.MapGroup("/write-off-requests").WithTags("Write-offs");
        requests.MapGet("/{id:guid}", async (ArCollectDbContext db, Guid id, CancellationToken ct) =>
            await RequestAsync(db, id, ct) is { } found ? Results.Ok(found) : ApiSupport.NotFound("write-off request"));
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

    private static async Task<WriteOffRequestDto?> RequestAsync(ArCollectDbContext db, Guid id, CancellationToken ct)
    {
        var r = await db.WriteOffRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }

        var limit = await db.CurrencySettings.AsNoTracking().Where(c => c.Currency == r.Currency).Select(c => c.WriteOffLimit).FirstOrDefaultAsync(ct);
        var message = r.Status switch
        {
            WriteOffRequestStatus.Pending => $"The write-off of {r.Currency} {r.Amount:N2} is above the limit of {r.Currency} {limit:N2} and awaits a manager's approval.",
            WriteOffRequestStatus.Approved => $"The write-off of {r.Currency} {r.Amount:N2} was approved and written off.",
            _ => $"The write-off of {r.Currency} {r.Amount:N2} was rejected: {r.DecisionReason}",
        };
        return new WriteOffRequestDto(r.Id, r.CustomerId, r.InvoiceId, r.Amount, r.Currency, r.Reason, r.Status, r.RequestedAt, r.DecidedAt,
            r.DecisionReason, r.WriteOffId, message);
    }

    private static async Task<IResult> CreateAsync<TDto>(
        HttpContext http, IValidator<AdjustmentInput> validator, Func<AdjustmentInput, Task<AdjustmentResult>> adjust, Func<Guid, Task<TDto>> load, string path,
        Func<Guid, Task<WriteOffRequestDto?>>? pending = null)
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

        if (result.PendingRequestId is { } requestId && pending is not null)
        {
            return Results.Accepted($"/api/v1/write-off-requests/{requestId}", await pending(requestId));
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
