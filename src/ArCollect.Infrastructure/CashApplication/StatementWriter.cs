using System.Globalization;
using System.Text;
using System.Xml;
using ArCollect.Domain.CashApplication;

namespace ArCollect.Infrastructure.CashApplication;

/// <summary>
/// Writes statements as banks do (camt.053.001.02, MT940 with German ?-sub-fields, CSV): for the demo ledger and the
/// benchmark generator. Each format carries the line's booking code in its own way: BkTxCd, field 61's type and the :86:
/// business code (NTRF and 166, a SEPA credit, when the line has none), a booking_code column.
/// </summary>
public static class StatementWriter
{
    public static string Camt053(string statementId, string iban, string currency, IEnumerable<StatementLine> lines)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            const string ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";
            xml.WriteStartElement("Document", ns);
            xml.WriteStartElement("BkToCstmrStmt", ns);
            xml.WriteStartElement("GrpHdr", ns);
            xml.WriteElementString("MsgId", ns, statementId);
            xml.WriteEndElement();
            xml.WriteStartElement("Stmt", ns);
            xml.WriteElementString("Id", ns, statementId);
            xml.WriteStartElement("Acct", ns);
            xml.WriteStartElement("Id", ns);
            xml.WriteElementString("IBAN", ns, iban);
            xml.WriteEndElement();
            xml.WriteElementString("Ccy", ns, currency);
            xml.WriteEndElement();
            foreach (var line in lines)
            {
                xml.WriteStartElement("Ntry", ns);
                if (line.EntryReference is not null)
                {
                    xml.WriteElementString("NtryRef", ns, line.EntryReference);
                }

                xml.WriteStartElement("Amt", ns);
                xml.WriteAttributeString("Ccy", line.Currency);
                xml.WriteString(line.Amount.ToString("0.00", CultureInfo.InvariantCulture));
                xml.WriteEndElement();
                xml.WriteElementString("CdtDbtInd", ns, line.Direction == EntryDirection.Credit ? "CRDT" : "DBIT");
                xml.WriteElementString("Sts", ns, "BOOK");
                Date(xml, ns, "BookgDt", line.BookingDate);
                Date(xml, ns, "ValDt", line.ValueDate ?? line.BookingDate);
                if (line.EntryReference is not null)
                {
                    xml.WriteElementString("AcctSvcrRef", ns, line.EntryReference);
                }

                BookingCode(xml, ns, line.BookingCode);

                xml.WriteStartElement("NtryDtls", ns);
                xml.WriteStartElement("TxDtls", ns);
                xml.WriteStartElement("RltdPties", ns);
                var party = line.Direction == EntryDirection.Credit ? "Dbtr" : "Cdtr";
                xml.WriteStartElement(party, ns);
                xml.WriteElementString("Nm", ns, line.PayerName ?? "");
                xml.WriteEndElement();
                if (line.PayerIban is not null)
                {
                    xml.WriteStartElement(party + "Acct", ns);
                    xml.WriteStartElement("Id", ns);
                    xml.WriteElementString("IBAN", ns, line.PayerIban);
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
                if (!string.IsNullOrEmpty(line.Remittance))
                {
                    xml.WriteStartElement("RmtInf", ns);
                    xml.WriteElementString("Ustrd", ns, line.Remittance);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// An MT940 file. One MT940 statement carries one currency, so lines in other currencies than
    /// <paramref name="currency"/> go into a statement of their own per currency (the account's currency sub-account),
    /// as banks deliver them: the statement id gets the currency appended and :28C: counts them.
    /// </summary>
    public static string Mt940(string statementId, string iban, string currency, IReadOnlyList<StatementLine> lines)
    {
        var text = new StringBuilder();
        var byCurrency = lines.GroupBy(l => l.Currency).OrderBy(g => g.Key == currency ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (byCurrency.Count == 0)
        {
            Mt940Statement(text, statementId, iban, currency, 1, 1, []);
        }

        for (var i = 0; i < byCurrency.Count; i++)
        {
            var ownCurrency = byCurrency[i].Key == currency;
            Mt940Statement(text, ownCurrency ? statementId : $"{statementId}-{byCurrency[i].Key}", ownCurrency ? iban : $"{iban}{byCurrency[i].Key}",
                byCurrency[i].Key, i + 1, byCurrency.Count, [.. byCurrency[i]]);
        }

        return text.ToString();
    }

    private static void Mt940Statement(StringBuilder text, string statementId, string iban, string currency, int number, int count, IReadOnlyList<StatementLine> lines)
    {
        var first = lines.Count > 0 ? lines.Min(l => l.BookingDate) : new DateOnly(2026, 1, 1);
        text.Append(":20:").Append(statementId).Append("\r\n");
        text.Append(":25:").Append(iban).Append("\r\n");
        text.Append(":28C:").Append(number).Append('/').Append(count).Append("\r\n");
        text.Append(":60F:C").Append(first.ToString("yyMMdd", CultureInfo.InvariantCulture)).Append(currency).Append("0,00\r\n");
        foreach (var line in lines)
        {
            text.Append(":61:").Append(line.BookingDate.ToString("yyMMdd", CultureInfo.InvariantCulture))
                .Append(line.BookingDate.ToString("MMdd", CultureInfo.InvariantCulture))
                .Append(line.Direction == EntryDirection.Credit ? 'C' : 'D')
                .Append(line.Amount.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ','))
                .Append(BookingCodes.Value(line.BookingCode, BookingCodes.Swift) is { Length: 4 } type && type[0] == 'N' ? type : "NTRF")
                .Append("NONREF");
            if (line.EntryReference is not null)
            {
                text.Append("//").Append(line.EntryReference);
            }

            var gvc = BookingCodes.Value(line.BookingCode, BookingCodes.Gvc) ?? "166";
            text.Append("\r\n:86:").Append(gvc).Append(gvc == "166" ? "?00GUTSCHRIFT" : "?00UMSATZ");
            var remittance = (line.Remittance ?? "").Replace("?", "", StringComparison.Ordinal);
            for (var i = 0; i * 27 < remittance.Length && i < 10; i++)
            {
                text.Append("?2").Append(i).Append(remittance.AsSpan(i * 27, Math.Min(27, remittance.Length - (i * 27))));
            }

            if (line.PayerIban is not null)
            {
                text.Append("?31").Append(line.PayerIban);
            }

            var name = (line.PayerName ?? "").Replace("?", "", StringComparison.Ordinal);
            if (name.Length > 0)
            {
                text.Append("?32").Append(name[..Math.Min(27, name.Length)]);
                if (name.Length > 27)
                {
                    text.Append("?33").Append(name[27..Math.Min(54, name.Length)]);
                }
            }

            text.Append("\r\n");
        }

        text.Append(":62F:C").Append(first.ToString("yyMMdd", CultureInfo.InvariantCulture)).Append(currency).Append("0,00\r\n-\r\n");
    }

    public static string Csv(IEnumerable<StatementLine> lines)
    {
        var text = new StringBuilder("entry_ref,booking_date,amount,currency,payer_name,payer_iban,remittance,booking_code\n");
        foreach (var line in lines)
        {
            var amount = line.Direction == EntryDirection.Credit ? line.Amount : -line.Amount;
            text.Append(Quote(line.EntryReference)).Append(',')
                .Append(line.BookingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append(amount.ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
                .Append(line.Currency).Append(',')
                .Append(Quote(line.PayerName)).Append(',')
                .Append(Quote(line.PayerIban)).Append(',')
                .Append(Quote(line.Remittance)).Append(',')
                .Append(Quote(line.BookingCode)).Append('\n');
        }

        return text.ToString();
    }

    private static void BookingCode(XmlWriter xml, string ns, string? code)
    {
        var iso = BookingCodes.Value(code, BookingCodes.Iso)?.Split('/');
        var proprietary = BookingCodes.Value(code, BookingCodes.Proprietary);
        if (iso is not { Length: 3 } && proprietary is null)
        {
            return;
        }

        xml.WriteStartElement("BkTxCd", ns);
        if (iso is { Length: 3 })
        {
            xml.WriteStartElement("Domn", ns);
            xml.WriteElementString("Cd", ns, iso[0]);
            xml.WriteStartElement("Fmly", ns);
            xml.WriteElementString("Cd", ns, iso[1]);
            xml.WriteElementString("SubFmlyCd", ns, iso[2]);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        if (proprietary is not null)
        {
            xml.WriteStartElement("Prtry", ns);
            xml.WriteElementString("Cd", ns, proprietary);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Date(XmlWriter xml, string ns, string element, DateOnly date)
    {
        xml.WriteStartElement(element, ns);
        xml.WriteElementString("Dt", ns, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }

    private static string Quote(string? value) => value is null ? "" : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
