using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Common;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Api;

public sealed record DisputeItemDto(Guid InvoiceId, Guid? InvoiceLineId, decimal Amount);

public sealed record DisputeMessageDto(Guid Id, DisputeCommentKind Kind, string Body, DateTimeOffset At, Guid? UserId);

public sealed record DisputeDto(
    Guid Id, Guid CustomerId, string ReasonCode, DisputeStatus Status, DisputeOutcome? Outcome, DisputePriority Priority,
    decimal Amount, string Currency, DateOnly OpenedOn, DateTimeOffset? DueAt, DateOnly? ResolvedOn, Guid? OwnerUserId,
    string? RoutedBy, string? Notes, string? Resolution, Guid? CreditNoteId, Guid? WriteOffId, Guid? RebillInvoiceId,
    IReadOnlyList<DisputeItemDto> Items);

/// <summary>The body of a status change: in review, waiting on customer, back to open, or withdrawn.</summary>
public sealed record DisputeTransitionInput(DisputeStatus? Status);

/// <summary>/api/v1/disputes: the same workflow as the Disputes pages, through <see cref="DisputeService"/> and <see cref="DisputeResolver"/>.</summary>
public static class DisputesEndpoints
{
    public static RouteGroupBuilder MapDisputesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/disputes").WithTags("Disputes");
        group.MapGet("/", ListAsync).WithSummary("Disputes in id order; filter by customerId and status (Open, InReview, WaitingOnCustomer, Resolved, Withdrawn); page with cursor.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One dispute with the invoices or lines it covers.");
        group.MapPost("/", OpenAsync).Accepts<OpenDisputeInput>("application/json")
            .WithSummary("Opens a dispute on one customer's invoices (or lines) in one currency: routed to an owner, with an SLA due time. "
                + "Only the disputed amounts stop being chased.")
            .WithDescription("reasonCode is one of the company's reason codes (pricing, quantity, damaged_goods, not_received, duplicate_billing, "
                + "already_paid, tax, service_quality, short_payment, other, or its own). Send an Idempotency-Key header (up to 255 characters, "
                + "e.g. a UUID) to retry safely: the same key with the same body answers the first response again without opening a second "
                + "dispute; the same key with another body is refused with 422.")
            .Produces<DisputeDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/transition", TransitionAsync).Accepts<DisputeTransitionInput>("application/json")
            .WithSummary("Moves a live dispute to InReview, WaitingOnCustomer, Open or Withdrawn. Resolving goes through /resolve.")
            .Produces<DisputeDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/resolve", ResolveAsync).Accepts<ResolveDisputeInput>("application/json")
            .WithSummary("Resolves a live dispute: CreditNote or WriteOff (amount, default the whole disputed amount), Rebill (credit the invoice "
                + "and draft a corrected one), or Rejected (explanation required; emailed to the customer).")
            .Produces<DisputeDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/messages", MessagesAsync).WithSummary("Internal notes and messages to and from the customer, oldest first.");
        group.MapPost("/{id:guid}/messages", CommentAsync).Accepts<DisputeCommentInput>("application/json")
            .WithSummary("Adds an internal note, or with toCustomer true a message emailed to the customer's primary contact.")
            .Produces<DisputeMessageDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(ArCollectDbContext db, string? cursor, int? limit, Guid? customerId, DisputeStatus? status, CancellationToken ct)
    {
        if (!ApiSupport.TryPage(cursor, limit, out var after, out var take, out var problem))
        {
            return problem!;
        }

        var query = db.Disputes.AsNoTracking();
        query = after is { } a ? query.Where(d => d.Id.CompareTo(a) > 0) : query;
        query = customerId is { } c ? query.Where(d => d.CustomerId == c) : query;
        query = status is { } s ? query.Where(d => d.Status == s) : query;
        var rows = await query.Include(d => d.Items).OrderBy(d => d.Id).Take(take + 1).ToListAsync(ct);
        return Results.Ok(ApiSupport.ToPage(rows, take, d => d.Id, ToDto));
    }

    private static async Task<IResult> GetAsync(ArCollectDbContext db, Guid id, CancellationToken ct) =>
        await FindAsync(db, id, ct) is { } dispute ? Results.Ok(ToDto(dispute)) : ApiSupport.NotFound("dispute");

