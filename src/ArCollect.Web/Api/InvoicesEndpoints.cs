using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Pdf;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Api;

public sealed record InvoiceLineDto(int LineNumber, string Description, decimal Quantity, decimal UnitPrice, decimal TaxRate, decimal NetAmount, decimal TaxAmount, string? LateFeePeriod);

public sealed record InvoiceDto(
    Guid Id, string Number, Guid CustomerId, InvoiceState State, InvoiceStatus Status, DateOnly IssueDate, DateOnly DueDate,
    string? Terms, string Currency, decimal Subtotal, decimal TaxTotal, decimal Total, decimal AmountPaid, decimal AmountCredited,
    decimal AmountWrittenOff, decimal Balance, string? PurchaseOrder, DateTimeOffset UpdatedAt, IReadOnlyList<InvoiceLineDto>? Lines,
    Guid? RebillOfId = null);

public sealed record CancelAndRebillRequest(string Reason);

/// <summary>The cancelled invoice, the credit note that cancelled it, and the linked draft to correct and issue.</summary>
public sealed record CancelAndRebillDto(Guid CancelledInvoiceId, string CreditNoteNumber, decimal Credited, string Currency, InvoiceDto Draft);

/// <summary>A new draft; the number is given when it is issued. Without a due date the terms (or the customer's) set it.</summary>
public sealed class DraftInvoiceRequest
{
    public Guid CustomerId { get; set; }
    public DateOnly IssueDate { get; set; }
    public DateOnly? DueDate { get; set; }
    public string Currency { get; set; } = "";
    public string? Terms { get; set; }
    public string? PurchaseOrder { get; set; }
    public string? Notes { get; set; }
    public List<InvoiceLineInput> Lines { get; set; } = [];
}

public sealed record CheckMessage(string Field, string Message);

public sealed record IssuedInvoiceDto(InvoiceDto Invoice, IReadOnlyList<CheckMessage> Warnings);

public sealed record PreSendReportDto(bool CanIssue, IReadOnlyList<CheckMessage> Errors, IReadOnlyList<CheckMessage> Warnings);

public static class InvoicesEndpoints
{
    public static RouteGroupBuilder MapInvoicesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/invoices").WithTags("Invoices");
        group.MapGet("/", ListAsync).WithSummary("Invoices in id order; filter by status, customerId, updatedSince; page with cursor.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("An invoice with its lines.");
        group.MapPost("/", CreateDraftAsync).Accepts<DraftInvoiceRequest>("application/json")
            .Produces<InvoiceDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapGet("/{id:guid}/checks", ChecksAsync).WithSummary("Pre-send checks: errors block issuing, warnings do not.");
        group.MapPost("/{id:guid}/issue", IssueAsync).WithSummary("Issues a draft: checks, numbers and marks it issued.")
            .Produces<IssuedInvoiceDto>().ProducesValidationProblem();
        group.MapPost("/{id:guid}/cancel-and-rebill", CancelAndRebillAsync).Accepts<CancelAndRebillRequest>("application/json")
            .WithSummary("Credits an issued invoice in full with a credit note and creates a draft copy linked to it (rebillOfId) to correct and issue.")
            .Produces<CancelAndRebillDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapGet("/{id:guid}/pdf", async (InvoicePdfs pdfs, Guid id, CancellationToken ct) =>
                await pdfs.RenderAsync(id, ct) is { } file ? Results.File(file.Content, "application/pdf", file.FileName) : ApiSupport.NotFound("invoice"))
            .WithSummary("The invoice as a PDF.").Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        return api;
    }

    private static async Task<IResult> ListAsync(
        ArCollectDbContext db, TimeProvider time, string? cursor, int? limit, InvoiceStatus? status, Guid? customerId, DateTimeOffset? updatedSince, CancellationToken ct)
    {
        if (!ApiSupport.TryPage(cursor, limit, out var after, out var take, out var problem))
        {
            return problem!;
        }

        var today = Today(time);
        var query = db.Invoices.AsNoTracking();
        query = after is { } a ? query.Where(i => i.Id.CompareTo(a) > 0) : query;
        query = status is { } s ? query.Where(InvoiceStatusRules.Is(s, today)) : query;
        query = customerId is { } c ? query.Where(i => i.CustomerId == c) : query;
        query = updatedSince is { } since ? query.Where(i => i.UpdatedAt >= since) : query;
        var rows = await query.OrderBy(i => i.Id).Take(take + 1).ToListAsync(ct);
        return Results.Ok(ApiSupport.ToPage(rows, take, i => i.Id, i => ToDto(i, today, withLines: false)));
    }

