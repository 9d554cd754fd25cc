using System.Security.Claims;
using ArCollect.Domain.Customers;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Sms;
using ArCollect.Infrastructure.Tenancy;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArCollect.Web.Api;

public sealed record CustomerDto(
    Guid Id, string? ExternalId, string Name, string Currency, int PaymentTermsDays, string? Email,
    string? Segment, string? Region, string? Country, decimal? CreditLimit, DateTimeOffset UpdatedAt,
    Guid? ReminderPolicyId, string? Street = null, string? PostalCode = null, string? City = null, string? VatId = null,
    string? Mobile = null, DateTimeOffset? SmsConsentAt = null, string? SmsConsentSource = null, DateTimeOffset? SmsOptedOutAt = null);

public static class CustomersEndpoints
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers");
        group.MapGet("/", ListAsync).WithSummary("Customers in id order; filter by updatedSince; page with cursor.");
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/", CreateAsync).Accepts<CustomerInput>("application/json")
            .Produces<CustomerDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> ListAsync(ArCollectDbContext db, string? cursor, int? limit, DateTimeOffset? updatedSince, CancellationToken ct)
    {
        if (!ApiSupport.TryPage(cursor, limit, out var after, out var take, out var problem))
        {
            return problem!;
        }

        var query = db.Customers.AsNoTracking();
        query = after is { } a ? query.Where(c => c.Id.CompareTo(a) > 0) : query;
        query = updatedSince is { } since ? query.Where(c => c.UpdatedAt >= since) : query;
        var rows = await Project(query.OrderBy(c => c.Id).Take(take + 1)).ToListAsync(ct);
        return Results.Ok(ApiSupport.ToPage(rows, take, c => c.Id, c => c));
    }

    private static async Task<IResult> GetAsync(ArCollectDbContext db, Guid id, CancellationToken ct) =>
        await Project(db.Customers.AsNoTracking().Where(c => c.Id == id)).FirstOrDefaultAsync(ct) is { } customer
            ? Results.Ok(customer)
            : ApiSupport.NotFound("customer");

    private static async Task<IResult> CreateAsync(HttpContext http, ArCollectDbContext db, IValidator<CustomerInput> validator, TimeProvider time, TenantContext tenant)
    {
        var (input, problem) = await ApiSupport.ReadAsync<CustomerInput>(http);
        if (input is null)
        {
            return problem!;
        }

        var validation = await validator.ValidateAsync(input, http.RequestAborted);
        if (!validation.IsValid)
        {
            return ApiSupport.Invalid(validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        }

        if (!ContactSms.TryNormalize(input.ContactMobile, input.Country, out var mobile, out var mobileError))
        {
            return ApiSupport.Invalid([(nameof(input.ContactMobile), mobileError!)]);
        }

        if (mobile is not null && string.IsNullOrWhiteSpace(input.ContactEmail))
        {
            return ApiSupport.Invalid([(nameof(input.ContactEmail), "A contact with a mobile number needs an email address too (contactEmail).")]);
        }

        // The foreign key alone would accept another company's policy id: the query filter keeps the check to this one.
        if (input.ReminderPolicyId is { } policyId && !await db.ReminderPolicies.AnyAsync(p => p.Id == policyId, http.RequestAborted))
        {
            return ApiSupport.Invalid([(nameof(input.ReminderPolicyId), "No reminder policy with this id in your company; leave it out for the default policy.")]);
        }

        var now = time.GetUtcNow();
        var customer = new Customer
        {
            Id = Guid.CreateVersion7(),
            ExternalId = string.IsNullOrWhiteSpace(input.ExternalId) ? null : input.ExternalId.Trim(),
            Name = input.Name.Trim(),
            Currency = input.Currency.Trim().ToUpperInvariant(),
            PaymentTermsDays = input.PaymentTermsDays,
            Segment = input.Segment,
            Region = input.Region,
            Country = Trimmed(input.Country)?.ToUpperInvariant(),
            Street = Trimmed(input.Street),
            PostalCode = Trimmed(input.PostalCode),
            City = Trimmed(input.City),
            VatId = Trimmed(input.VatId)?.ToUpperInvariant(),
            CreditLimit = input.CreditLimit,
            TimeZone = string.IsNullOrWhiteSpace(input.TimeZone)
                ? await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.RequiredTenantId).Select(t => t.TimeZone).FirstAsync(http.RequestAborted)
                : input.TimeZone,
            Language = string.IsNullOrWhiteSpace(input.Language) ? null : input.Language.Trim(),
            DoNotContact = input.DoNotContact,
            IsKeyAccount = input.IsKeyAccount,
            ReminderPolicyId = input.ReminderPolicyId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (!string.IsNullOrWhiteSpace(input.ContactEmail))
        {
            var contact = new Contact
            {
                Id = Guid.CreateVersion7(),
                Name = input.ContactDisplayName ?? input.Name,
                Email = input.ContactEmail.Trim(),
                Phone = input.ContactPhone,
                Salutation = input.ContactSalutation,
                FirstName = Trimmed(input.ContactFirstName),
                LastName = Trimmed(input.ContactLastName),
                IsPrimary = true,
            };
            ContactSms.Apply(contact, mobile, input.ContactSmsConsent, "API key " + (http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown"), now);
            customer.Contacts.Add(contact);
        }

        db.Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return ApiSupport.Conflict(nameof(input.ExternalId), $"A customer with external id {customer.ExternalId} already exists; it was not created twice.");
        }

        var created = await Project(db.Customers.AsNoTracking().Where(c => c.Id == customer.Id)).FirstAsync(http.RequestAborted);
        return Results.Created($"/api/v1/customers/{customer.Id}", created);
    }

    // Filter before projecting: EF cannot translate a filter on a positional record's members.
    private static IQueryable<CustomerDto> Project(IQueryable<Customer> customers) => customers.Select(c => new CustomerDto(
        c.Id, c.ExternalId, c.Name, c.Currency, c.PaymentTermsDays,
        c.Contacts.OrderByDescending(x => x.IsPrimary).Select(x => x.Email).FirstOrDefault(),
        c.Segment, c.Region, c.Country, c.CreditLimit, c.UpdatedAt,
        c.ReminderPolicyId, c.Street, c.PostalCode, c.City, c.VatId,
        c.Contacts.OrderByDescending(x => x.IsPrimary).Select(x => x.Mobile).FirstOrDefault(),
        c.Contacts.OrderByDescending(x => x.IsPrimary).Select(x => x.SmsConsentAt).FirstOrDefault(),
        c.Contacts.OrderByDescending(x => x.IsPrimary).Select(x => x.SmsConsentSource).FirstOrDefault(),
        c.Contacts.OrderByDescending(x => x.IsPrimary).Select(x => x.SmsOptedOutAt).FirstOrDefault()));

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
