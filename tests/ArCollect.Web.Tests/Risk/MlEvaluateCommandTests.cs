using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ArCollect.Web.Hosting;

namespace ArCollect.Web.Tests.Risk;

public sealed class MlEvaluateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("arcollect-ml-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Evaluate_prints_model_and_heuristic_side_by_side_and_reports_bad_rows_without_a_database()
    {
        var csv = new StringBuilder("invoice_id,customer_id,notes,invoice_date,due_date,amount,settled_date,segment\n");
        for (var c = 0; c < 40; c++)
        {
            for (var n = 0; n < 15; n++)
            {
                var issued = new DateOnly(2024, 1, 1).AddDays((n * 30) + c);
                var due = issued.AddDays(30);

                // Even customers pay 2 days early to 2 late; odd customers 15 to 29 days late.
                var late = c % 2 == 0 ? (n % 5) - 2 : 15 + n;
                csv.Append(CultureInfo.InvariantCulture, $"INV-{c}-{n},CUST-{c},\"free text, ignored\",{issued:yyyy-MM-dd},{due:yyyy-MM-dd},{100 + (n * 37)}.50,{due.AddDays(late):yyyy-MM-dd},{(c % 3 == 0 ? "Retail" : "")}\n");
            }
        }

        csv.Append("INV-X1,CUST-1,,2025-02-31,2025-03-30,10,,\n");       // line 602: no 31 February
        csv.Append("INV-X2,CUST-1,,2025-02-01,2025-03-03,ten,,\n");      // line 603: amount is not a number
        csv.Append("INV-0-0,CUST-2,,2025-02-01,2025-03-03,10,,\n");      // line 604: invoice id used before
        var file = Path.Combine(folder, "ledger.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        using var output = new StringWriter();
        using var errors = new StringWriter();

        // A database that does not answer: the verb must never try it.
        var exitCode = await AppHost.RunAsync(
            ["ml", "evaluate", "--csv", file, $"--ConnectionStrings:Default=Host=127.0.0.1;Port={ClosedPort()};Database=nowhere;Username=x;Password=y;Timeout=3"],
            errors,
            output);

        var text = output.ToString();
        Assert.True(exitCode == 0, errors.ToString() + text);
        Assert.Contains($"Read 603 rows from {file}: 600 invoices of 40 customers, 3 bad rows left out.", text, StringComparison.Ordinal);
        Assert.Contains("line 602: invoice_date '2025-02-31' is not a date (use yyyy-MM-dd)", text, StringComparison.Ordinal);
        Assert.Contains("line 603: amount 'ten' is not a non-negative number", text, StringComparison.Ordinal);
        Assert.Contains("line 604: invoice_id 'INV-0-0' appears more than once", text, StringComparison.Ordinal);
        Assert.Contains("Settled invoices: 600 (training 480, holdout 120 newest by issue date); late = more than 5 days past due", text, StringComparison.Ordinal);
        Assert.Matches(@"AUC \(late\)\s+\d\.\d{3}\s+\d\.\d{3}", text);
        Assert.Matches(@"MAE days\s+\d+\.\d{2}\s+\d+\.\d{2}", text);

        // The heuristic already separates these two kinds of customer perfectly, so the classifier cannot beat it.
        Assert.Matches(@"Probabilities \(late\):  heuristic kept; AUC model - heuristic [+-]?\d\.\d{3} \[[+-]?\d\.\d{3}, [+-]?\d\.\d{3}\]", text);
        Assert.Matches(@"Payment dates \(days\):\s+(model|heuristic)\s+kept; MAE model - heuristic [+-]?\d+\.\d{2} \[[+-]?\d+\.\d{2}, [+-]?\d+\.\d{2}\] days", text);
        Assert.Contains("(95% paired-bootstrap intervals over 400 resamples of the holdout invoices)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_names_the_required_columns_a_CSV_lacks()
    {
        var file = Path.Combine(folder, "short.csv");
        await File.WriteAllTextAsync(file, "customer_id;invoice_id;amount\nC1;I1;10\n");
        using var errors = new StringWriter();

        var exitCode = await AppHost.RunAsync(["ml", "evaluate", "--csv", file], errors, TextWriter.Null);

        Assert.Equal(1, exitCode);
        Assert.Contains("lacks the required column(s) invoice_date, due_date, settled_date", errors.ToString(), StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
