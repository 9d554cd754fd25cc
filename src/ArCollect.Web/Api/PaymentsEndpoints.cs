using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Common;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Payments;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Api;

public sealed record AllocationDto(Guid InvoiceId, decimal Amount);

public sealed record PaymentDto(
    Guid Id, Guid CustomerId, string? Reference, DateOnly ReceivedOn, decimal Amount, string Currency, PaymentMethod Method,
    decimal UnappliedAmount, DateTimeOffset CreatedAt, IReadOnlyList<AllocationDto> Allocations);

public static class PaymentsEndpoints
{
    public static RouteGroupBuilder MapPaymentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/payments").WithTags("Payments");
        group.MapGet("/", ListAsync).WithSummary("Payments in id order; filter by customerId and createdSince; page with cursor.");
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/", RecordAsync).Accepts<RecordPaymentInput>("application/json")
            .WithSummary("Records a payment; without allocations it pays the oldest invoices first. A reference is accepted once.")
            .WithDescription("Send an Idempotency-Key header (up to 255 characters, e.g. a UUID) to retry safely: the same key with "
                + "the same body answers the first response again without recording anything; the same key with another body is "
                + "refused with 422. Keys are kept per company; a refused request stores nothing under its key.")
            .Produces<PaymentDto>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> ListAsync(ArCollectDbContext db, string? cursor, int? limit, Guid? customerId, DateTimeOffset? createdSince, CancellationToken ct)
    {
        if (!ApiSupport.TryPage(cursor, limit, out var after, out var take, out var problem))
        {
            return problem!;
        }

        var query = db.Payments.AsNoTracking();
        query = after is { } a ? query.Where(p => p.Id.CompareTo(a) > 0) : query;
        query = customerId is { } c ? query.Where(p => p.CustomerId == c) : query;
        query = createdSince is { } since ? query.Where(p => p.CreatedAt >= since) : query;
        var rows = await query.Include(p => p.Allocations).OrderBy(p => p.Id).Take(take + 1).ToListAsync(ct);
        return Results.Ok(ApiSupport.ToPage(rows, take, p => p.Id, ToDto));
    }

    private static async Task<IResult> GetAsync(ArCollectDbContext db, Guid id, CancellationToken ct) =>
        await db.Payments.AsNoTracking().Include(p => p.Allocations).FirstOrDefaultAsync(p => p.Id == id, ct) is { } payment
            ? Results.Ok(ToDto(payment))
            : ApiSupport.NotFound("payment");

    private static Task<IResult> RecordAsync(
        HttpContext http, PaymentRecorder recorder, IValidator<RecordPaymentInput> validator, ArCollectDbContext db, IdempotentRequests idempotency) =>
        IdempotentCreate.RunAsync(http, db, idempotency, validator, "nothing was recorded", "payment", async (input, ct) =>
        {
            var result = await recorder.RecordAsync(input, ct);
            if (!result.Succeeded)
            {
                return new(ToResult(result, input));
            }

            var dto = ToDto(result.Payment!);
            var location = $"/api/v1/payments/{dto.Id}";
            return new(Results.Created(location, dto), dto, location);
        });

    private static IResult ToResult(PaymentResult result, RecordPaymentInput input)
    {
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Field == nameof(input.Reference))
                ? ApiSupport.Conflict(nameof(input.Reference), result.Errors[0].Message)
                : ApiSupport.Invalid(result.Errors);
        }

        return Results.Created($"/api/v1/payments/{result.Payment!.Id}", ToDto(result.Payment));
    }

    private static PaymentDto ToDto(Payment p) => new(
        p.Id, p.CustomerId, p.Reference, p.ReceivedOn, p.Amount, p.Currency, p.Method, p.UnappliedAmount, p.CreatedAt,
        p.Allocations.Select(a => new AllocationDto(a.InvoiceId, a.Amount)).ToList());
}
