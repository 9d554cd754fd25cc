using System.Text;
using ArCollect.Domain.CashApplication;
using ArCollect.Infrastructure.CashApplication;

namespace ArCollect.IntegrationTests.CashApplication;

public sealed class StatementParserTests
{
    private const string Camt053 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>MSG-1</MsgId></GrpHdr>
            <Stmt>
              <Id>STMT-2026-11-02</Id>
              <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
              <Ntry>
                <Amt Ccy="EUR">1190.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>2026-11-02</Dt></BookgDt><ValDt><Dt>2026-11-03</Dt></ValDt>
                <AcctSvcrRef>BANK-0001</AcctSvcrRef>
                <NtryDtls><TxDtls>
                  <Refs><EndToEndId>E2E-77</EndToEndId></Refs>
                  <RltdPties><Dbtr><Nm>Müller Maschinenbau GmbH</Nm></Dbtr><DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct></RltdPties>
                  <RmtInf><Ustrd>INV-2026-00123</Ustrd></RmtInf>
                </TxDtls></NtryDtls>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>2026-11-02</Dt></BookgDt>
                <AcctSvcrRef>BANK-0002</AcctSvcrRef>
                <NtryDtls>
                  <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">100.00</Amt></TxAmt></AmtDtls><RltdPties><Dbtr><Nm>A</Nm></Dbtr></RltdPties><RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>
                  <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">200.00</Amt></TxAmt></AmtDtls><RltdPties><Dbtr><Nm>B</Nm></Dbtr></RltdPties><RmtInf><Ustrd>second</Ustrd></RmtInf></TxDtls>
                </NtryDtls>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">45.10</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-02</Dt></BookgDt>
                <AddtlNtryInf>Account fees</AddtlNtryInf>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">99.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2026-11-02</Dt></BookgDt>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """;

