using System.Linq.Expressions;

namespace ArCollect.Domain.Invoices;

public enum InvoiceStatus
{
    Open,
    PartiallyPaid,
    Paid,
    Overdue,
    Disputed,
    WrittenOff,
    Draft,
    Void,
}

/// <summary>
/// The one definition of an invoice's status. It is an expression so the same rule filters in SQL
/// (through <see cref="AsOf"/>) and decides in memory (through <see cref="Derive"/>).
/// </summary>
public static class InvoiceStatusRules
{
    private static readonly Expression<Func<Invoice, DateOnly, InvoiceStatus>> Rule = (i, today) =>
        i.State == InvoiceState.Draft ? InvoiceStatus.Draft
        : i.State == InvoiceState.Void ? InvoiceStatus.Void
        : i.Total - i.AmountPaid - i.AmountCredited - i.AmountWrittenOff <= 0m
            ? (i.AmountWrittenOff > 0m ? InvoiceStatus.WrittenOff : InvoiceStatus.Paid)
            : i.IsDisputed
                ? InvoiceStatus.Disputed
                : i.DueDate < today
                    ? InvoiceStatus.Overdue
                    : i.AmountPaid + i.AmountCredited > 0m
                        ? InvoiceStatus.PartiallyPaid
                        : InvoiceStatus.Open;

    private static readonly Func<Invoice, DateOnly, InvoiceStatus> Compiled = Rule.Compile();

    public static InvoiceStatus Derive(Invoice invoice, DateOnly today) => Compiled(invoice, today);

    /// <summary>The rule with "today" bound, for use inside LINQ queries.</summary>
    public static Expression<Func<Invoice, InvoiceStatus>> AsOf(DateOnly today)
    {
        var holder = new DateHolder(today);
        var todayAccess = Expression.Property(Expression.Constant(holder), nameof(DateHolder.Value));
        var body = new ReplaceParameter(Rule.Parameters[1], todayAccess).Visit(Rule.Body);
        return Expression.Lambda<Func<Invoice, InvoiceStatus>>(body, Rule.Parameters[0]);
    }

    /// <summary>A predicate selecting invoices with the given status on a day.</summary>
    public static Expression<Func<Invoice, bool>> Is(InvoiceStatus status, DateOnly today)
    {
        var asOf = AsOf(today);
        var body = Expression.Equal(asOf.Body, Expression.Constant(status));
        return Expression.Lambda<Func<Invoice, bool>>(body, asOf.Parameters);
    }

    // A property on an object (not a constant) lets the database provider send the date as a parameter.
    private sealed record DateHolder(DateOnly Value);

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