    private static async Task<IResult> GetAsync(ArCollectDbContext db, TimeProvider time, Guid id, CancellationToken ct) =>
        await db.Invoices.AsNoTracking().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct) is { } invoice
            ? Results.Ok(ToDto(invoice, Today(time), withLines: true))
            : ApiSupport.NotFound("invoice");

    private static async Task<IResult> CreateDraftAsync(HttpContext http, InvoiceDrafts drafts, IValidator<InvoiceInput> validator, TimeProvider time)
    {
        var (request, problem) = await ApiSupport.ReadAsync<DraftInvoiceRequest>(http);
        if (request is null)
        {
            return problem!;
        }

        var input = new InvoiceInput
        {
            CustomerId = request.CustomerId,
            // Drafts are numbered by the system when issued; this stand-in only satisfies the shared number rule.
            Number = InvoiceIssuer.DraftPrefix + "NEW",
            IssueDate = request.IssueDate,
            // Without a due date the terms set it; the issue date stands in so the shared rule has a date to check.
            DueDate = request.DueDate ?? request.IssueDate,
            Currency = request.Currency,
            Terms = request.Terms,
            PurchaseOrder = request.PurchaseOrder,
            Notes = request.Notes,
            Lines = request.Lines,
        };
        var validation = await validator.ValidateAsync(input, http.RequestAborted);
        if (!validation.IsValid)
        {
            return ApiSupport.Invalid(validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        }

        var (invoice, error) = await drafts.CreateAsync(input, dueFromTerms: request.DueDate is null, http.RequestAborted);
        return invoice is null
            ? ApiSupport.Invalid([(nameof(input.CustomerId), error!)])
            : Results.Created($"/api/v1/invoices/{invoice.Id}", ToDto(invoice, Today(time), withLines: true));
    }

    private static async Task<IResult> ChecksAsync(ArCollectDbContext db, PreSendChecks checks, Guid id, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return ApiSupport.NotFound("invoice");
        }

        invoice.Lines.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        return Results.Ok(ToDto(await checks.CheckAsync(invoice, ct)));
    }

    private static async Task<IResult> IssueAsync(InvoiceIssuer issuer, TimeProvider time, Guid id, CancellationToken ct)
    {
        var result = await issuer.IssueAsync(id, ct);
        if (result.NotFound)
        {
            return ApiSupport.NotFound("invoice");
        }

        if (!result.Succeeded)
        {
            return ApiSupport.Invalid(result.Report.Errors);
        }

        var dto = ToDto(result.Invoice!, Today(time), withLines: true);
        return Results.Ok(new IssuedInvoiceDto(dto, ToDto(result.Report).Warnings));
    }

    private static async Task<IResult> CancelAndRebillAsync(HttpContext http, InvoiceRebilling rebilling, TimeProvider time, Guid id)
    {
        var (input, problem) = await ApiSupport.ReadAsync<CancelAndRebillRequest>(http);
        if (input is null)
        {
            return problem!;
        }

        var result = await rebilling.CancelAndRebillAsync(id, input.Reason, http.RequestAborted);
        if (result.NotFound)
        {
            return ApiSupport.NotFound("invoice");
        }

        if (!result.Succeeded)
        {
            return ApiSupport.Invalid(result.Errors);
        }

        var draft = result.Draft!;
        return Results.Created($"/api/v1/invoices/{draft.Id}",
            new CancelAndRebillDto(id, result.CreditNoteNumber!, result.Credited, draft.Currency, ToDto(draft, Today(time), withLines: true)));
    }

    internal static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static PreSendReportDto ToDto(PreSendReport report) => new(
        report.CanIssue,
        report.Errors.Select(e => new CheckMessage(ApiSupport.JsonName(e.Field), e.Message)).ToList(),
        report.Warnings.Select(e => new CheckMessage(ApiSupport.JsonName(e.Field), e.Message)).ToList());

    private static InvoiceDto ToDto(Invoice i, DateOnly today, bool withLines) => new(
        i.Id, i.Number, i.CustomerId, i.State, i.StatusOn(today), i.IssueDate, i.DueDate, i.Terms, i.Currency, i.Subtotal, i.TaxTotal,
        i.Total, i.AmountPaid, i.AmountCredited, i.AmountWrittenOff, i.State == InvoiceState.Issued ? i.OpenAmount : 0m, i.PurchaseOrder, i.UpdatedAt,
        withLines
            ? i.Lines.OrderBy(l => l.LineNumber)
                .Select(l => new InvoiceLineDto(l.LineNumber, l.Description, l.Quantity, l.UnitPrice, l.TaxRate, l.NetAmount, l.TaxAmount, l.LateFeePeriod)).ToList()
            : null,
        i.RebillOfId);
}
