using System.Text;
using ArCollect.Domain.CashApplication;
using ArCollect.Infrastructure.CashApplication;

namespace ArCollect.IntegrationTests.CashApplication;

/// <summary>The bank's booking codes are read from every statement format, from files written here.</summary>
public sealed class BookingCodeParserTests
{
    private static async Task<ParsedStatement> ParseAsync(string text, StatementFormat? format = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"booking-codes-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
        try
        {
            await using var file = File.OpenRead(path);
            return (await StatementParsers.ParseAsync(file, format, null, CancellationToken.None)).Statement;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Camt_keeps_the_iso_domain_family_and_sub_family_and_the_proprietary_code_the_transfers_own_first()
    {
        var camt = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
              <BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S-1</Id>
                <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
                <Ntry>
                  <Amt Ccy="EUR">12.34</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-30</Dt></BookgDt>
                  <AcctSvcrRef>B-1</AcctSvcrRef>
                  <BkTxCd><Domn><Cd>ACMT</Cd><Fmly><Cd>MCOP</Cd><SubFmlyCd>INTR</SubFmlyCd></Fmly></Domn><Prtry><Cd>NINT+805</Cd><Issr>DK</Issr></Prtry></BkTxCd>
                  <AddtlNtryInf>Abschluss</AddtlNtryInf>
                </Ntry>
                <Ntry>
                  <Amt Ccy="EUR">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-30</Dt></BookgDt>
                  <AcctSvcrRef>B-2</AcctSvcrRef>
                  <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                  <NtryDtls>
                    <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">100.00</Amt></TxAmt></AmtDtls>
                      <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>RRTN</SubFmlyCd></Fmly></Domn></BkTxCd>
                      <RmtInf><Ustrd>RETOURE AC04</Ustrd></RmtInf></TxDtls>
                    <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">200.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>INV-1</Ustrd></RmtInf></TxDtls>
                  </NtryDtls>
                </Ntry>
              </Stmt></BkToCstmrStmt>
            </Document>
            """;

        var statement = await ParseAsync(camt);

        Assert.Equal(["ISO ACMT/MCOP/INTR; Prtry NINT+805", "ISO PMNT/RCDT/RRTN", "ISO PMNT/RCDT/ESCT"], statement.Lines.Select(l => l.BookingCode));
    }

    [Fact]
    public async Task Mt940_keeps_the_transaction_type_the_reversal_mark_and_the_german_business_code()
    {
        var mt940 = """
            :20:STMT
            :25:DE89370400440532013000
            :28C:1/1
            :60F:C261101EUR0,00
            :61:2611301130C1190,00NTRFNONREF//B1
            :86:166?00GUTSCHRIFT?20INV-2026-00123?32ACME
            :61:2611301130C12,34NINTNONREF//B2
            :86:805?00ABSCHLUSS?20Zinsen
            :61:2611301130RD45,10NCHGNONREF//B3
            :86:Storno Gebuehr
            :61:2611301130C20,00NMSCNONREF//B4
            :62F:C261130EUR1266,44
            -
            """;

        var statement = await ParseAsync(mt940, StatementFormat.Mt940);

        Assert.Equal(["SWIFT NTRF; GVC 166", "SWIFT NINT; GVC 805", "SWIFT NCHG; SWIFT RD", "SWIFT NMSC"], statement.Lines.Select(l => l.BookingCode));
        Assert.Equal(EntryDirection.Credit, statement.Lines[2].Direction);
    }

    [Fact]
    public async Task Bai2_keeps_the_type_code_and_csv_reads_a_booking_code_column()
    {
        var bai2 = """
            01,BANK,ARCO,261130,0800,FILE9,,,2/
            02,ARCO,BANK,1,261130,0800,USD,2/
            03,123456789,USD,010,500000,,/
            16,165,119000,0,BR001,INV-2026-00123,ORIG CO NAME:ACME TRADING/
            16,354,1234,0,BR002,,INTEREST EARNED/
            49,120234,4/
            98,120234,1,6/
            99,120234,1,8/
            """;
        var csv = "booking_date,amount,currency,remittance,booking_code\n2026-11-30,12.34,EUR,Zinsen,NINT\n2026-11-30,50.00,EUR,x,PMNT/MCRD/POSP\n2026-11-30,9.00,EUR,y,GVC 159\n2026-11-30,5.00,EUR,z,Gutschrift\n";

        Assert.Equal(["BAI 165", "BAI 354"], (await ParseAsync(bai2)).Lines.Select(l => l.BookingCode));
        Assert.Equal(["SWIFT NINT", "ISO PMNT/MCRD/POSP", "GVC 159", "Bank Gutschrift"], (await ParseAsync(csv, StatementFormat.Csv)).Lines.Select(l => l.BookingCode));
    }

    [Fact]
    public async Task What_the_writer_writes_with_codes_each_format_reads_back_in_its_own_terms()
    {
        StatementLine[] lines =
        [
            new("R1", new DateOnly(2026, 11, 30), null, 12.34m, "EUR", EntryDirection.Credit, null, null, "Abschluss",
                BookingCode: "ISO ACMT/MCOP/INTR; Prtry NINT+805; SWIFT NINT; GVC 805"),
            new("R2", new DateOnly(2026, 11, 30), null, 1190m, "EUR", EntryDirection.Credit, "Acme", null, "INV-1"),
        ];

        var camt = await ParseAsync(StatementWriter.Camt053("S1", "DE89370400440532013000", "EUR", lines));
        var mt940 = await ParseAsync(StatementWriter.Mt940("S1", "DE89370400440532013000", "EUR", lines));
        var csv = await ParseAsync(StatementWriter.Csv(lines), StatementFormat.Csv);

        Assert.Equal(["ISO ACMT/MCOP/INTR; Prtry NINT+805", null], camt.Lines.Select(l => l.BookingCode));
        Assert.Equal(["SWIFT NINT; GVC 805", "SWIFT NTRF; GVC 166"], mt940.Lines.Select(l => l.BookingCode));
        Assert.Equal(["ISO ACMT/MCOP/INTR; Prtry NINT+805; SWIFT NINT; GVC 805", null], csv.Lines.Select(l => l.BookingCode));
        Assert.NotEmpty(BookingCodes.Signs(camt.Lines[0].BookingCode));
        Assert.NotEmpty(BookingCodes.Signs(mt940.Lines[0].BookingCode));
    }
}
