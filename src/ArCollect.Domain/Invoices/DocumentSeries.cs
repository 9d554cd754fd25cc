namespace ArCollect.Domain.Invoices;

/// <summary>A numbered kind of document: each has its own pattern in the invoicing settings and its own counters.</summary>
public enum DocumentSeries
{
    Invoice,
    CreditNote,
}
