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

    /// <summary>Mobile number for SMS reminders, always in E.164 (+4915112345678); validated before it is stored.</summary>
    public string? Mobile { get; set; }

    /// <summary>When the contact agreed to SMS reminders; SMS goes only to contacts with consent and no later opt-out.</summary>
    public DateTimeOffset? SmsConsentAt { get; set; }

    /// <summary>How consent was given ("customer form by clerk@...", "START reply"), kept as evidence.</summary>
    public string? SmsConsentSource { get; set; }

    /// <summary>Set by a STOP reply; cleared by START.</summary>
    public DateTimeOffset? SmsOptedOutAt { get; set; }

    /// <summary>Set when a call reached the wrong person; no SMS or call task uses the number until it is corrected.</summary>
    public DateTimeOffset? WrongNumberAt { get; set; }

    public bool CanReceiveSms => Mobile is not null && SmsConsentAt is not null && SmsOptedOutAt is null && WrongNumberAt is null;
}
