using System.CommandLine;
using System.Globalization;
using CryptoFunctions.Core.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunctions.Cli.Commands;

public static class FeaturesCommand
{
    public static Command Create()
    {
        var from = new Option<DateTimeOffset?>("--from") { Description = "Recompute from this instant (UTC)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Recompute up to this instant (UTC)." };
        var rebuild = new Option<bool>("--rebuild") { Description = "Delete the range's rows and write them afresh (the whole table without --from/--to)." };
        var command = new Command("features",
            "Materialise ml_features_materialized: what changed since the last run, or a range with --from/--to, or afresh with --rebuild.") { from, to, rebuild };
        command.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var materializer = services.GetRequiredService<FeatureMaterializer>();
            var (first, last, replace) = (parse.GetValue(from), parse.GetValue(to), parse.GetValue(rebuild));
            if (first >= last)
            {
                Console.Error.WriteLine("error: --from must be before --to");
                return 1;
            }
            var progress = new ProgressBar(0, "symbols");
            var report = first is null && last is null && !replace
                ? await materializer.UpdateAsync(progress, token)
                : await materializer.MaterializeRangeAsync(first, last, symbols: null, replace, progress, token);
            progress.Finish();
            if (report.Skipped)
            {
                Console.Error.WriteLine("error: another feature materialisation is running");
                return 1;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"features ({report.Mode}): {report.Symbols:N0} symbols, {report.RowsComputed:N0} rows computed, {report.RowsWritten:N0} written, {report.Articles:N0} articles in the windows, {report.Elapsed.TotalSeconds:0.0} s ({report.RowsComputed / Math.Max(report.Elapsed.TotalSeconds, 1e-3):N0} rows/s)"));
            return 0;
        }, ct));
        return command;
    }
}
