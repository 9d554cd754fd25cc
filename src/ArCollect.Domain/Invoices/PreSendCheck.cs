using ArCollect.Domain.Common;
using FluentValidation;

namespace ArCollect.Domain.Invoices;

/// <summary>An earlier issued invoice of the same customer, for the duplicate check.</summary>
public sealed record IssuedInvoiceSummary(string Number, decimal Total, DateOnly IssueDate);

/// <summary>What the customer's history says is normal for them; nulls when there is no history yet.</summary>
public sealed record InvoicingHistory(decimal? UsualTaxRate, decimal? MedianTotal, IReadOnlyList<IssuedInvoiceSummary> RecentlyIssued)
{
    public static readonly InvoicingHistory None = new(null, null, []);
}

/// <summary>Everything the pre-send checks look at: the invoice, the customer's email and defaults, and their history.</summary>
public sealed record PreSendContext(Invoice Invoice, string? CustomerEmail, PaymentTerms CustomerTerms, InvoicingHistory History);

/// <summary>
/// Checks before an invoice goes out, shared by the page, the API and the import. Errors block issuing;
/// warnings (severity <see cref="Severity.Warning"/>) are shown but allow it. Each message names what to fix.
/// </summary>
public sealed class InvoicePreSendValidator : AbstractValidator<PreSendContext>
{
    public const decimal UnusualAmountFactor = 5m;
    public const int DuplicateWindowDays = 30;

    public InvoicePreSendValidator()
    {
        RuleFor(x => x.CustomerEmail).NotEmpty().OverridePropertyName("Customer.Email")
            .WithMessage("The customer has no email address to send the invoice to: add a contact with an email on the customer.");
        RuleFor(x => x.Invoice.DueDate).GreaterThanOrEqualTo(x => x.Invoice.IssueDate).OverridePropertyName("DueDate")
            .WithMessage(x => $"Due date {x.Invoice.DueDate:yyyy-MM-dd} is before the issue date {x.Invoice.IssueDate:yyyy-MM-dd}: move the due date to the issue date or later.");
        RuleFor(x => x.Invoice.Currency).Must(CurrencyCodes.IsKnown).OverridePropertyName("Currency")
            .WithMessage(x => $"Currency \"{x.Invoice.Currency}\" is not an ISO 4217 code: use a three-letter code such as EUR or USD.");
        RuleFor(x => x.Invoice.Lines).NotEmpty().OverridePropertyName("Lines")
            .WithMessage("The invoice has no lines: add at least one line.");
        RuleForEach(x => x.Invoice.Lines).SetValidator((x, _) => new LineValidator(x.Invoice.Currency)).OverridePropertyName("Lines");
        RuleFor(x => x.Invoice).Must(LinesAddUp)
            .WithMessage(x => $"The lines add up to {LinesTotal(x.Invoice):0.00} but the invoice total is {x.Invoice.Total:0.00}: recalculate the totals from the lines.")
            .OverridePropertyName("Total");

        RuleForEach(x => x.Invoice.Lines)
            .Must((x, line) => x.History.UsualTaxRate is not { } usual || line.TaxRate == usual)
            .WithMessage((x, line) => $"Line {line.LineNumber} tax rate {line.TaxRate:0.##} % differs from this customer's usual {x.History.UsualTaxRate:0.##} %: check the rate before sending.")
            .WithSeverity(Severity.Warning)
            .OverridePropertyName("Lines");
        RuleFor(x => x.Invoice.Total)
            .Must((x, total) => x.History.MedianTotal is not { } median || median <= 0m || total <= median * UnusualAmountFactor)
            .WithMessage(x => $"Total {x.Invoice.Total:0.00} is more than {UnusualAmountFactor} times this customer's median invoice ({x.History.MedianTotal:0.00}): check quantities and prices.")
            .WithSeverity(Severity.Warning)
            .OverridePropertyName("Total");
        RuleFor(x => x.Invoice.Total)
            .Must((x, total) => DuplicateOf(x) is null)
            .WithMessage(x => $"Invoice {DuplicateOf(x)!.Number} for the same customer and amount {x.Invoice.Total:0.00} was issued on {DuplicateOf(x)!.IssueDate:yyyy-MM-dd}: make sure this is not a duplicate.")
            .WithSeverity(Severity.Warning)
            .OverridePropertyName("Total");
        RuleFor(x => x.Invoice.Terms)
            .Must((x, terms) => !PaymentTerms.TryParse(terms, out var parsed) || parsed == x.CustomerTerms)
            .WithMessage(x => $"Terms \"{x.Invoice.Terms}\" differ from this customer's default \"{x.CustomerTerms}\": check they were agreed.")
            .WithSeverity(Severity.Warning)
            .OverridePropertyName("Terms");
    }

    private static decimal LinesTotal(Invoice invoice) => invoice.Lines.Sum(l => l.NetAmount + l.TaxAmount);

    private static bool LinesAddUp(Invoice invoice) =>
        invoice.Subtotal == invoice.Lines.Sum(l => l.NetAmount)
        && invoice.TaxTotal == invoice.Lines.Sum(l => l.TaxAmount)
        && invoice.Total == invoice.Subtotal + invoice.TaxTotal;

    private static IssuedInvoiceSummary? DuplicateOf(PreSendContext x) => x.History.RecentlyIssued.FirstOrDefault(r =>
        r.Number != x.Invoice.Number && r.Total == x.Invoice.Total
        && r.IssueDate > x.Invoice.IssueDate.AddDays(-DuplicateWindowDays) && r.IssueDate <= x.Invoice.IssueDate);

    /// <summary>Messages as "field: message" pairs, errors and warnings apart.</summary>
    public static (IReadOnlyList<(string Field, string Message)> Errors, IReadOnlyList<(string Field, string Message)> Warnings) Split(FluentValidation.Results.ValidationResult result) =>
        (result.Errors.Where(e => e.Severity == Severity.Error).Select(e => (e.PropertyName, e.ErrorMessage)).ToList(),
         result.Errors.Where(e => e.Severity != Severity.Error).Select(e => (e.PropertyName, e.ErrorMessage)).ToList());


    /// <summary>One line's checks; the amount is recomputed in the invoice's currency (no decimals for JPY).</summary>
    private sealed class LineValidator : AbstractValidator<InvoiceLine>
    {
        public LineValidator(string currency)
        {
            RuleFor(l => l.Quantity).GreaterThanOrEqualTo(0)
                .WithMessage(l => $"Line {l.LineNumber} has a negative quantity ({l.Quantity:0.####}): enter a positive quantity, and issue a credit note for returns.");
            RuleFor(l => l.NetAmount).Equal(l => InvoiceTotals.Line(l.Quantity, l.UnitPrice, l.TaxRate, currency).Net)
                .WithMessage(l => $"Line {l.LineNumber} amount {l.NetAmount:0.00} is not quantity x unit price ({InvoiceTotals.Line(l.Quantity, l.UnitPrice, l.TaxRate, currency).Net:0.00}): recalculate the line.");
        }
    }
}
