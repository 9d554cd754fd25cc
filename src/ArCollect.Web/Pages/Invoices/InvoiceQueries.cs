using System.Linq.Expressions;
using ArCollect.Domain.Common;
using ArCollect.Domain.Invoices;

namespace ArCollect.Web.Pages.Invoices;

/// <summary>Query pieces the invoice and customer pages share.</summary>
public static class InvoiceQueries
{
    /// <summary>
    /// Projects rows that carry the invoice's derived status. The status is the domain rule itself, inlined into the
    /// SQL projection, so lists never compute it per row in memory and never disagree with the status filter.
    /// </summary>
    public static IQueryable<TRow> SelectWithStatus<TSource, TRow>(
        this IQueryable<TSource> source,
        DateOnly today,
        Expression<Func<TSource, Invoice>> invoiceOf,
        Expression<Func<TSource, InvoiceStatus, TRow>> selector)
    {
        var rule = InvoiceStatusRules.AsOf(today);
        var row = selector.Parameters[0];
        var invoice = new ReplaceParameter(invoiceOf.Parameters[0], row).Visit(invoiceOf.Body);
        var status = new ReplaceParameter(rule.Parameters[0], invoice).Visit(rule.Body);
        var body = new ReplaceParameter(selector.Parameters[1], status).Visit(selector.Body);
        return source.Select(Expression.Lambda<Func<TSource, TRow>>(body, row));
    }

    public static IQueryable<TRow> SelectWithStatus<TRow>(
        this IQueryable<Invoice> source, DateOnly today, Expression<Func<Invoice, InvoiceStatus, TRow>> selector) =>
        source.SelectWithStatus(today, i => i, selector);

    /// <summary>Open invoices whose due date puts them in an aging bucket today.</summary>
    public static IQueryable<Invoice> InBucket(this IQueryable<Invoice> invoices, AgingBucket bucket, DateOnly today)
    {
        var (from, to) = Aging.DueDateRange(bucket, today);
        invoices = invoices.Where(i => i.Balance > 0);
        if (from is { } first)
        {
            invoices = invoices.Where(i => i.DueDate >= first);
        }

        if (to is { } last)
        {
            invoices = invoices.Where(i => i.DueDate <= last);
        }

        return invoices;
    }

    /// <summary>Days past due while money is still owed; null once settled or not yet due.</summary>
    public static int? DaysOverdue(DateOnly dueDate, decimal balance, DateOnly today)
    {
        var days = Aging.DaysPastDue(dueDate, today);
        return balance > 0m && days > 0 ? days : null;
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
