using CryptoFunctions.Core.Backfill;

namespace CryptoFunctions.Functions.Backfill;

/// <summary>
/// What the orchestration carries from one generation to the next (ContinueAsNew): the request, the settings
/// captured when it started (orchestrator code reads no configuration), and where it stands.
/// </summary>
public sealed record BackfillState(
    BackfillRequest Request,
    BackfillSettings Settings,
    int KindIndex = 0,
    string? Cursor = null,
    int Page = 0,
    long KindTotal = 0,
    long KindDone = 0,
    long KindFailed = 0,
    long KindRows = 0,
    IReadOnlyList<KindSummary>? Finished = null,
    IReadOnlyList<ChunkFailure>? Failures = null);

/// <summary>The parts of <see cref="BackfillOptions"/> the orchestration needs, fixed for its whole run.</summary>
public sealed record BackfillSettings(int MaxParallelism, int ChunksPerPage, int MaxAttempts, TimeSpan FirstRetryDelay)
{
    public static BackfillSettings From(BackfillOptions options) =>
        new(options.MaxParallelism, options.ChunksPerPage, options.MaxAttempts, options.FirstRetryDelay);
}

public sealed record PlanInput(BackfillRequest Request, BackfillKind Kind, string? Cursor, int PageSize);

public sealed record ChunksInput(IReadOnlyList<BackfillChunk> Chunks, int Parallelism, int MaxAttempts, TimeSpan FirstRetryDelay);

/// <summary>A page's outcome: rows per chunk done, and the chunks that failed every attempt.</summary>
public sealed record ChunksOutcome(long Done, long Rows, IReadOnlyList<ChunkFailure> Failures);
