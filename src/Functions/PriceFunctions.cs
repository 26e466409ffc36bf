using CryptoFunctions.Core.Prices;
using Microsoft.Azure.Functions.Worker;

namespace CryptoFunctions.Functions;

public sealed class PriceFunctions(PriceCollector collector)
{
    /// <summary>
    /// Schedule from the app setting <c>CollectPricesSchedule</c> (default "0 */5 * * * *"). A failing page or
    /// symbol is logged and the rest stored; the next run's catch-up fetches the bars it missed.
    /// </summary>
    [Function("CollectPrices")]
    public Task CollectPrices([TimerTrigger("%CollectPricesSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        collector.CollectAsync(cancellationToken);
}
