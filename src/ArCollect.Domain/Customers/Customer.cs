using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Customers;

/// <summary>A customer (debtor) of the tenant.</summary>
public class Customer : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string? ExternalId { get; set; }
    public required string Name { get; set; }
    public required string Currency { get; set; }
    public int PaymentTermsDays { get; set; } = 30;
    public string? Segment { get; set; }
    public string? Region { get; set; }
    public string? Country { get; set; }

    /// <summary>Billing address printed on invoices: street and number (may span two lines), postal code, city.</summary>
    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }

    /// <summary>VAT identification or tax number, e.g. FR40303265045; with the country it decides reverse charge.</summary>
    public string? VatId { get; set; }
    public Guid? CollectorId { get; set; }
    public decimal? CreditLimit { get; set; }
    public string TimeZone { get; set; } = "Etc/UTC";

    /// <summary>ISO 639-1 code reminders are written in (see <see cref="Common.Languages"/>); null uses the tenant's default.</summary>
    public string? Language { get; set; }

    public bool DoNotContact { get; set; }
    public bool IsKeyAccount { get; set; }

    /// <summary>A reminder policy other than the tenant's default, if set.</summary>
    public Guid? ReminderPolicyId { get; set; }

    /// <summary>Set by a policy step with the credit-hold action; cleared by a person.</summary>
    public bool OnCreditHold { get; set; }

    /// <summary>Hidden from the worklist until this day.</summary>
    public DateOnly? SnoozedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Contact> Contacts { get; set; } = [];
}
