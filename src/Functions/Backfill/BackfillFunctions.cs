using System.Net;
using CryptoFunctions.Core.Backfill;
using CryptoFunctions.Core.Universe;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Functions.Backfill;

/// <summary>The backfill's triggers: the HTTP starter, the orchestrators and the activities, each a line over Core.</summary>
public sealed class BackfillFunctions(CoinUniverse universe, IOptions<BackfillOptions> options, BackfillPlanner planner, BackfillRunner runner)
{
    /// <summary>
    /// <c>POST /api/backfill</c> with <c>{"from","to","kinds","symbols"}</c>: 400 with every reason, or the standard
    /// 202 check-status response. An identical request gets the same instance: while it runs, asking again returns it.
    /// </summary>
    [Function("StartBackfill")]
    public async Task<HttpResponseData> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "backfill")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (backfill, errors) = BackfillRequest.Parse(await request.ReadAsStringAsync(), universe, options.Value);
        if (backfill is null)
        {
            var invalid = request.CreateResponse();
            await invalid.WriteAsJsonAsync(new { errors }, cancellationToken);
            // WriteAsJsonAsync sets 200 OK; the status goes on after it.
            invalid.StatusCode = HttpStatusCode.BadRequest;
            return invalid;
        }
        await BackfillStarter.StartOnceAsync(client, backfill, BackfillSettings.From(options.Value), cancellationToken);
        return await client.CreateCheckStatusResponseAsync(request, backfill.InstanceId, cancellationToken);
    }

    [Function(BackfillOrchestration.Orchestrator)]
    public static Task<BackfillResult> Backfill([OrchestrationTrigger] TaskOrchestrationContext context, BackfillState state) =>
        BackfillOrchestration.RunAsync(context, state);

    [Function(BackfillOrchestration.ChunksOrchestrator)]
    public static Task<ChunksOutcome> BackfillChunks([OrchestrationTrigger] TaskOrchestrationContext context, ChunksInput input) =>
        BackfillOrchestration.RunChunksAsync(context, input);

    [Function(BackfillOrchestration.PlanActivity)]
    public Task<BackfillPage> PlanBackfillPage([ActivityTrigger] PlanInput input, CancellationToken cancellationToken) =>
        planner.PlanAsync(input.Request, input.Kind, input.Cursor, input.PageSize, cancellationToken);

    [Function(BackfillOrchestration.ChunkActivity)]
    public Task<ChunkResult> RunBackfillChunk([ActivityTrigger] BackfillChunk chunk, CancellationToken cancellationToken) =>
        runner.RunAsync(chunk, cancellationToken);
}
