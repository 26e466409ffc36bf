using System.Diagnostics;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>The built cryptofn tool run as a process, as a person would run it.</summary>
public static class CliRunner
{
    public static async Task<Result> RunAsync(string[] args, string connectionString, IDictionary<string, string>? environment = null)
    {
        using var process = Start(args, connectionString, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return new Result(process.ExitCode, await output, await error);
    }

    public static Process Start(string[] args, string connectionString, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ConnectionStrings__Postgres"] = connectionString;
        info.Environment["AzureWebJobsStorage"] = TestEnvironment.Storage;
        info.Environment["SentimentQueue__QueueName"] = "cli-test-requests";
        info.Environment["Sentiment__ModelsPath"] = Path.Combine(AppContext.BaseDirectory, "no-models");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        return Process.Start(info)!;
    }

    // The CLI's own build output, of the configuration these tests were built in (bin/<Configuration>/net10.0/).
    private static string CliPath { get; } = Path.Combine(
        TestEnvironment.RepositoryRoot, "src", "Cli", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "cryptofn.dll");

    public sealed record Result(int ExitCode, string Output, string Error);
}