    private static Task<(ParsedStatement Statement, StatementFormat Format)> Parse(string text, StatementFormat? format = null, Dictionary<string, string>? mapping = null) =>
        StatementParsers.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), format, mapping, CancellationToken.None);

    [Fact]
    public async Task Camt053_gives_booked_credits_and_debits_with_payer_account_and_remittance()
    {
        var (statement, format) = await Parse(Camt053);

        Assert.Equal(StatementFormat.Camt053, format);
        Assert.Equal("STMT-2026-11-02", statement.StatementId);
        Assert.Equal("DE89370400440532013000", statement.AccountIban);
        Assert.Equal(4, statement.Lines.Count);
        var first = statement.Lines[0];
        Assert.Equal(("BANK-0001", 1190.00m, EntryDirection.Credit), (first.EntryReference, first.Amount, first.Direction));
        Assert.Equal(("Müller Maschinenbau GmbH", "DE02120300000000202051", "INV-2026-00123"), (first.PayerName, first.PayerIban, first.Remittance));
        Assert.Equal(new DateOnly(2026, 11, 3), first.ValueDate);
        Assert.Equal([100m, 200m], statement.Lines.Skip(1).Take(2).Select(l => l.Amount));
        Assert.Equal(["BANK-0002/1", "BANK-0002/2"], statement.Lines.Skip(1).Take(2).Select(l => l.EntryReference));
        Assert.Equal("RF18539007547034", statement.Lines[1].Remittance);
        Assert.Equal((EntryDirection.Debit, "Account fees"), (statement.Lines[3].Direction, statement.Lines[3].Remittance));
    }

    [Fact]
    public async Task Camt054_notifications_are_read_the_same_way()
    {
        var camt054 = Camt053.Replace("camt.053.001.02", "camt.054.001.02", StringComparison.Ordinal)
            .Replace("BkToCstmrStmt", "BkToCstmrDbtCdtNtfctn", StringComparison.Ordinal).Replace("<Stmt>", "<Ntfctn>", StringComparison.Ordinal)
            .Replace("</Stmt>", "</Ntfctn>", StringComparison.Ordinal);

        var (statement, format) = await Parse(camt054);

        Assert.Equal(StatementFormat.Camt054, format);
        Assert.Equal(4, statement.Lines.Count);
    }

    [Fact]
    public async Task A_camt_file_with_a_DTD_or_entity_is_refused_with_a_report()
    {
        var hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>&xxe;</Id></Stmt></BkToCstmrStmt></Document>
            """;

        var error = await Assert.ThrowsAsync<StatementFormatException>(() => Parse(hostile));

        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xml_that_is_not_a_statement_gets_a_report()
    {
        var error = await Assert.ThrowsAsync<StatementFormatException>(() => Parse("<Invoice><Id>1</Id></Invoice>"));

        Assert.Contains("not a camt.053", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mt940_reads_lines_with_german_sub_fields_and_swift_codes()
    {
        var mt940 = """
            :20:STARTUMS
            :25:DE89370400440532013000
            :28C:00001/001
            :60F:C261101EUR1000,00
            :61:2611021102C1190,00NTRFNONREF//BANKREF1
            :86:166?00GUTSCHRIFT?20INV-2026-00123 and ?21INV-2026-00124?31DE02120300000000202051?32MUELLER MASCHINENBAU
            :61:2611021102D45,10NMSCNONREF
            :86:/EREF/NOTPROVIDED/REMI/Account fees/NAME/Our Bank AG
            :61:2611031103C250,00NTRFRE-4711//BANKREF3
            :62F:C261103EUR2395,90
            -
            """;

        var (statement, format) = await Parse(mt940);

        Assert.Equal(StatementFormat.Mt940, format);
        Assert.Equal(("STARTUMS", "DE89370400440532013000", "EUR"), (statement.StatementId, statement.AccountIban, statement.Currency));
        Assert.Equal(3, statement.Lines.Count);
        var first = statement.Lines[0];
        Assert.Equal(("BANKREF1", 1190.00m, EntryDirection.Credit, new DateOnly(2026, 11, 2)), (first.EntryReference, first.Amount, first.Direction, first.BookingDate));
        Assert.Equal(("MUELLER MASCHINENBAU", "DE02120300000000202051", "INV-2026-00123 and INV-2026-00124"), (first.PayerName, first.PayerIban, first.Remittance));
        Assert.Equal((EntryDirection.Debit, "Our Bank AG", "Account fees"), (statement.Lines[1].Direction, statement.Lines[1].PayerName, statement.Lines[1].Remittance));
        Assert.Equal("RE-4711", statement.Lines[2].Remittance);
    }

    [Fact]
    public async Task Mt940_file_with_a_statement_per_currency_gives_each_line_its_own_statements_currency()
    {
        var mt940 = """
            :20:STMT-EUR
            :25:DE89370400440532013000
            :28C:1/2
            :60F:C261101EUR0,00
            :61:2611021102C1190,00NTRFNONREF//EUR1
            :86:166?00GUTSCHRIFT?20INV-2026-00123?32ACME TRADING
            :62F:C261102EUR1190,00
            -
            :20:STMT-USD
            :25:DE89370400440532013000USD
            :28C:2/2
            :60F:C261101USD0,00
            :61:2611021102C1250,00NTRFNONREF//USD1
            :86:166?00GUTSCHRIFT?20INV-2026-00124?32ACME INC
            :62F:C261102USD1250,00
            -
            """;

        var (statement, _) = await Parse(mt940);

        Assert.Equal([("EUR1", 1190m, "EUR"), ("USD1", 1250m, "USD")], statement.Lines.Select(l => (l.EntryReference!, l.Amount, l.Currency)));
        Assert.Equal(("STMT-EUR", "DE89370400440532013000"), (statement.StatementId, statement.AccountIban));
    }

    [Fact]
    public async Task Mt940_with_a_broken_statement_line_names_the_line()
    {
        var error = await Assert.ThrowsAsync<StatementFormatException>(() => Parse(":20:X\n:60F:C261101EUR0,00\n:61:26110X C12\n", StatementFormat.Mt940));

        Assert.Contains("Line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bai2_reads_credits_and_debits_in_cents()
    {
        var bai2 = """
            01,BANK,ARCO,261102,0800,FILE7,,,2/
            02,ARCO,BANK,1,261102,0800,USD,2/
            03,123456789,USD,010,500000,,/
            16,165,119000,0,BR001,INV-2026-00123,ORIG CO NAME:ACME TRADING/
            88,PAYMENT FOR INVOICES/
            16,475,4510,0,BR002,,CHECK PAID/
            49,123510,4/
            98,123510,1,6/
            99,123510,1,8/
            """;

        var (statement, format) = await Parse(bai2);

        Assert.Equal(StatementFormat.Bai2, format);
        Assert.Equal(2, statement.Lines.Count);
        Assert.Equal((1190.00m, "USD", EntryDirection.Credit, "BR001"), (statement.Lines[0].Amount, statement.Lines[0].Currency, statement.Lines[0].Direction, statement.Lines[0].EntryReference));
        Assert.Contains("INV-2026-00123", statement.Lines[0].Remittance, StringComparison.Ordinal);
        Assert.Equal((45.10m, EntryDirection.Debit), (statement.Lines[1].Amount, statement.Lines[1].Direction));
    }

    [Fact]
    public async Task Csv_columns_are_mapped_and_negative_amounts_are_debits()
    {
        var csv = "Buchungstag,Betrag,Waehrung,Auftraggeber,Verwendungszweck\n2026-11-02,1190.00,EUR,Müller GmbH,INV-2026-00123\n2026-11-02,-45.10,EUR,Bank,Fees\n";
        var mapping = new Dictionary<string, string> { ["booking_date"] = "buchungstag", ["amount"] = "betrag", ["currency"] = "waehrung", ["payer_name"] = "auftraggeber", ["remittance"] = "verwendungszweck" };

        var (statement, format) = await Parse(csv, StatementFormat.Csv, mapping);

        Assert.Equal(StatementFormat.Csv, format);
        Assert.Equal((1190.00m, EntryDirection.Credit, "Müller GmbH"), (statement.Lines[0].Amount, statement.Lines[0].Direction, statement.Lines[0].PayerName));
        Assert.Equal((45.10m, EntryDirection.Debit), (statement.Lines[1].Amount, statement.Lines[1].Direction));
    }

    [Fact]
    public async Task Csv_problems_name_the_row_and_column()
    {
        var error = await Assert.ThrowsAsync<StatementFormatException>(() =>
            Parse("booking_date,amount,currency\n2026-11-02,12.00,EUR\n02.11.2026,abc,EUR\n", StatementFormat.Csv));

        Assert.Contains("row 2, booking_date", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 2, amount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_writer_writes_the_parsers_read_back()
    {
        StatementLine[] lines =
        [
            new("R1", new DateOnly(2026, 11, 2), null, 1190m, "EUR", EntryDirection.Credit, "Acme Trading Ltd", "DE02120300000000202051", "INV-2026-00123 thanks"),
            new("R2", new DateOnly(2026, 11, 3), null, 45.1m, "EUR", EntryDirection.Debit, "Bank", null, "Fees"),
            new("R3", new DateOnly(2026, 11, 3), null, 1250m, "USD", EntryDirection.Credit, "Acme Inc", null, "INV-2026-00124"),
        ];

        foreach (var text in new[] { StatementWriter.Camt053("S1", "DE89370400440532013000", "EUR", lines), StatementWriter.Mt940("S1", "DE89370400440532013000", "EUR", lines), StatementWriter.Csv(lines) })
        {
            var (statement, _) = await Parse(text);
            Assert.Equal(lines.Select(l => (l.EntryReference, l.Amount, l.Currency, l.Direction, l.PayerName, l.Remittance)),
                statement.Lines.Select(l => (l.EntryReference, l.Amount, l.Currency, l.Direction, l.PayerName, l.Remittance)));
        }
    }
}
