using System.Net;
using System.Text.Json;
using CryptoFunctions.Functions.Backfill;
using CryptoFunctions.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CryptoFunctions.Tests.Backfill;

/// <summary>The HTTP starter invoked in-process with a real request body, against the in-process Durable host.</summary>
public sealed class BackfillStarterTests : IAsyncLifetime
{
    private readonly BackfillEnvironment _env = new();

    public Task InitializeAsync() => _env.InitializeAsync();

    public Task DisposeAsync() => _env.DisposeAsync();

    private BackfillFunctions Functions => ActivatorUtilities.CreateInstance<BackfillFunctions>(_env.Services);

    private static Dictionary<string, string> Payload(Microsoft.Azure.Functions.Worker.Http.HttpResponseData response) =>
        JsonDocument.Parse(FunctionsHttp.Body(response)).RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public async Task Invalid_request_is_400_with_every_reason()
    {
        var request = FunctionsHttp.Post("http://localhost:7071/api/backfill",
            """{"from": "2024-13-01", "to": "2024-03-31", "kinds": ["prices", "tweets"], "symbols": ["BTC", "DOGGO"]}""");

        var response = await Functions.Start(request, _env.Client, CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(FunctionsHttp.Body(response)).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains("from '2024-13-01' is not a date (YYYY-MM-DD)", errors);
        Assert.Contains(errors, e => e!.StartsWith("unknown kind 'tweets'", StringComparison.Ordinal));
        Assert.Contains("symbols not in the universe: DOGGO", errors);
    }

    [Theory]
    [InlineData("""{"from": "2024-03-31", "to": "2024-03-01"}""", "from (2024-03-31) must be before to (2024-03-01); to is exclusive")]
    [InlineData("""{"from": "2020-01-01", "to": "2024-03-01"}""", "the range is 1521 days, more than the 1096 allowed (Backfill:MaxRangeDays); split it")]
    [InlineData("""{"to": "2024-03-01"}""", "from is required (YYYY-MM-DD)")]
    [InlineData("""not json""", "the body is not valid JSON")]
    public async Task Each_reason_is_told(string body, string reason)
    {
        var response = await Functions.Start(FunctionsHttp.Post("http://localhost:7071/api/backfill", body), _env.Client, CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, FunctionsHttp.Body(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_request_gets_the_check_status_response_and_a_double_click_the_same_instance()
    {
        const string body = """{"from": "2024-03-12", "to": "2024-03-13", "kinds": ["prices"], "symbols": ["BTC"]}""";
        // A slow exchange keeps the instance running while the second click arrives.
        _env.Prices.Fault("BTCUSDT", async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            return false;
        });

        var first = await Functions.Start(FunctionsHttp.Post("http://localhost:7071/api/backfill", body), _env.Client, CancellationToken.None);
        var second = await Functions.Start(FunctionsHttp.Post("http://localhost:7071/api/backfill", body), _env.Client, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        // Property names follow the worker's serializer settings (camelCase on Azure): read them either way.
        var payload = Payload(first);
        var id = payload["id"];
        Assert.StartsWith("backfill-", id, StringComparison.Ordinal);
        Assert.EndsWith($"/runtime/webhooks/durabletask/instances/{id}", payload["statusQueryGetUri"], StringComparison.Ordinal);
        Assert.Equal(payload["statusQueryGetUri"], first.Headers.GetValues("Location").Single());
        Assert.Equal(id, Payload(second)["id"]);
        var done = await _env.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        // One instance ran: the chunk was fetched once, not once per click.
        Assert.Equal(1, _env.Prices.Requests("BTCUSDT"));
    }
}
