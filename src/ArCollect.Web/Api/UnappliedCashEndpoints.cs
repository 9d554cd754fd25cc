using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Payments;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Api;

/// <summary>Money kept on a customer's account, and applying it to open invoices later.</summary>
public static class UnappliedCashEndpoints
{
    public sealed record UnappliedCashDto(string Currency, decimal Amount, int Payments);

    public sealed record ApplyUnappliedCashRequest(string Currency, IReadOnlyList<AllocationDto>? Allocations);

    public sealed record AppliedDto(Guid InvoiceId, string Number, decimal Amount, decimal OpenAmount, bool Settled);

    public sealed record ApplyUnappliedCashResponse(string Currency, IReadOnlyList<AppliedDto> Applied, decimal LeftOnAccount);

    public static RouteGroupBuilder MapUnappliedCashApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers/{id:guid}/unapplied-cash").WithTags("Payments");
        group.MapGet("/", ListAsync).WithSummary("The customer's money on account (unapplied parts of its payments), per currency.")
            .Produces<IReadOnlyList<UnappliedCashDto>>();
        group.MapPost("/applications", ApplyAsync).Accepts<ApplyUnappliedCashRequest>("application/json")
            .WithSummary("Applies money on account in one currency to open invoices: the amounts given per invoice, or without "
                + "allocations the oldest due invoices first, up to the money on account. No early-payment discount is granted.")
            .Produces<ApplyUnappliedCashResponse>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> ListAsync(Guid id, ArCollectDbContext db, UnappliedCashApplier applier, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct))
        {
            return ApiSupport.NotFound("customer");
        }

        return Results.Ok((await applier.OnAccountAsync(id, ct)).Select(c => new UnappliedCashDto(c.Currency, c.Amount, c.Payments)).ToList());
    }

    private static async Task<IResult> ApplyAsync(
        HttpContext http, Guid id, ArCollectDbContext db, UnappliedCashApplier applier, IValidator<ApplyUnappliedCashInput> validator)
    {
        var (body, problem) = await ApiSupport.ReadAsync<ApplyUnappliedCashRequest>(http);
        if (body is null)
        {
            return problem!;
        }

        if (!await db.Customers.AnyAsync(c => c.Id == id, http.RequestAborted))
        {
            return ApiSupport.NotFound("customer");
        }

        var input = new ApplyUnappliedCashInput
        {
            CustomerId = id,
            Currency = body.Currency ?? "",
            Allocations = (body.Allocations ?? []).Select(a => new AllocationRequest(a.InvoiceId, a.Amount)).ToList(),
        };
        var validation = await validator.ValidateAsync(input, http.RequestAborted);
        if (!validation.IsValid)
        {
            return ApiSupport.Invalid(validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        }

        var result = await applier.ApplyAsync(input, http.RequestAborted);
        if (!result.Succeeded)
        {
            return ApiSupport.Invalid(result.Errors);
        }

        return Results.Ok(new ApplyUnappliedCashResponse(input.Currency,
            result.Applied.Select(a => new AppliedDto(a.Invoice.Id, a.Invoice.Number, a.Amount, a.Invoice.OpenAmount, a.Settled)).ToList(),
            result.LeftOnAccount));
    }
}
