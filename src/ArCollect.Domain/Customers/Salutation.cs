namespace ArCollect.Domain.Customers;

/// <summary>How a contact person is addressed in letters; no value means by full name or a neutral formula.</summary>
public enum Salutation
{
    Ms,
    Mr,
}
