using System.Security.Claims;
using ArCollect.Domain.Customers;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Sms;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Customers;

/// <summary>Creates a customer or changes one, with its primary contact and collector.</summary>
public sealed class EditModel(
    ArCollectDbContext db,
    TenantContext tenant,
    TenantProvisioning provisioning,
    IValidator<CustomerInput> validator,
    TimeProvider time,
    ILogger<EditModel> logger) : PageModel
{
    private const string ExternalIdIndex = "ix_customers_tenant_id_external_id";

    [BindProperty]
    public CustomerInput Input { get; set; } = new();

    public Guid? CustomerId { get; private set; }
    public IReadOnlyList<UserOption> Collectors { get; private set; } = [];
    public ReminderPolicyOptions PolicyOptions { get; private set; } = ReminderPolicyOptions.None;

    /// <summary>The primary contact's SMS status as stored (consent with who and when, or STOP), shown beside the consent box.</summary>
    public string? SmsStatus { get; private set; }

    /// <summary>Set while a STOP reply stands: the consent box cannot override it.</summary>
    public bool SmsOptedOut { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existingId)
        {
            var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == existingId, cancellationToken);
            if (customer is null)
            {
                return NotFound();
            }

            CustomerId = existingId;
            Input = ToInput(customer);
            DescribeSms(customer);
        }
        else
        {
            var company = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.RequiredTenantId)
                .Select(t => new { t.BaseCurrency, t.TimeZone }).FirstAsync(cancellationToken);
            Input.Currency = company.BaseCurrency;
            Input.TimeZone = company.TimeZone;
        }

        Collectors = await provisioning.ListUsersAsync(cancellationToken);
        PolicyOptions = await ReminderPolicyOptions.LoadAsync(db, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Customer? customer = null;
        if (id is { } existingId)
        {
            customer = await db.Customers.Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == existingId, cancellationToken);
            if (customer is null)
            {
                return NotFound();
            }
        }

        CustomerId = id;
        if (customer is not null)
        {
            DescribeSms(customer);
        }

        Collectors = await provisioning.ListUsersAsync(cancellationToken);
        PolicyOptions = await ReminderPolicyOptions.LoadAsync(db, cancellationToken);
        Normalize(Input);
        ModelState.ApplyValidation(nameof(Input), await validator.ValidateAsync(Input, cancellationToken));
        CheckColumnLimits();
        await CheckAgainstTenantAsync(id, cancellationToken);
        string? mobile = null;
        if (ModelState.GetFieldValidationState($"{nameof(Input)}.{nameof(Input.ContactMobile)}") != ModelValidationState.Invalid
            && !ContactSms.TryNormalize(Input.ContactMobile, Input.Country, out mobile, out var mobileError))
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.ContactMobile), mobileError!);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = time.GetUtcNow();
        if (customer is null)
        {
            customer = new Customer { Id = Guid.CreateVersion7(), Name = Input.Name, Currency = Input.Currency, CreatedAt = now };
            db.Customers.Add(customer);
        }

        if (Input.TimeZone.Length == 0)
        {
            Input.TimeZone = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.RequiredTenantId).Select(t => t.TimeZone).FirstAsync(cancellationToken);
        }

        Apply(Input, customer, now, mobile, "customer form by " + (User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? "a user"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(ExternalIdIndex))
        {
            // Another clerk saved the same customer number between our check and this save.
            var externalId = Input.ExternalId;
            logger.LogWarning("Customer number {ExternalId} was taken concurrently; asked the user for another", externalId);
            ModelState.AddFieldError(nameof(Input), nameof(Input.ExternalId), ExternalIdTaken(externalId));
            return Page();
        }

        TempData["Flash"] = id is null ? $"Customer {customer.Name} created." : $"Customer {customer.Name} saved.";
        return Redirect($"/Customers/Details/{customer.Id}");
    }

    private async Task CheckAgainstTenantAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (Input.ExternalId is { } externalId
            && await db.Customers.AnyAsync(c => c.ExternalId == externalId && c.Id != id, cancellationToken))
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.ExternalId), ExternalIdTaken(externalId));
        }

        if (Input.CollectorId is { } collectorId && Collectors.All(c => c.Id != collectorId))
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.CollectorId), "Choose a collector from your company.");
        }

        if (!PolicyOptions.Contains(Input.ReminderPolicyId))
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.ReminderPolicyId), ReminderPolicyOptions.NotFound);
        }

        // A contact needs an email address: it is where invoices and reminders go.
        if (Input.ContactEmail is null && (Input.ContactDisplayName is not null || Input.ContactPhone is not null || Input.ContactMobile is not null))
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.ContactEmail), "Enter the contact's email address, or clear the contact's name, phone and mobile.");
        }
    }

    // CustomerInputValidator leaves these columns' sizes open; checked here so a long value is a message, not a failed save.
    private void CheckColumnLimits()
    {
        if (Input.Country is { } country && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            ModelState.AddFieldError(nameof(Input), nameof(Input.Country), "Country is a two-letter ISO code such as DE or US.");
        }

        foreach (var (field, value, max) in new[]
                 {
                     (nameof(Input.Segment), Input.Segment, 60), (nameof(Input.Region), Input.Region, 60),
                     (nameof(Input.ContactName), Input.ContactName, 200), (nameof(Input.ContactEmail), Input.ContactEmail, 254),
                     (nameof(Input.ContactPhone), Input.ContactPhone, 40), (nameof(Input.TimeZone), Input.TimeZone, 64),
                 })
        {
            if (value?.Length > max)
            {
                ModelState.AddFieldError(nameof(Input), field, $"Use at most {max} characters.");
            }
        }
    }

    private static string ExternalIdTaken(string? externalId) => $"Customer number {externalId} is already used by another customer.";

    private static void Normalize(CustomerInput input)
    {
        input.Name = input.Name?.Trim() ?? "";
        input.ExternalId = Blank(input.ExternalId);
        input.Currency = input.Currency?.Trim().ToUpperInvariant() ?? "";
        input.Segment = Blank(input.Segment);
        input.Region = Blank(input.Region);
        input.Country = Blank(input.Country)?.ToUpperInvariant();
        input.TimeZone = input.TimeZone?.Trim() ?? "";
        input.Language = Blank(input.Language)?.ToLowerInvariant();
        input.ContactName = Blank(input.ContactName);
        input.ContactEmail = Blank(input.ContactEmail);
        input.ContactPhone = Blank(input.ContactPhone);
        input.ContactMobile = Blank(input.ContactMobile);
        input.Street = Blank(input.Street);
        input.PostalCode = Blank(input.PostalCode);
        input.City = Blank(input.City);
        input.VatId = Blank(input.VatId)?.ToUpperInvariant();
        input.ContactFirstName = Blank(input.ContactFirstName);
        input.ContactLastName = Blank(input.ContactLastName);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static CustomerInput ToInput(Customer customer)
    {
        var contact = customer.Contacts.OrderByDescending(c => c.IsPrimary).FirstOrDefault();
        return new CustomerInput
        {
            ExternalId = customer.ExternalId,
            Name = customer.Name,
            Currency = customer.Currency,
            PaymentTermsDays = customer.PaymentTermsDays,
            Segment = customer.Segment,
            Region = customer.Region,
            Country = customer.Country,
            CollectorId = customer.CollectorId,
            ReminderPolicyId = customer.ReminderPolicyId,
            CreditLimit = customer.CreditLimit,
            TimeZone = customer.TimeZone,
            Language = customer.Language,
            DoNotContact = customer.DoNotContact,
            IsKeyAccount = customer.IsKeyAccount,
            ContactName = contact?.Name,
            ContactEmail = contact?.Email,
            ContactPhone = contact?.Phone,
            ContactMobile = contact?.Mobile,
            ContactSmsConsent = contact?.SmsConsentAt is not null,
            ContactSalutation = contact?.Salutation,
            ContactFirstName = contact?.FirstName,
            ContactLastName = contact?.LastName,
            Street = customer.Street,
            PostalCode = customer.PostalCode,
            City = customer.City,
            VatId = customer.VatId,
        };
    }

    private void DescribeSms(Customer customer)
    {
        var contact = customer.Contacts.OrderByDescending(c => c.IsPrimary).FirstOrDefault();
        SmsOptedOut = contact?.SmsOptedOutAt is not null;
        SmsStatus = contact is null ? null : ContactSms.Describe(contact.Mobile, contact.SmsConsentAt, contact.SmsConsentSource, contact.SmsOptedOutAt, contact.WrongNumberAt);
    }

    private void Apply(CustomerInput input, Customer customer, DateTimeOffset now, string? mobile, string recordedBy)
    {
        customer.ExternalId = input.ExternalId;
        customer.Name = input.Name;
        customer.Currency = input.Currency;
        customer.PaymentTermsDays = input.PaymentTermsDays;
        customer.Segment = input.Segment;
        customer.Region = input.Region;
        customer.Country = input.Country;
        customer.Street = input.Street;
        customer.PostalCode = input.PostalCode;
        customer.City = input.City;
        customer.VatId = input.VatId;
        customer.CollectorId = input.CollectorId;
        customer.ReminderPolicyId = input.ReminderPolicyId;
        customer.CreditLimit = input.CreditLimit;
        customer.TimeZone = input.TimeZone;
        customer.Language = input.Language;
        customer.DoNotContact = input.DoNotContact;
        customer.IsKeyAccount = input.IsKeyAccount;
        customer.UpdatedAt = now;

        var primary = customer.Contacts.FirstOrDefault(c => c.IsPrimary) ?? customer.Contacts.FirstOrDefault();
        if (input.ContactEmail is null)
        {
            if (primary is not null)
            {
                customer.Contacts.Remove(primary);
                db.Contacts.Remove(primary);
            }

            return;
        }

        if (primary is null)
        {
            primary = new Contact { Id = Guid.CreateVersion7(), CustomerId = customer.Id, Name = input.ContactDisplayName!, Email = input.ContactEmail };
            customer.Contacts.Add(primary);
            db.Contacts.Add(primary);
        }

        primary.Name = input.ContactDisplayName!;
        primary.Email = input.ContactEmail;
        primary.Phone = input.ContactPhone;
        primary.Salutation = input.ContactSalutation;
        primary.FirstName = input.ContactFirstName;
        primary.LastName = input.ContactLastName;
        primary.IsPrimary = true;
        ContactSms.Apply(primary, mobile, input.ContactSmsConsent, recordedBy, now);
    }
}
