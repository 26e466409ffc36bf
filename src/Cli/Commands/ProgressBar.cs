using System.Diagnostics;

namespace CryptoFunctions.Cli.Commands;

/// <summary>
/// A one-line progress bar with the rate on a terminal; a line per tenth when the output is redirected.
/// Reports arrive on the reporting thread (not posted), so the bar is complete when the work returns.
/// </summary>
public sealed class ProgressBar(long total, string unit) : IProgress<int>, IProgress<(int Done, int Total)>
{
    private const int Width = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private long _total = total;
    private long _done;
    private int _lastTenth;

    public void Advance(long count)
    {
        lock (_lock)
        {
            _done += count;
            Draw();
        }
    }

    public void Report(int value) => Advance(value);

    public void Report((int Done, int Total) value)
    {
        lock (_lock)
        {
            (_done, _total) = (value.Done, value.Total);
            Draw();
        }
    }

    public void Finish()
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }
    }

    private void Draw()
    {
        var rate = _done / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        var fraction = _total == 0 ? 1 : Math.Min(1, (double)_done / _total);
        if (!Console.IsErrorRedirected)
        {
            var filled = (int)(fraction * Width);
            Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {_done:N0}/{_total:N0} {unit} {rate:N0}/s ");
        }
        else if ((int)(fraction * 10) > _lastTenth)
        {
            _lastTenth = (int)(fraction * 10);
            Console.Error.WriteLine($"{_lastTenth * 10}%: {_done:N0}/{_total:N0} {unit}, {rate:N0}/s");
        }
    }
}
