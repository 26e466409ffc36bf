using System.CommandLine;
using CryptoFunctions.Core.News;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunctions.Cli.Commands;

public static class CollectCommand
{
    public static Command Create()
    {
        var sources = new Option<FileInfo?>("--sources") { Description = "A JSON news source catalog to use instead of the configured one." };
        var news = new Command("news", "Fetch every news source once and store new articles.") { sources };
        news.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var catalog = services.GetRequiredService<NewsSourceCatalog>().Load(parse.GetValue(sources)?.FullName);
            var report = await services.GetRequiredService<NewsCollector>().CollectAsync(catalog, token);
            CollectionReportPrinter.Print(report, Console.Out);
            // Every source failing is worth a non-zero exit for scripts; some failing is a normal day.
            return report.Sources.Count > 0 && report.FailedSources == report.Sources.Count ? 2 : 0;
        }, ct));

        return new Command("collect", "Collect data once.") { news };
    }
}
