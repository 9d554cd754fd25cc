namespace ArCollect.Domain.Invoices;

/// <summary>
/// Where an invoice is in its life. Only issued invoices are receivables; a draft can still change and a void
/// invoice was cancelled. Payment status (open, paid, overdue...) is derived separately by <see cref="InvoiceStatusRules"/>.
/// </summary>
public enum InvoiceState
{
    Draft,
    Issued,
    Void,
}
