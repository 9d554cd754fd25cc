using System.Net;
using System.Net.Sockets;
using System.Text;
using ArCollect.Web.Hosting;

namespace ArCollect.Web.Tests.Replies;

public sealed class MlClassifyCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("arcollect-classify-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Classify_prints_model_and_baseline_per_label_and_language_and_reports_bad_rows_without_a_database()
    {
        var csv = new StringBuilder("Text,Intent,Tone,Language,notes\n");
        csv.Append("\"We will pay invoice 4711 on Friday.\",promise,neutral,en,\n");
        csv.Append("\"Die Rechnung wurde gestern bezahlt.\n\nAm Montag schrieb Demo:\n> Bitte zahlen\",paid,neutral,de,\"quoted, multi-line\"\n");
        csv.Append("\"La marchandise est arrivée endommagée. C'est inacceptable !\",dispute,angry,fr,\n");
        csv.Append("\"¿Podrían enviarme una copia de la factura?\",info_request,neutral,es,\n");
        csv.Append("\"Out of office until Monday.\",out_of_office,neutral,en,\n");
        csv.Append("\"Thanks.\",thanks,neutral,en,\n");           // line 10: unknown intent
        csv.Append("\"Paid.\",paid,furious,en,\n");               // line 11: unknown tone
        var file = Path.Combine(folder, "replies.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exitCode = await AppHost.RunAsync(
            ["ml", "classify", "--csv", file, $"--ConnectionStrings:Default=Host=127.0.0.1;Port={ClosedPort()};Database=nowhere;Username=x;Password=y;Timeout=3"],
            errors,
            output);

        var text = output.ToString();
        Assert.True(exitCode == 0, errors.ToString() + text);
        Assert.Contains($"Read 7 rows from {file}: 5 labelled replies, 2 bad rows left out.", text, StringComparison.Ordinal);
        Assert.Contains("line 10: column intent: 'thanks' is not one of dispute, promise, paid, info_request, out_of_office, other", text, StringComparison.Ordinal);
        Assert.Contains("line 11: column tone: 'furious' is not one of neutral, frustrated, angry", text, StringComparison.Ordinal);
        Assert.Matches(@"Trained on the shipped corpus \(\d+ messages\)", text);
        Assert.Matches(@"macro-F1 \(target 0\.85\)\s+5\s+\d\.\d{3}\s+\d\.\d{3}", text);
        Assert.Matches(@"macro-F1 \(target 0\.80\)\s+5\s+\d\.\d{3}\s+\d\.\d{3}", text);
        foreach (var language in new[] { "de", "en", "es", "fr" })
        {
            Assert.Matches($@"\n  {language}\s+\d+\s+\d\.\d{{3}}\s+\d\.\d{{3}}\s+\d\.\d{{3}}\s+\d\.\d{{3}}", text);
        }

        Assert.Contains("confusion matrix, model intent (rows actual, columns predicted):", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classify_names_the_missing_column_and_exits_1()
    {
        var file = Path.Combine(folder, "no-tone.csv");
        await File.WriteAllTextAsync(file, "text,intent\nPaid.,paid\n");
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exitCode = await AppHost.RunAsync(["ml", "classify", "--csv", file], errors, output);

        Assert.Equal(1, exitCode);
        Assert.Contains("lacks the required column(s) tone", errors.ToString(), StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
