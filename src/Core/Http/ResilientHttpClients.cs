using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CryptoFunctions.Core.Http;

/// <summary>Typed HTTP clients with retries that honour Retry-After, and a timeout per attempt.</summary>
internal static class ResilientHttpClients
{
    public static void AddResilientHttpClient<TClient, TSettings>(this IServiceCollection services, string name)
        where TClient : class
        where TSettings : class, IRetrySettings
    {
        services.AddHttpClient<TClient>(name)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // Retry and per-attempt timeout only: a circuit breaker shared by every source or symbol would let
            // one bad one stop the others, and the callers already bound their total time.
            .AddResilienceHandler(name, (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<TSettings>>().Value;
                if (settings.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.MaxRetries,
                        Delay = settings.RetryBaseDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                        ShouldHandle = args => ValueTask.FromResult(
                            IsRetryable(args.Outcome) && !AsksToWaitTooLong(args.Outcome.Result, settings.MaxRetryAfter)),
                    });
                }
                pipeline.AddTimeout(settings.AttemptTimeout);
            });
    }

    // 418 is how Binance-style APIs answer a client that ignored their 429s; it comes with a Retry-After too.
    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome) || outcome.Result?.StatusCode == (HttpStatusCode)418;

    private static bool AsksToWaitTooLong(HttpResponseMessage? response, TimeSpan max) => RetryAfterHeader.Wait(response) > max;
}
