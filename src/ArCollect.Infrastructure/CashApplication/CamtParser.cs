using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ArCollect.Domain.CashApplication;

namespace ArCollect.Infrastructure.CashApplication;

/// <summary>
/// Reads ISO 20022 camt.053 statements and camt.054 notifications (any version: elements are found by local name).
/// DTDs are prohibited and nothing external is resolved, so a file cannot make the server fetch or expand anything.
/// Only booked entries count; an entry batching several transfers gives one line per transfer. The bank transaction code
/// (BkTxCd: ISO Domn/Fmly/SubFmlyCd and the proprietary Prtry/Cd) is kept, the transfer's own before the entry's.
/// </summary>
public static class CamtParser
{
    public static ParsedStatement Parse(byte[] xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
        };
        XDocument document;
        try
        {
            using var stream = new MemoryStream(xml);
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new StatementFormatException("The file declares a DTD or entities, which bank statements never do: it was refused and nothing was imported.");
        }
        catch (XmlException ex)
        {
            throw new StatementFormatException($"The file is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}");
        }

        var root = document.Root!;
        var statements = root.Descendants().Where(e => e.Name.LocalName is "Stmt" or "Ntfctn" or "Rpt").ToList();
        if (root.Name.LocalName != "Document" || statements.Count == 0)
        {
            throw new StatementFormatException("The XML is not a camt.053 statement or camt.054 notification: no <Stmt> or <Ntfctn> element was found.");
        }

        var lines = new List<StatementLine>();
        string? statementId = null;
        string? iban = null;
        string? currency = null;
        foreach (var statement in statements)
        {
            statementId ??= Text(statement, "Id");
            var account = Child(statement, "Acct");
            iban ??= account is null ? null : Path(account, "Id", "IBAN");
            currency ??= account is null ? null : Text(account, "Ccy");
            var index = 0;
            foreach (var entry in statement.Elements().Where(e => e.Name.LocalName == "Ntry"))
            {
                index++;
                lines.AddRange(Entry(entry, statementId, index));
            }
        }

        return new ParsedStatement(statementId, iban, currency, lines);
    }

    private static IEnumerable<StatementLine> Entry(XElement entry, string? statementId, int index)
    {
        var status = Child(entry, "Sts") is { } sts ? (Text(sts, "Cd") ?? sts.Value).Trim() : "BOOK";
        if (status != "BOOK")
        {
            yield break;
        }

        var amountElement = Child(entry, "Amt") ?? throw Problem(index, "it has no <Amt>");
        var amount = Amount(amountElement, index);
        var currency = amountElement.Attribute("Ccy")?.Value ?? throw Problem(index, "its <Amt> has no Ccy currency");
        var direction = Text(entry, "CdtDbtInd") switch
        {
            "CRDT" => EntryDirection.Credit,
            "DBIT" => EntryDirection.Debit,
            var other => throw Problem(index, $"<CdtDbtInd> is \"{other}\", not CRDT or DBIT"),
        };
        var booked = Date(Child(entry, "BookgDt"), index) ?? throw Problem(index, "it has no booking date");
        var valued = Date(Child(entry, "ValDt"), index);
        var entryReference = Text(entry, "AcctSvcrRef") ?? Text(entry, "NtryRef");
        var entryCode = BookingCode(entry);
        var transactions = entry.Descendants().Where(e => e.Name.LocalName == "TxDtls").ToList();
        if (transactions.Count == 0)
        {
            yield return new StatementLine(entryReference, booked, valued, amount, currency, direction, null, null, Text(entry, "AddtlNtryInf"),
                BookingCode: entryCode);
            yield break;
        }

        for (var i = 0; i < transactions.Count; i++)
        {
            var tx = transactions[i];
            var txAmountElement = tx.Descendants().FirstOrDefault(e => e.Name.LocalName == "Amt" && e.Parent?.Name.LocalName is "TxAmt" or "TxDtls");
            var txAmount = transactions.Count == 1 || txAmountElement is null ? amount : Amount(txAmountElement, index);
            var txCurrency = transactions.Count == 1 || txAmountElement is null ? currency : txAmountElement.Attribute("Ccy")?.Value ?? currency;
            var parties = Child(tx, "RltdPties");
            var partyName = direction == EntryDirection.Credit ? "Dbtr" : "Cdtr";
            var party = parties is null ? null : Child(parties, partyName);
            var name = party is null ? null : Text(party, "Nm") ?? (Child(party, "Pty") is { } pty ? Text(pty, "Nm") : null);
            var account = parties is null ? null : Child(parties, partyName + "Acct");
            var iban = account is null ? null : Path(account, "Id", "IBAN");
            var remittance = Child(tx, "RmtInf") is { } rmt
                ? string.Join(" ", rmt.Descendants().Where(e => e.Name.LocalName is "Ustrd" or "Ref" && !e.HasElements).Select(e => e.Value.Trim()))
                : null;
            var refs = Child(tx, "Refs");
            var txReference = refs is null ? null : Text(refs, "AcctSvcrRef");
            var reference = txReference ?? (entryReference is null ? null : transactions.Count == 1 ? entryReference : $"{entryReference}/{i + 1}");
            var endToEnd = refs is null ? null : Text(refs, "EndToEndId");
            yield return new StatementLine(reference, booked, valued, txAmount, txCurrency, direction, name, iban,
                string.IsNullOrWhiteSpace(remittance) ? Text(entry, "AddtlNtryInf") : remittance,
                endToEnd is null or "NOTPROVIDED" ? null : endToEnd, BookingCode(tx) ?? entryCode);
        }
    }

    /// <summary>BkTxCd as "ISO Domn/Fmly/SubFmly; Prtry Cd", or null when the element gives neither.</summary>
    private static string? BookingCode(XElement holder)
    {
        if (Child(holder, "BkTxCd") is not { } code)
        {
            return null;
        }

        string? iso = null;
        if (Child(code, "Domn") is { } domain && Text(domain, "Cd") is { } domainCode)
        {
            var family = Child(domain, "Fmly");
            iso = string.Join('/', new[] { domainCode, family is null ? null : Text(family, "Cd"), family is null ? null : Text(family, "SubFmlyCd") }
                .Where(c => c is not null));
        }

        var proprietary = Child(code, "Prtry") is { } prtry ? Text(prtry, "Cd") : null;
        return BookingCodes.Join(BookingCodes.Part(BookingCodes.Iso, iso), BookingCodes.Part(BookingCodes.Proprietary, proprietary));
    }

    private static decimal Amount(XElement element, int index) =>
        decimal.TryParse(element.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount >= 0m
            ? amount
            : throw Problem(index, $"the amount \"{element.Value}\" is not a number such as 1234.50");

    private static DateOnly? Date(XElement? holder, int index)
    {
        if (holder is null)
        {
            return null;
        }

        var text = Text(holder, "Dt") ?? Text(holder, "DtTm");
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Length >= 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Problem(index, $"the date \"{text}\" is not an ISO date");
    }

    private static StatementFormatException Problem(int index, string what) => new($"Entry {index} (<Ntry> number {index}) cannot be read: {what}.");

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string? Text(XElement parent, string name) => Child(parent, name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static string? Path(XElement parent, params string[] names)
    {
        var current = parent;
        foreach (var name in names)
        {
            current = Child(current, name);
            if (current is null)
            {
                return null;
            }
        }

        return current.Value.Trim();
    }
}
