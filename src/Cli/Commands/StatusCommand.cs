using System.CommandLine;
using System.Globalization;
using CryptoFunctions.Core.News;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunctions.Cli.Commands;

public static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show what the database holds and how each source is doing.");
        command.SetAction((_, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var status = await services.GetRequiredService<NewsRepository>().GetStatusAsync(now, token);
            Console.WriteLine($"articles: {status.Articles} ({status.Unique} unique, {status.Duplicates} syndicated copies)");
            Console.WriteLine($"published in the last 24 h: {status.Last24Hours}, last 7 d: {status.Last7Days}, newest: {Format(status.Newest)}");
            Console.WriteLine();
            var width = Math.Max(6, status.Sources.Select(s => s.Id.Length).DefaultIfEmpty(0).Max());
            Console.WriteLine($"{"source".PadRight(width)}  {"total",7}  {"24 h",6}  {"7 d",6}  {"last success",-17}  last error");
            foreach (var s in status.Sources)
            {
                var error = s.LastError is null ? "-" : $"{Format(s.LastErrorAt)} {s.LastError}";
                Console.WriteLine($"{s.Id.PadRight(width)}  {s.Articles,7}  {s.Last24Hours,6}  {s.Last7Days,6}  {Format(s.LastSuccessAt),-17}  {error}");
            }
            return 0;
        }, ct));
        return command;
    }

    private static string Format(DateTimeOffset? value) =>
        value?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "never";
}
