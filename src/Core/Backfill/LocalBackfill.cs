using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.Backfill;

/// <summary>
/// A backfill in this process (the CLI): the orchestration's plan and activities, its bounded parallelism and
/// retry policy, with checkpoints in PostgreSQL instead of the Durable history. Stopping loses nothing: the
/// chunks in flight are simply not recorded as done and run again next time.
/// </summary>
public sealed class LocalBackfill(
    BackfillPlanner planner,
    BackfillRunner runner,
    BackfillCheckpoints checkpoints,
    IOptions<BackfillOptions> options,
    TimeProvider time,
    ILogger<LocalBackfill> logger)
{
    public async Task<BackfillResult> RunAsync(BackfillRequest request, bool forget, IProgress<BackfillProgress>? progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var done = await checkpoints.StartAsync(request, forget, cancellationToken);
        var summaries = new List<KindSummary>();
        var failures = new List<ChunkFailure>();
        foreach (var kind in request.Kinds)
        {
            long chunks = 0, completed = 0, skipped = 0, failed = 0, rows = 0;
            string? cursor = null;
            long? total = null;
            do
            {
                var page = await planner.PlanAsync(request, kind, cursor, settings.ChunksPerPage, cancellationToken);
                total ??= page.Total;
                chunks += page.Chunks.Count;
                var todo = page.Chunks.Where(c => !done.Contains(c.Key)).ToList();
                skipped += page.Chunks.Count - todo.Count;
                progress?.Report(new BackfillProgress(Phase(kind), completed + skipped, total.Value, failed));
                await Parallel.ForEachAsync(todo,
                    new ParallelOptions { MaxDegreeOfParallelism = Parallelism(kind), CancellationToken = cancellationToken },
                    async (chunk, token) =>
                    {
                        var (result, attempts, error) = await RunWithRetriesAsync(chunk, token);
                        await checkpoints.RecordAsync(request, chunk, attempts, result?.Rows ?? 0, error, token);
                        lock (failures)
                        {
                            if (error is null)
                            {
                                completed++;
                                rows += result!.Rows;
                            }
                            else
                            {
                                failed++;
                                failures.Add(new ChunkFailure(chunk.Key, error));
                            }
                            progress?.Report(new BackfillProgress(Phase(kind), completed + skipped, total.Value, failed));
                        }
                    });
                cursor = page.Next;
            }
            while (cursor is not null);
            summaries.Add(new KindSummary(kind, chunks, completed, skipped, failed, rows));
        }
        await checkpoints.FinishAsync(request, cancellationToken);
        return new BackfillResult(summaries, failures);
    }

    public static string Phase(BackfillKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Feature chunks run one at a time: the table's run lock would make parallel ones wait and retry.</summary>
    public int Parallelism(BackfillKind kind) => kind == BackfillKind.Features ? 1 : options.Value.MaxParallelism;

    private async Task<(ChunkResult? Result, int Attempts, string? Error)> RunWithRetriesAsync(BackfillChunk chunk, CancellationToken cancellationToken)
    {
        var delay = options.Value.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await runner.RunAsync(chunk, cancellationToken), attempt, null);
            }
            catch (BackfillChunkException e) when (attempt < options.Value.MaxAttempts)
            {
                logger.LogWarning("Backfill chunk {Key} failed (attempt {Attempt}), retrying in {Delay}: {Error}", chunk.Key, attempt, delay, e.Message);
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
            catch (BackfillChunkException e)
            {
                return (null, attempt, e.Message);
            }
        }
    }
}
