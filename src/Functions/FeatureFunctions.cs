using CryptoFunctions.Core.Features;
using Microsoft.Azure.Functions.Worker;

namespace CryptoFunctions.Functions;

public sealed class FeatureFunctions(FeatureMaterializer materializer)
{
    /// <summary>
    /// Schedule from the app setting <c>UpdateFeaturesSchedule</c> (default "0 1-59/5 * * * *": a minute after
    /// CollectPrices, so the new instant's prices are in). A run that finds another still going skips.
    /// </summary>
    [Function("UpdateFeatures")]
    public Task UpdateFeatures([TimerTrigger("%UpdateFeaturesSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        materializer.UpdateAsync(progress: null, cancellationToken);
}
