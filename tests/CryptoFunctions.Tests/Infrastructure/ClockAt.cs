namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>
/// Wall-clock time that starts at a chosen instant and then runs at the real pace. Timers, delays and
/// timestamps stay the system's, so retries and timeouts behave as they do in production.
/// </summary>
public sealed class ClockAt(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_started);
}
