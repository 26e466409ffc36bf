using System.Text.Json;
using CryptoFunctions.Core.Backfill;
using CryptoFunctions.Functions.Backfill;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>
/// PostgreSQL, the price APIs and a WordPress site on 127.0.0.1, and the backfill orchestration run for real by
/// the Durable Task in-process test host, its activities the Functions class's own over real Core services.
/// </summary>
public sealed class BackfillEnvironment(bool durable = true) : IAsyncLifetime
{
    private readonly string _catalog = Path.Combine(Path.GetTempPath(), $"wordpress-sources-{Guid.NewGuid():N}.json");
    private DurableTaskTestHost? _host;

    public TestDatabase Database { get; } = new();

    public PriceApiServer Prices { get; } = new();

    public WordPressServer WordPress { get; } = new();

    public ServiceProvider Services { get; private set; } = null!;

    public DurableTaskClient Client => _host!.Client;

    public Dictionary<string, string?> Settings => new(Prices.Settings)
    {
        ["News:SourcesFile"] = _catalog,
        // Failures reach the chunk's retry policy instead of being absorbed by the HTTP client's own retries.
        ["Prices:MaxRetries"] = "0",
        ["Backfill:PriceChunkDays"] = "1",
        ["Backfill:SentimentChunkSize"] = "8",
        ["Backfill:ChunksPerPage"] = "3",
        ["Backfill:FirstRetryDelay"] = "00:00:00.200",
    };

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await Prices.InitializeAsync();
        await WordPress.InitializeAsync();
        WordPress.AddPosts(new DateOnly(2024, 3, 12), days: 2, perDay: 6);
        await File.WriteAllTextAsync(_catalog, JsonSerializer.Serialize(new
        {
            sources = new[] { new { id = "wpsite", name = "A WordPress site", feedUrl = new Uri(WordPress.Site, "feed/").ToString(), site = WordPress.Site.ToString(), wordPress = true } },
        }));
        Services = Database.BuildServices(Settings);
        if (durable)
        {
            _host = await StartDurableHostAsync(ActivatorUtilities.CreateInstance<BackfillFunctions>(Services));
        }
    }

    // The host picks a random port in 30000-40000 without looking, which can meet an ephemeral port already in
    // use by a parallel test; a port the system just handed out, retried on a clash, does not.
    private static async Task<DurableTaskTestHost> StartDurableHostAsync(BackfillFunctions functions)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(registry => registry
                    .AddOrchestratorFunc<BackfillState, BackfillResult>(BackfillOrchestration.Orchestrator, BackfillFunctions.Backfill)
                    .AddOrchestratorFunc<ChunksInput, ChunksOutcome>(BackfillOrchestration.ChunksOrchestrator, BackfillFunctions.BackfillChunks)
                    .AddActivityFunc<PlanInput, BackfillPage>(BackfillOrchestration.PlanActivity, (_, input) => functions.PlanBackfillPage(input, CancellationToken.None))
                    .AddActivityFunc<BackfillChunk, ChunkResult>(BackfillOrchestration.ChunkActivity, (_, chunk) => functions.RunBackfillChunk(chunk, CancellationToken.None)),
                    new DurableTaskTestHostOptions { Port = FreePort() });
            }
            catch (IOException) when (attempt < 5)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        await Services.DisposeAsync();
        await WordPress.DisposeAsync();
        await Prices.DisposeAsync();
        await Database.DisposeAsync();
        File.Delete(_catalog);
    }

    public BackfillRequest Request(string from, string to, string[]? kinds = null, string[]? symbols = null)
    {
        var (request, errors) = BackfillRequest.Validate(from, to, kinds, symbols,
            Services.GetRequiredService<Core.Universe.CoinUniverse>(), Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BackfillOptions>>().Value);
        Assert.Empty(errors);
        return request!;
    }

    /// <summary>Starts (or finds) the request's instance and waits for it.</summary>
    public async Task<OrchestrationMetadata> RunAsync(BackfillRequest request)
    {
        var settings = BackfillSettings.From(Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BackfillOptions>>().Value);
        await BackfillStarter.StartOnceAsync(Client, request, settings, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await Client.WaitForInstanceCompletionAsync(request.InstanceId, getInputsAndOutputs: true, timeout.Token);
    }
}
