using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Customers;

/// <summary>A person at a customer who receives invoices and reminders.</summary>
public class Contact : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public string? Phone { get; set; }
    public bool IsPrimary { get; set; }
    public bool Bounced { get; set; }
}
