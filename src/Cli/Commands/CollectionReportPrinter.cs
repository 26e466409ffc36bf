using CryptoFunctions.Core.News;

namespace CryptoFunctions.Cli.Commands;

public static class CollectionReportPrinter
{
    public static void Print(CollectionReport report, TextWriter output)
    {
        var width = Math.Max(6, report.Sources.Select(s => s.SourceId.Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"{"source".PadRight(width)}  {"fetched",7}  {"new",5}  {"dup",5}  result");
        foreach (var s in report.Sources)
        {
            var result = s.Error is not null ? $"failed: {s.Error}"
                : s.NotModified ? "not modified"
                : s.Rejected > 0 ? $"ok, {s.Rejected} skipped (no link or title)"
                : "ok";
            output.WriteLine($"{s.SourceId.PadRight(width)}  {s.Fetched,7}  {s.New,5}  {s.Duplicate,5}  {result}");
        }
        output.WriteLine($"{"total".PadRight(width)}  {report.Fetched,7}  {report.New,5}  {report.Duplicate,5}  {report.FailedSources} of {report.Sources.Count} sources failed");
    }
}
