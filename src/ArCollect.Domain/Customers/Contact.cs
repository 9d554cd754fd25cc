using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Customers;

/// <summary>A person at a customer who receives invoices and reminders.</summary>
public class Contact : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    /// <summary>How the contact is listed; for a person, first and last name.</summary>
    public required string Name { get; set; }

    /// <summary>Set for a person, so letters can address them ("Dear Ms Weber"); empty for a team mailbox.</summary>
    public Salutation? Salutation { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public required string Email { get; set; }
    public string? Phone { get; set; }
    public bool IsPrimary { get; set; }
    public bool Bounced { get; set; }
}
