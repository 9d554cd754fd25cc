using ArCollect.Domain.Common;
using ArCollect.Domain.Payments;

namespace ArCollect.Infrastructure.Imports;

/// <summary>One CSV row of a payment import: a payment, optionally naming the invoices (separated by ';') it pays.</summary>
public sealed record PaymentImportRow(
    int Row, bool Valid, string Reference, string CustomerExternalId, DateOnly ReceivedOn, decimal Amount, string Currency,
    PaymentMethod Method, string[] InvoiceNumbers, string BankTransactionId = "")
{
    /// <summary>The bank's own id of the transaction; when present it is what makes a re-imported row the same payment.</summary>
    public const string BankTransactionColumn = "bank_transaction_id";

    public const string ReferenceColumn = "reference";
    public const string CustomerColumn = "customer_external_id";
    public const string InvoiceColumn = "invoice_number";

    public static readonly string[] Required = [ReferenceColumn, CustomerColumn, "received_on", "amount", "currency"];
    public static readonly string[] Optional = ["method", InvoiceColumn, BankTransactionColumn];

    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        [nameof(RecordPaymentInput.Reference)] = ReferenceColumn,
        [nameof(RecordPaymentInput.ReceivedOn)] = "received_on",
        [nameof(RecordPaymentInput.Amount)] = "amount",
        [nameof(RecordPaymentInput.Currency)] = "currency",
    };

    /// <summary>
    /// Parses a row and checks it with the same validator as a payment recorded by hand; problems go to
    /// <paramref name="errors"/> and the row comes back marked invalid.
    /// </summary>
    internal static PaymentImportRow Parse(int row, Func<string, string?> field, RecordPaymentInputValidator validator, List<ImportError> errors)
    {
        var before = errors.Count;
        var f = new RowFields(row, field, errors);
        var reference = f.Text(ReferenceColumn, required: true);
        var customer = f.Text(CustomerColumn, required: true);
        var receivedOn = f.Date("received_on", required: true);
        var amount = f.Number("amount", required: true);
        var currency = f.Text("currency", required: true).ToUpperInvariant();
        amount = amount is { } a ? Money.Round(a, currency) : null;
        var methodText = f.Text("method", required: false);
        var method = PaymentMethod.BankTransfer;
        if (methodText.Length > 0 && !TryParseMethod(methodText, out method))
        {
            f.Problem("method", $"\"{methodText}\" is not a payment method: use bank transfer, card, direct debit, cheque, cash or other.");
        }

        var bankTransaction = f.Text(BankTransactionColumn, required: false);
        if (bankTransaction.Length > 100)
        {
            f.Problem(BankTransactionColumn, "The bank transaction id is longer than 100 characters: check the column.");
        }

        var numbers = f.Text(InvoiceColumn, required: false).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (numbers.FirstOrDefault(n => n.Length > 50) is { } tooLong)
        {
            f.Problem(InvoiceColumn, $"\"{tooLong}\" is longer than 50 characters, so it is no invoice number.");
        }

        if (numbers.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            f.Problem(InvoiceColumn, $"Invoice {twice.Key} is named twice: name each invoice once.");
        }

        // What could be parsed is checked by the manual payment's validator; what could not has been reported already.
        var input = new RecordPaymentInput
        {
            CustomerId = Guid.AllBitsSet,
            Amount = amount ?? 1m,
            Currency = currency.Length == 0 ? "EUR" : currency,
            ReceivedOn = receivedOn ?? new DateOnly(2000, 1, 1),
            Reference = reference,
            Method = method,
        };
        foreach (var failure in validator.Validate(input).Errors)
        {
            if (Columns.TryGetValue(failure.PropertyName, out var column) && errors.Skip(before).All(e => e.Column != column))
            {
                f.Problem(column, failure.ErrorMessage);
            }
        }

        return new PaymentImportRow(row, errors.Count == before, reference, customer, receivedOn ?? default, amount ?? 0m, currency, method, numbers, bankTransaction);
    }

    /// <summary>Accepts the method names as written by people: "Bank transfer", "bank_transfer", "BankTransfer", "direct-debit".</summary>
    private static bool TryParseMethod(string text, out PaymentMethod method)
    {
        var name = new string(text.Where(char.IsLetter).ToArray());
        if (name.Length > 0 && Enum.TryParse(name, ignoreCase: true, out method) && Enum.IsDefined(method))
        {
            return true;
        }

        method = PaymentMethod.BankTransfer;
        return false;
    }
}
