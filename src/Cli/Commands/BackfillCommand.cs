using System.CommandLine;
using CryptoFunctions.Core.Backfill;
using CryptoFunctions.Core.Database;
using CryptoFunctions.Core.Universe;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Cli.Commands;

public static class BackfillCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "First day (UTC, YYYY-MM-DD).", Required = true };
        var to = new Option<string>("--to") { Description = "Day after the last (exclusive, YYYY-MM-DD).", Required = true };
        var kinds = new Option<string[]>("--kinds") { Description = "prices, news, sentiment, features (default: all, in that order).", AllowMultipleArgumentsPerToken = true };
        var symbols = new Option<string[]>("--symbols") { Description = "Symbols (default: the whole universe).", AllowMultipleArgumentsPerToken = true };
        var again = new Option<bool>("--again") { Description = "Forget this request's checkpoints and run every chunk again (writes are idempotent)." };
        var command = new Command("backfill",
            "Fill history with the orchestration's plan and activities, here; Ctrl-C stops and the next run resumes where it stopped.")
            { from, to, kinds, symbols, again };
        command.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var (request, errors) = BackfillRequest.Validate(
                parse.GetValue(from), parse.GetValue(to), Split(parse.GetValue(kinds)), Split(parse.GetValue(symbols)),
                services.GetRequiredService<CoinUniverse>(), services.GetRequiredService<IOptions<BackfillOptions>>().Value);
            if (request is null)
            {
                foreach (var error in errors)
                {
                    Console.Error.WriteLine($"error: {error}");
                }
                return 1;
            }
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            Console.WriteLine($"backfill {request.InstanceId}: {request.From:yyyy-MM-dd} to {request.To:yyyy-MM-dd} (exclusive), {string.Join(", ", request.Kinds.Select(LocalBackfill.Phase))}, {request.Symbols.Count} symbols");
            var progress = new PhaseProgress();
            var result = await services.GetRequiredService<LocalBackfill>().RunAsync(request, parse.GetValue(again), progress, token);
            progress.Finish();
            foreach (var k in result.Kinds)
            {
                Console.WriteLine($"{LocalBackfill.Phase(k.Kind),-10} {k.Chunks,6:N0} chunks: {k.Done:N0} done, {k.Skipped:N0} already done, {k.Failed:N0} failed; {k.Rows:N0} rows added or changed");
            }
            foreach (var failure in result.Failures.Take(20))
            {
                Console.WriteLine($"  failed {failure.Key}: {failure.Error}");
            }
            if (result.Failures.Count > 20)
            {
                Console.WriteLine($"  … and {result.Failures.Count - 20} more (backfill_chunks holds them all); run again to retry them");
            }
            return result.Failures.Count > 0 ? 2 : 0;
        }, ct));
        return command;
    }

    private static List<string>? Split(string[]? values) =>
        values?.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>A progress bar per kind, started when the kind's first report arrives.</summary>
    private sealed class PhaseProgress : IProgress<BackfillProgress>
    {
        private string? _phase;
        private ProgressBar? _bar;

        public void Report(BackfillProgress value)
        {
            lock (this)
            {
                if (value.Phase != _phase)
                {
                    _bar?.Finish();
                    _phase = value.Phase;
                    _bar = new ProgressBar(value.Total, $"{value.Phase} chunks");
                }
                _bar!.Report(((int)(value.Done + value.Failed), (int)value.Total));
            }
        }

        public void Finish() => _bar?.Finish();
    }
}
