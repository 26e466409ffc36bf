using System.CommandLine;
using CryptoFunctions.Core.News;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunctions.Cli.Commands;

public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A CSV file with a header row (.csv) or JSON Lines (any other extension)." };
        var source = new Option<string>("--source") { Description = "Source id for rows without a source column.", DefaultValueFactory = _ => "archive" };
        var url = new Option<string>("--url-column") { DefaultValueFactory = _ => "url" };
        var title = new Option<string>("--title-column") { DefaultValueFactory = _ => "title" };
        var published = new Option<string>("--published-column") { DefaultValueFactory = _ => "published_at" };
        var summary = new Option<string>("--summary-column") { DefaultValueFactory = _ => "summary" };
        var author = new Option<string>("--author-column") { DefaultValueFactory = _ => "author" };
        var sourceColumn = new Option<string>("--source-column") { DefaultValueFactory = _ => "source" };
        var news = new Command("news", "Import archived articles; bad rows are listed with their line numbers and the good ones kept.")
            { file, source, url, title, published, summary, author, sourceColumn };
        news.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"error: archive '{path}' does not exist");
                return 1;
            }
            var columns = new ArchiveColumns(parse.GetValue(url)!, parse.GetValue(title)!, parse.GetValue(published)!,
                parse.GetValue(summary), parse.GetValue(author), parse.GetValue(sourceColumn));
            var progress = new ProgressBar(File.ReadLines(path).LongCount(), "lines");
            var report = await services.GetRequiredService<NewsArchiveImporter>().ImportAsync(path, columns, parse.GetValue(source)!, progress, token);
            progress.Finish();
            Console.WriteLine($"{report.Rows:N0} rows: {report.Stored:N0} articles stored, {report.AlreadyStored:N0} already stored, {report.BadRows.Count:N0} bad rows");
            foreach (var bad in report.BadRows.Take(50))
            {
                Console.WriteLine($"  line {bad.Line}: {bad.Reason}");
            }
            if (report.BadRows.Count > 50)
            {
                Console.WriteLine($"  … and {report.BadRows.Count - 50} more");
            }
            return 0;
        }, ct));
        return new Command("import", "Import data from files.") { news };
    }
}
