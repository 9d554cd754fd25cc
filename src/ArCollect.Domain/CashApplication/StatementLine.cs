using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ArCollect.Domain.CashApplication;

public enum EntryDirection
{
    Credit,
    Debit,
}

/// <summary>
/// One booked line of a bank statement as the parser read it: money in (credit) or out (debit), who sent it, and the
/// free text that came with it, and the bank's booking codes (<see cref="BookingCodes"/>). <see cref="Key"/> identifies it
/// across re-imports and overlapping statements.
/// </summary>
public sealed record StatementLine(
    string? EntryReference,
    DateOnly BookingDate,
    DateOnly? ValueDate,
    decimal Amount,
    string Currency,
    EntryDirection Direction,
    string? PayerName,
    string? PayerIban,
    string? Remittance,
    string? BankReference = null,
    string? BookingCode = null)
{
    /// <summary>
    /// The bank's own reference for the entry when it gives one, else a hash of what the line says (date, amount,
    /// currency, direction, payer, account, text): the same line read twice gets the same key. The booking code is left
    /// out, so a statement imported before its codes were read keeps its keys.
    /// </summary>
    public string Key
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(EntryReference))
            {
                return "ref:" + EntryReference.Trim();
            }

            var content = string.Join('|',
                BookingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Amount.ToString("0.00########", CultureInfo.InvariantCulture),
                Currency,
                Direction,
                PayerName?.Trim() ?? "",
                PayerIban?.Trim() ?? "",
                Remittance?.Trim() ?? "",
                BankReference?.Trim() ?? "");
            return "sha:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..40];
        }
    }
}

/// <summary>A statement as parsed: the bank's statement id (if any), the account it is for, and its lines.</summary>
public sealed record ParsedStatement(string? StatementId, string? AccountIban, string? Currency, IReadOnlyList<StatementLine> Lines);
