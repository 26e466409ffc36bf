using System.Diagnostics;

namespace CryptoFunctions.Cli.Commands;

/// <summary>A one-line progress bar with the rate on a terminal; a line per tenth when the output is redirected.</summary>
public sealed class ProgressBar(long total, string unit)
{
    private const int Width = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _done;
    private int _lastTenth;

    public void Advance(long count)
    {
        _done += count;
        var rate = _done / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        var fraction = total == 0 ? 1 : Math.Min(1, (double)_done / total);
        if (!Console.IsErrorRedirected)
        {
            var filled = (int)(fraction * Width);
            Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {_done:N0}/{total:N0} {unit} {rate:N0}/s ");
        }
        else if ((int)(fraction * 10) > _lastTenth)
        {
            _lastTenth = (int)(fraction * 10);
            Console.Error.WriteLine($"{_lastTenth * 10}%: {_done:N0}/{total:N0} {unit}, {rate:N0}/s");
        }
    }

    public void Finish()
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }
    }
}
