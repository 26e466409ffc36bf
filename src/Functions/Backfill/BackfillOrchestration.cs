using CryptoFunctions.Core.Backfill;
using Microsoft.DurableTask;

namespace CryptoFunctions.Functions.Backfill;

/// <summary>
/// The backfill as Durable orchestrations. A bounded coordinator: each generation plans one page of the current
/// kind's chunks (an activity), fans them out in a sub-orchestration with bounded parallelism and a retry policy
/// per chunk, records the outcome in the custom status, and continues as new with the cursor, so the history
/// stays one page long however big the plan. No clock, I/O or randomness here: all of it is in the activities.
/// </summary>
public static class BackfillOrchestration
{
    public const string Orchestrator = "Backfill";
    public const string ChunksOrchestrator = "BackfillChunks";
    public const string PlanActivity = "PlanBackfillPage";
    public const string ChunkActivity = "RunBackfillChunk";

    // A custom status must stay under 16 KB: counts only, the failures go to the output.
    public static async Task<BackfillResult> RunAsync(TaskOrchestrationContext context, BackfillState state)
    {
        var kinds = state.Request.Kinds;
        var finished = state.Finished ?? [];
        var failures = state.Failures ?? [];
        if (state.KindIndex >= kinds.Count)
        {
            var last = finished.Count > 0 ? finished[^1] : null;
            context.SetCustomStatus(new BackfillProgress("done", last?.Done ?? 0, last?.Chunks ?? 0, last?.Failed ?? 0));
            return new BackfillResult(finished, failures);
        }
        var kind = kinds[state.KindIndex];
        var phase = LocalBackfill.Phase(kind);
        var settings = state.Settings;
        var page = await context.CallActivityAsync<BackfillPage>(PlanActivity, new PlanInput(state.Request, kind, state.Cursor, settings.ChunksPerPage), Retry(settings));
        var total = state.Cursor is null ? page.Total : state.KindTotal;
        context.SetCustomStatus(new BackfillProgress(phase, state.KindDone, total, state.KindFailed));

        var outcome = page.Chunks.Count == 0
            ? new ChunksOutcome(0, 0, [])
            : await context.CallSubOrchestratorAsync<ChunksOutcome>(ChunksOrchestrator,
                new ChunksInput(page.Chunks, kind == BackfillKind.Features ? 1 : settings.MaxParallelism, settings.MaxAttempts, settings.FirstRetryDelay),
                new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:{phase}:{state.Page}" });
        var done = state.KindDone + outcome.Done;
        var failed = state.KindFailed + outcome.Failures.Count;
        var rows = state.KindRows + outcome.Rows;
        failures = [.. failures, .. outcome.Failures];
        context.SetCustomStatus(new BackfillProgress(phase, done, Math.Max(total, done + failed), failed));

        var next = page.Next is null
            ? state with
            {
                KindIndex = state.KindIndex + 1,
                Cursor = null,
                Page = 0,
                KindTotal = 0,
                KindDone = 0,
                KindFailed = 0,
                KindRows = 0,
                Finished = [.. finished, new KindSummary(kind, done + failed, done, 0, failed, rows)],
                Failures = failures,
            }
            : state with { Cursor = page.Next, Page = state.Page + 1, KindTotal = total, KindDone = done, KindFailed = failed, KindRows = rows, Failures = failures };
        context.ContinueAsNew(next, preserveUnprocessedEvents: false);
        // A generation that continues as new has no output of its own; the last generation's is the instance's.
        return null!;
    }

    /// <summary>One page's chunks, at most <see cref="ChunksInput.Parallelism"/> at a time, each with its retry policy; a chunk that fails every attempt is reported, not thrown.</summary>
    public static async Task<ChunksOutcome> RunChunksAsync(TaskOrchestrationContext context, ChunksInput input)
    {
        var options = TaskOptions.FromRetryPolicy(new RetryPolicy(input.MaxAttempts, Positive(input.FirstRetryDelay), backoffCoefficient: 2));
        var running = new List<Task<(string Key, ChunkResult? Result, string? Error)>>();
        var results = new List<(string Key, ChunkResult? Result, string? Error)>();
        foreach (var chunk in input.Chunks)
        {
            if (running.Count >= input.Parallelism)
            {
                var finished = await Task.WhenAny(running);
                running.Remove(finished);
                results.Add(await finished);
            }
            running.Add(RunOneAsync(context, chunk, options));
        }
        results.AddRange(await Task.WhenAll(running));
        return new ChunksOutcome(
            results.Count(r => r.Error is null),
            results.Sum(r => r.Result?.Rows ?? 0),
            [.. results.Where(r => r.Error is not null).Select(r => new ChunkFailure(r.Key, r.Error!))]);
    }

    private static async Task<(string Key, ChunkResult? Result, string? Error)> RunOneAsync(TaskOrchestrationContext context, BackfillChunk chunk, TaskOptions options)
    {
        try
        {
            return (chunk.Key, await context.CallActivityAsync<ChunkResult>(ChunkActivity, chunk, options), null);
        }
        catch (TaskFailedException e)
        {
            return (chunk.Key, null, e.FailureDetails.ErrorMessage);
        }
    }

    private static TaskOptions Retry(BackfillSettings settings) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(settings.MaxAttempts, Positive(settings.FirstRetryDelay), backoffCoefficient: 2));

    // The retry policy refuses a zero first interval.
    private static TimeSpan Positive(TimeSpan delay) => delay > TimeSpan.Zero ? delay : TimeSpan.FromMilliseconds(1);
}
