using System.Globalization;
using CryptoFunctions.Core.Prices;

namespace CryptoFunctions.Cli.Commands;

public static class PriceReportPrinter
{
    public static void Print(PriceCollectionReport report, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prices up to {report.Ts:yyyy-MM-dd HH:mm}Z: {report.SnapshotsStored:N0} of {report.SnapshotsReceived:N0} snapshots and {report.BarsStored:N0} of {report.BarsReceived:N0} bars new or changed in {report.Elapsed.TotalSeconds:0.0} s"));
        foreach (var problem in report.UnknownSymbols)
        {
            output.WriteLine($"  unknown {problem.Scope}: {problem.Message}");
        }
        foreach (var problem in report.Failures)
        {
            // The message names the request (markets page, klines pair) already.
            output.WriteLine($"  failed: {problem.Message}");
        }
    }
}
