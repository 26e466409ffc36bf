using CryptoFunctions.Core.Backfill;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CryptoFunctions.Functions.Backfill;

public static class BackfillStarter
{
    /// <summary>
    /// Starts the request's instance unless it is already pending or running (a double click returns the same
    /// instance). A finished one is purged and started again: re-running a range rewrites nothing that is right.
    /// </summary>
    public static async Task StartOnceAsync(DurableTaskClient client, BackfillRequest request, BackfillSettings settings, CancellationToken cancellationToken)
    {
        var id = request.InstanceId;
        var existing = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (existing is { IsRunning: true } || existing?.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
        {
            return;
        }
        if (existing is not null)
        {
            await client.PurgeInstanceAsync(id, cancellation: cancellationToken);
        }
        await client.ScheduleNewOrchestrationInstanceAsync(
            BackfillOrchestration.Orchestrator, new BackfillState(request, settings), new StartOrchestrationOptions(id), cancellationToken);
    }
}
