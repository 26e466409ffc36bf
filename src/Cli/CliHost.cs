using CryptoFunctions.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CryptoFunctions.Cli;

/// <summary>The CLI's composition root, and the one place its commands turn failures into a message and an exit code.</summary>
public static class CliHost
{
    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddJsonFile("cryptofn.json", optional: true).AddEnvironmentVariables();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        // The commands print their own results; logs are for warnings unless configured otherwise.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("CryptoFunctions.Core.News.NewsCollector", LogLevel.None);
        builder.Logging.AddFilter("CryptoFunctions.Core.Prices.PriceCollector", LogLevel.None);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.None);
        // Failed attempts are reported once per source by the commands; Polly would log each with a stack trace.
        builder.Logging.AddFilter("Polly", LogLevel.None);
        builder.Services.AddCryptoCore(builder.Configuration);
        return builder.Build();
    }

    public static async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            using var host = Build();
            return await action(host.Services, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("stopped");
            return 130;
        }
        catch (Exception e) when (e is OptionsValidationException or NpgsqlException or FileNotFoundException or InvalidDataException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
