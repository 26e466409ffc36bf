using CryptoFunctions.Core.Sentiment;
using Microsoft.Azure.Functions.Worker;

namespace CryptoFunctions.Functions;

public sealed class SentimentFunctions(SentimentScorer scorer, SentimentSweeper sweeper)
{
    /// <summary>
    /// A message that is not a valid request throws before anything is written; after host.json's
    /// maxDequeueCount attempts the host moves it to sentiment-requests-poison.
    /// </summary>
    [Function("ScoreSentiment")]
    public Task ScoreSentiment([QueueTrigger(SentimentQueueOptions.DefaultQueueName)] string message, CancellationToken cancellationToken) =>
        scorer.ScoreAsync(SentimentRequest.FromJson(message).ArticleIds, modelName: null, cancellationToken);

    /// <summary>Schedule from the app setting <c>SweepUnscoredSchedule</c> (default "0 */15 * * * *").</summary>
    [Function("SweepUnscored")]
    public Task SweepUnscored([TimerTrigger("%SweepUnscoredSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}
