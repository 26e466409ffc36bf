using Microsoft.Extensions.Logging;

namespace CryptoFunctions.Core.Sentiment;

/// <summary>How one scoring pass went.</summary>
public sealed record ScoringReport(int Requested, int Missing, int AlreadyScored, IReadOnlyDictionary<string, int> ScoredByModel)
{
    public int Scored => ScoredByModel.Values.Sum();
}

/// <summary>
/// Scores articles with every active model version that has not scored them yet, stores the results
/// and the articles' ensemble. Safe to repeat: what is already scored is neither computed nor written again.
/// </summary>
public sealed class SentimentScorer(
    SentimentModels models,
    SentimentRepository repository,
    SentimentEnsemble ensemble,
    TimeProvider time,
    ILogger<SentimentScorer> logger)
{
    private readonly IReadOnlyList<ISentimentModel> _models = models.All;

    public IReadOnlyList<ISentimentModel> Models => _models;

    /// <summary>The active models, or the one named (an unknown name is an error listing the known ones).</summary>
    public IReadOnlyList<ISentimentModel> Select(string? modelName)
    {
        if (modelName is null)
        {
            return _models;
        }
        var model = _models.FirstOrDefault(m => m.Name.Equals(modelName, StringComparison.OrdinalIgnoreCase));
        return model is not null
            ? [model]
            : throw new InvalidOperationException($"Unknown sentiment model '{modelName}'; active models: {string.Join(", ", _models.Select(m => m.Name))}.");
    }

    public async Task<ScoringReport> ScoreAsync(IReadOnlyList<long> articleIds, string? modelName, CancellationToken cancellationToken)
    {
        var selected = Select(modelName);
        var ids = articleIds.Distinct().ToList();
        var articles = await repository.LoadArticlesAsync(ids, cancellationToken);
        var results = new List<ScoredArticle>();
        var scoredByModel = new Dictionary<string, int>(StringComparer.Ordinal);
        var alreadyScored = 0;
        foreach (var model in selected)
        {
            var done = await repository.ScoredAsync(ids, model, cancellationToken);
            var todo = articles.Where(a => !done.Contains(a.Id)).ToList();
            alreadyScored += articles.Count - todo.Count;
            var scores = model.Score(todo.Select(a => a.Text).ToList(), cancellationToken);
            results.AddRange(todo.Select((a, i) => new ScoredArticle(a.Id, model.Name, model.Version, scores[i])));
            scoredByModel[model.Name] = todo.Count;
        }
        await repository.SaveAsync(results, _models, ensemble.Combine, time.GetUtcNow(), cancellationToken);

        var report = new ScoringReport(ids.Count, ids.Count - articles.Count, alreadyScored, scoredByModel);
        if (report.Missing > 0)
        {
            logger.LogWarning("{Missing} of {Requested} articles to score do not exist", report.Missing, report.Requested);
        }
        return report;
    }
}
