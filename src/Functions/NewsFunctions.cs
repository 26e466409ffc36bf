using CryptoFunctions.Core.News;
using Microsoft.Azure.Functions.Worker;

namespace CryptoFunctions.Functions;

public sealed class NewsFunctions(NewsCycle cycle)
{
    /// <summary>Schedule from the app setting <c>CollectNewsSchedule</c> (default "0 */5 * * * *").</summary>
    [Function("CollectNews")]
    public Task CollectNews([TimerTrigger("%CollectNewsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        cycle.RunAsync(cancellationToken);
}
