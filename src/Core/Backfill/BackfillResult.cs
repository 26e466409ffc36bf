namespace CryptoFunctions.Core.Backfill;

/// <summary>What a backfill did per kind, and every chunk that failed with its last error.</summary>
public sealed record BackfillResult(IReadOnlyList<KindSummary> Kinds, IReadOnlyList<ChunkFailure> Failures);

/// <summary><see cref="Skipped"/>: chunks a resumed run found done already.</summary>
public sealed record KindSummary(BackfillKind Kind, long Chunks, long Done, long Skipped, long Failed, long Rows);

public sealed record ChunkFailure(string Key, string Error);

/// <summary>Progress of the kind being filled: the shape of the orchestration's custom status too.</summary>
public sealed record BackfillProgress(string Phase, long Done, long Total, long Failed)
{
    public double Percent => Total == 0 ? 100 : Math.Round(100.0 * (Done + Failed) / Total, 1);
}
