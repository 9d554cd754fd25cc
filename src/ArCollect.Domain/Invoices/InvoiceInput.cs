using ArCollect.Domain.Common;
using FluentValidation;

namespace ArCollect.Domain.Invoices;

/// <summary>What a clerk, the API or an import supplies to create or change an invoice.</summary>
public sealed class InvoiceInput
{
    public Guid CustomerId { get; set; }
    public string Number { get; set; } = "";
    public DateOnly IssueDate { get; set; }
    public DateOnly DueDate { get; set; }
    public string Currency { get; set; } = "";

    /// <summary>Payment terms such as "Net 30" or "2/10 Net 30".</summary>
    public string? Terms { get; set; }

    public string? PurchaseOrder { get; set; }
    public string? Notes { get; set; }
    public List<InvoiceLineInput> Lines { get; set; } = [];
}

public sealed class InvoiceLineInput
{
    public string? Description { get; set; }
    public decimal Quantity { get; set; } = 1m;
    public decimal UnitPrice { get; set; }
    public decimal TaxRate { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && UnitPrice == 0m;
}

public sealed class InvoiceInputValidator : AbstractValidator<InvoiceInput>
{
    public InvoiceInputValidator()
    {
        Include(new SafeTextRules<InvoiceInput>(nameof(InvoiceInput.Notes)));
        RuleFor(x => x.CustomerId).NotEmpty().WithMessage("Choose the customer to invoice.");
        // Stop at the first failure so an empty number is not also told which characters it may contain.
        RuleFor(x => x.Number).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter an invoice number.").MaximumLength(50)
            .Matches("^[A-Za-z0-9][A-Za-z0-9/_.-]*$").WithMessage("Invoice number may contain letters, digits and / _ . - only.");
        RuleFor(x => x.IssueDate).NotEmpty().WithMessage("Enter the issue date.");
        RuleFor(x => x.Terms).Must(t => PaymentTerms.TryParse(t, out _)).When(x => !string.IsNullOrWhiteSpace(x.Terms))
            .WithMessage($"Terms are not understood: write them like {PaymentTerms.Format}.");
        RuleFor(x => x.DueDate).GreaterThanOrEqualTo(x => x.IssueDate)
            .WithMessage("Due date cannot be before the issue date.");
        RuleFor(x => x.Currency).Must(CurrencyCodes.IsKnown)
            .WithMessage("Currency must be a three-letter ISO 4217 code such as EUR or USD.");
        RuleFor(x => x.Lines).Must(lines => lines is not null && lines.Any(l => !l.IsBlank))
            .WithMessage("Add at least one line.");
        RuleForEach(x => x.Lines).Where(l => !l.IsBlank).ChildRules(line =>
        {
            line.RuleFor(l => l.Description).NotEmpty().WithMessage("Describe what is being invoiced.").MaximumLength(500);
            line.RuleFor(l => l.Quantity).GreaterThan(0).WithMessage("Quantity must be more than zero.");
            line.RuleFor(l => l.UnitPrice).GreaterThanOrEqualTo(0).WithMessage("Unit price cannot be negative; issue a credit note instead.");
            line.RuleFor(l => l.TaxRate).InclusiveBetween(0, 100).WithMessage("Tax rate is a percentage between 0 and 100.");
            line.RuleFor(l => l.Description).Must(InputRules.IsSafeText).WithMessage("Description cannot contain line breaks or control characters.");
            line.RuleFor(l => l.Quantity).LessThanOrEqualTo(InputRules.MaxQuantity).WithMessage("Quantity must be at most 1,000,000,000.");
            line.RuleFor(l => l.UnitPrice).MoneyAmount();
            line.RuleFor(l => l).Must(l => Math.Abs(l.Quantity) > InputRules.MaxQuantity || Math.Abs(l.UnitPrice) > InputRules.MaxAmount
                || Math.Abs(l.Quantity * l.UnitPrice) <= InputRules.MaxAmount)
                .OverridePropertyName(nameof(InvoiceLineInput.UnitPrice)).WithMessage("Quantity x unit price must be at most 999,999,999,999.99.");
        });
    }
}
