using ArCollect.Domain.CashApplication;
using ArCollect.Infrastructure.Imports;
using CsvHelper;

namespace ArCollect.Infrastructure.CashApplication;

/// <summary>
/// Reads a bank's CSV export with the importers' reader and column rules: required <c>booking_date</c>, <c>amount</c>,
/// <c>currency</c>; optional <c>entry_ref</c>, <c>value_date</c>, <c>payer_name</c>, <c>payer_iban</c>, <c>remittance</c>,
/// <c>direction</c> (C/D, credit/debit; else a negative amount is a debit), <c>booking_code</c> (the bank's code, see
/// <see cref="BookingCodes.FromText"/>), each renamed through a column mapping.
/// All problems are collected and reported together with row and column.
/// </summary>
public static class StatementCsvParser
{
    public static readonly IReadOnlyList<string> Required = ["booking_date", "amount", "currency"];
    public static readonly IReadOnlyList<string> Optional = ["entry_ref", "value_date", "payer_name", "payer_iban", "remittance", "direction", "booking_code"];

    public static async Task<ParsedStatement> ParseAsync(Stream csv, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken)
    {
        await using var reader = CsvReader.Create(csv, CsvImportSupport.Options(), leaveOpen: true);
        var errors = new List<ImportError>();
        var lines = new List<StatementLine>();
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
            var columns = CsvImportSupport.ResolveColumns(reader, Required, Optional, mapping, out var problem);
            if (problem is not null)
            {
                throw new StatementFormatException(problem.Errors[0].Message);
            }

            while (await reader.ReadAsync(cancellationToken))
            {
                var row = (int)reader.RowNumber;
                var fields = new RowFields(row, c => CsvImportSupport.Field(reader, columns, c), errors);
                var booked = fields.Date("booking_date", required: true);
                var valued = fields.Date("value_date", required: false);
                var amount = fields.Number("amount", required: true);
                var currency = fields.Text("currency", required: true).ToUpperInvariant();
                var directionText = fields.Text("direction", required: false).ToUpperInvariant();
                EntryDirection? direction = directionText switch
                {
                    "" => null,
                    "C" or "CR" or "CRDT" or "CREDIT" => EntryDirection.Credit,
                    "D" or "DR" or "DBIT" or "DEBIT" => EntryDirection.Debit,
                    _ => null,
                };
                if (directionText.Length > 0 && direction is null)
                {
                    fields.Problem("direction", $"\"{directionText}\" is not C (credit) or D (debit).");
                }

                if (currency.Length != 3)
                {
                    fields.Problem("currency", "Write the currency as a three-letter code such as EUR.");
                }

                var entry = fields.Text("entry_ref", required: false);
                var payer = fields.Text("payer_name", required: false);
                var iban = fields.Text("payer_iban", required: false);
                var remittance = fields.Text("remittance", required: false);
                var code = BookingCodes.FromText(fields.Text("booking_code", required: false));
                if (booked is null || amount is null || errors.Count > 0)
                {
                    continue;
                }

                lines.Add(new StatementLine(entry.Length == 0 ? null : entry, booked.Value, valued, Math.Abs(amount.Value), currency,
                    direction ?? (amount < 0m ? EntryDirection.Debit : EntryDirection.Credit),
                    payer.Length == 0 ? null : payer, iban.Length == 0 ? null : iban, remittance.Length == 0 ? null : remittance,
                    BookingCode: code));
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(CsvImportSupport.UnreadableRow(ex));
        }

        if (errors.Count > 0)
        {
            var listed = errors.Take(20).Select(e => e.Row == 0 ? e.Message : $"row {e.Row}, {e.Column}: {e.Message}");
            throw new StatementFormatException($"{errors.Count} problem(s), nothing was imported: " + string.Join(" ", listed));
        }

        return new ParsedStatement(null, null, null, lines);
    }
}
