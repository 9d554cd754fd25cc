using ArCollect.Web.Hosting;

namespace ArCollect.Web.Tests.Hosting;

/// <summary>
/// <c>cash evaluate</c> on a small hand-made set: six receipts whose outcome is worked out below from the matching
/// rules (reference 0.55, exact amount 0.35, payer named 0.35, a combination of the payer's invoices to the cent 0.50,
/// amount alone 0.35), so each figure of the printed table is counted by hand.
/// </summary>
public sealed class CashEvaluateCommandTests : IDisposable
{
    private const string Invoices = """
        customer_id,customer_name,invoice_number,amount,currency,due_date,issue_date
        C1,Acme Trading GmbH,INV-2026-00101,1000.00,EUR,2026-11-01,2026-10-02
        C1,Acme Trading GmbH,INV-2026-00102,250.00,EUR,2026-11-15,2026-10-16
        C2,Dupont SARL,INV-2026-00201,480.00,EUR,2026-11-03,2026-10-04
        C2,Dupont SARL,INV-2026-00202,720.00,EUR,2026-11-20,2026-10-21
        C3,Nordwind AG,INV-2026-00301,333.33,EUR,2026-11-10,2026-10-11
        """;

    // E1 names its invoice and pays it exactly: 0.55 + 0.35 + 0.35 -> 0.99, applies itself, rightly.
    // E2 names nothing; Dupont's two invoices add up to it to the cent: 0.35 + 0.50 = 0.85, below 0.90, waits; first right.
    // E3 comes from a stranger; only the amount links it to INV-2026-00301: 0.35, waits; first right.
    // E4 is the bank's interest ("Interest" from a bank): suggested first as not a customer payment, right for "matches nothing".
    // E5 names INV-2026-00202 and pays it, but the truth says it paid INV-2026-00201: applies itself, wrongly.
    // E6 pays Acme's two invoices from an unknown payer without a word: no candidate, so neither first nor in the top 3.
    // E7 has no truth row and is left out; the debit is never matched.
    private const string Statement = """
        booking_date,amount,currency,entry_ref,payer_name,remittance
        2026-11-25,1000.00,EUR,E1,ACME TRADING GMBH,INV-2026-00101
        2026-11-25,1200.00,EUR,E2,Dupont SARL,Rechnungen Oktober
        2026-11-25,333.33,EUR,E3,Private Person,
        2026-11-26,12.50,EUR,E4,Demo Bank AG,Interest
        2026-11-26,720.00,EUR,E5,Dupont SARL,INV-2026-00202
        2026-11-26,1250.00,EUR,E6,Someone,
        2026-11-27,99.00,EUR,E7,Acme Trading GmbH,INV-2026-00102 part
        2026-11-27,-38.50,EUR,D1,Demo Bank AG,Account fees
        """;

    private const string Truth = """
        entry_ref,invoice_numbers,case
        E1,INV-2026-00101,reference
        E2,INV-2026-00201;INV-2026-00202,combined
        E3,INV-2026-00301,other payer
        E4,,unrelated
        E5,INV-2026-00201,reference
        E6,INV-2026-00101;INV-2026-00102,other payer
        """;

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("cash-evaluate-");

    [Fact]
    public async Task The_printed_table_counts_what_applied_itself_how_rightly_and_where_the_right_answer_ranked()
    {
        var (exit, output, errors) = await RunAsync();

        Assert.Equal(0, exit);
        Assert.Equal("", errors);
        Assert.Contains("Read 8 statement lines (Csv)", output, StringComparison.Ordinal);
        Assert.Contains("6 receipts against 5 open invoices (1 receipts without a truth row left out).", output, StringComparison.Ordinal);
        var rows = Rows(output);
        Assert.Equal(["combined", "other payer", "reference", "unrelated", "all receipts"], rows.Keys);
        // case: receipts, applied by themselves, their precision, waiting, right first, right in the top 3
        Assert.Equal(["1", "0 (0.0 %)", "100.00 %", "1", "100.0 %", "100.0 %"], rows["combined"]);
        Assert.Equal(["2", "0 (0.0 %)", "100.00 %", "2", "50.0 %", "50.0 %"], rows["other payer"]);
        Assert.Equal(["2", "2 (100.0 %)", "50.00 %", "0", "100.0 %", "100.0 %"], rows["reference"]);
        Assert.Equal(["1", "0 (0.0 %)", "100.00 %", "1", "100.0 %", "100.0 %"], rows["unrelated"]);
        Assert.Equal(["6", "2 (33.3 %)", "50.00 %", "4", "75.0 %", "75.0 %"], rows["all receipts"]);
    }

    [Fact]
    public async Task A_lower_threshold_lets_the_combined_payment_apply_itself()
    {
        // At 0.80 the combination (0.85, no rival) clears the threshold and is right.
        var (exit, output, _) = await RunAsync("--threshold", "0.80");

        Assert.Equal(0, exit);
        var rows = Rows(output);
        Assert.Equal(["1", "1 (100.0 %)", "100.00 %", "0", "100.0 %", "100.0 %"], rows["combined"]);
        Assert.Equal(["6", "3 (50.0 %)", "66.67 %", "3", "66.7 %", "66.7 %"], rows["all receipts"]);
    }

    [Fact]
    public async Task A_bad_setting_or_a_missing_file_is_named_and_nothing_is_printed()
    {
        var (exit, output, errors) = await RunAsync("--tolerance", "5.00,XYZ=3");
        Assert.Equal((2, ""), (exit, output));
        Assert.Contains("--tolerance is an amount such as 5.00", errors, StringComparison.Ordinal);

        using var missingOut = new StringWriter();
        using var missingErrors = new StringWriter();
        var missing = await CashCommand.RunAsync(
            ["evaluate", "--invoices", Path.Combine(folder.FullName, "none.csv"), "--statement", Write("s.csv", Statement), "--truth", Write("t.csv", Truth)],
            missingOut, missingErrors);
        Assert.Equal(1, missing);
        Assert.Contains("none.csv' does not exist", missingErrors.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => folder.Delete(recursive: true);

    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] extra)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        string[] args = ["evaluate", "--invoices", Write("invoices.csv", Invoices), "--statement", Write("statement.csv", Statement), "--truth", Write("truth.csv", Truth), .. extra];
        var exit = await CashCommand.RunAsync(args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n") + "\n");
        return path;
    }

    /// <summary>The table's rows by case, each cell trimmed.</summary>
    private static Dictionary<string, string[]> Rows(string output) =>
        output.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| case", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToDictionary(c => c[0], c => c[1..]);
}