    private static Task<IResult> OpenAsync(
        HttpContext http, DisputeService disputes, IValidator<OpenDisputeInput> validator, ArCollectDbContext db, IdempotentRequests idempotency) =>
        IdempotentCreate.RunAsync(http, db, idempotency, validator, "no dispute was opened", "dispute", async (input, ct) =>
        {
            // DisputeService joins the transaction the key was claimed in, if any.
            var result = await disputes.OpenAsync(input, ct);
            if (!result.Succeeded)
            {
                return new(ToProblem(result));
            }

            var dto = ToDto((await FindAsync(db, result.Id!.Value, ct))!);
            var location = $"/api/v1/disputes/{dto.Id}";
            return new(Results.Created(location, dto), dto, location);
        });

    private static async Task<IResult> TransitionAsync(HttpContext http, Guid id, DisputeService disputes, ArCollectDbContext db)
    {
        var (input, problem) = await ApiSupport.ReadAsync<DisputeTransitionInput>(http);
        if (input is null)
        {
            return problem!;
        }

        if (input.Status is not { } to)
        {
            return ApiSupport.Invalid([("Status", "Choose the new status: InReview, WaitingOnCustomer, Open or Withdrawn.")]);
        }

        var result = await disputes.ChangeStatusAsync(id, to, http.RequestAborted);
        return result.Succeeded ? Results.Ok(ToDto((await FindAsync(db, id, http.RequestAborted))!)) : ToProblem(result);
    }

    private static async Task<IResult> ResolveAsync(HttpContext http, Guid id, DisputeResolver resolver, IValidator<ResolveDisputeInput> validator, ArCollectDbContext db)
    {
        var (input, problem) = await ApiSupport.ReadAsync<ResolveDisputeInput>(http);
        if (input is null)
        {
            return problem!;
        }

        var validation = await validator.ValidateAsync(input, http.RequestAborted);
        if (!validation.IsValid)
        {
            return ApiSupport.Invalid(validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        }

        var result = await resolver.ResolveAsync(id, input, http.RequestAborted);
        return result.Succeeded ? Results.Ok(ToDto((await FindAsync(db, id, http.RequestAborted))!)) : ToProblem(result);
    }

    private static async Task<IResult> MessagesAsync(ArCollectDbContext db, Guid id, CancellationToken ct)
    {
        if (!await db.Disputes.AnyAsync(d => d.Id == id, ct))
        {
            return ApiSupport.NotFound("dispute");
        }

        var messages = await db.DisputeComments.AsNoTracking().Where(c => c.DisputeId == id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new DisputeMessageDto(c.Id, c.Kind, c.Body, c.At, c.UserId)).ToListAsync(ct);
        return Results.Ok(messages);
    }

    private static async Task<IResult> CommentAsync(HttpContext http, Guid id, DisputeService disputes, IValidator<DisputeCommentInput> validator, ArCollectDbContext db)
    {
        var (input, problem) = await ApiSupport.ReadAsync<DisputeCommentInput>(http);
        if (input is null)
        {
            return problem!;
        }

        var validation = await validator.ValidateAsync(input, http.RequestAborted);
        if (!validation.IsValid)
        {
            return ApiSupport.Invalid(validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        }

        var result = await disputes.CommentAsync(id, input, http.RequestAborted);
        if (!result.Succeeded)
        {
            return ToProblem(result);
        }

        var comment = await db.DisputeComments.AsNoTracking().SingleAsync(c => c.Id == result.Id, http.RequestAborted);
        return Results.Created($"/api/v1/disputes/{id}/messages", new DisputeMessageDto(comment.Id, comment.Kind, comment.Body, comment.At, comment.UserId));
    }

    private static Task<Dispute?> FindAsync(ArCollectDbContext db, Guid id, CancellationToken ct) =>
        db.Disputes.AsNoTracking().Include(d => d.Items).FirstOrDefaultAsync(d => d.Id == id, ct);

    private static IResult ToProblem(DisputeResult result) =>
        result.NotFound ? ApiSupport.NotFound("dispute") : ApiSupport.Invalid(result.Errors);

    private static DisputeDto ToDto(Dispute d) => new(
        d.Id, d.CustomerId, d.ReasonCode, d.Status, d.Outcome, d.Priority, d.Amount, d.Currency, d.OpenedOn, d.DueAt, d.ResolvedOn,
        d.OwnerUserId, d.RoutedBy, d.Notes, d.Resolution, d.CreditNoteId, d.WriteOffId, d.RebillInvoiceId,
        d.Items.Select(i => new DisputeItemDto(i.InvoiceId, i.InvoiceLineId, i.Amount)).ToList());
}
