namespace CryptoFunctions.Core.Features;

/// <summary>
/// Indicators over a series of prices in time order, defined as the npm package technicalindicators 3.1.0
/// computes them (the tests compare against it): each result has the input's length, NaN until the
/// indicator has enough values. Recursive averages are seeded with the simple mean of their first period.
/// </summary>
public static class TechnicalIndicators
{
    public static double[] Sma(ReadOnlySpan<double> values, int period)
    {
        var result = NaNs(values.Length);
        for (var i = period - 1; i < values.Length; i++)
        {
            result[i] = Mean(values.Slice(i - period + 1, period));
        }
        return result;
    }

    /// <summary>EMA with k = 2 / (period + 1), seeded at index period - 1 with the mean of the first period values.</summary>
    public static double[] Ema(ReadOnlySpan<double> values, int period)
    {
        var result = NaNs(values.Length);
        if (values.Length < period)
        {
            return result;
        }
        var k = 2.0 / (period + 1);
        var ema = Mean(values[..period]);
        result[period - 1] = ema;
        for (var i = period; i < values.Length; i++)
        {
            ema = ((values[i] - ema) * k) + ema;
            result[i] = ema;
        }
        return result;
    }

    /// <summary>
    /// Wilder's RSI: average gain and loss seeded with the mean of the first period changes, then
    /// avg = (avg × (period − 1) + change) / period. 100 when there is no loss, 0 when there is no gain.
    /// First value at index period. (The npm package rounds RSI to two decimals; this does not.)
    /// </summary>
    public static double[] Rsi(ReadOnlySpan<double> values, int period)
    {
        var result = NaNs(values.Length);
        double gainSum = 0, lossSum = 0, avgGain = 0, avgLoss = 0;
        for (var i = 1; i < values.Length; i++)
        {
            var change = values[i] - values[i - 1];
            var gain = change > 0 ? change : 0;
            var loss = change < 0 ? -change : 0;
            if (i < period)
            {
                gainSum += gain;
                lossSum += loss;
                continue;
            }
            if (i == period)
            {
                avgGain = (gainSum + gain) / period;
                avgLoss = (lossSum + loss) / period;
            }
            else
            {
                avgGain = ((avgGain * (period - 1)) + gain) / period;
                avgLoss = ((avgLoss * (period - 1)) + loss) / period;
            }
            result[i] = avgLoss == 0 ? 100 : avgGain == 0 ? 0 : 100 - (100 / (1 + (avgGain / avgLoss)));
        }
        return result;
    }

    /// <summary>MACD line = EMA(fast) − EMA(slow) from the slow EMA's first value; signal = EMA(signal period) of the line.</summary>
    public static (double[] Line, double[] Signal, double[] Histogram) Macd(ReadOnlySpan<double> values, int fast, int slow, int signal)
    {
        var fastEma = Ema(values, fast);
        var slowEma = Ema(values, slow);
        var line = NaNs(values.Length);
        var signalLine = NaNs(values.Length);
        var histogram = NaNs(values.Length);
        if (values.Length < slow)
        {
            return (line, signalLine, histogram);
        }
        for (var i = slow - 1; i < values.Length; i++)
        {
            line[i] = fastEma[i] - slowEma[i];
        }
        var lineSignal = Ema(line.AsSpan(slow - 1), signal);
        for (var i = 0; i < lineSignal.Length; i++)
        {
            signalLine[slow - 1 + i] = lineSignal[i];
            histogram[slow - 1 + i] = line[slow - 1 + i] - lineSignal[i];
        }
        return (line, signalLine, histogram);
    }

    /// <summary>
    /// Bollinger bands around SMA(period) at ± deviations × the population standard deviation of the window.
    /// %B = (price − lower) / (upper − lower), NaN in a flat window (every value equal: the bands meet and %B is
    /// undefined, whatever rounding leaves of the deviation); bandwidth = (upper − lower) / middle.
    /// </summary>
    public static (double[] PercentB, double[] Bandwidth) Bollinger(ReadOnlySpan<double> values, int period, double deviations)
    {
        var percentB = NaNs(values.Length);
        var bandwidth = NaNs(values.Length);
        for (var i = period - 1; i < values.Length; i++)
        {
            var window = values.Slice(i - period + 1, period);
            var middle = Mean(window);
            double squares = 0;
            foreach (var v in window)
            {
                squares += (v - middle) * (v - middle);
            }
            var sd = Math.Sqrt(squares / period);
            var upper = middle + (sd * deviations);
            var lower = middle - (sd * deviations);
            percentB[i] = IsFlat(window) ? double.NaN : (values[i] - lower) / (upper - lower);
            bandwidth[i] = (upper - lower) / middle;
        }
        return (percentB, bandwidth);
    }

    // Summed left to right, as the reference does for its seeds, so the seeds agree to the last bit.
    private static double Mean(ReadOnlySpan<double> window)
    {
        double sum = 0;
        foreach (var v in window)
        {
            sum += v;
        }
        return sum / window.Length;
    }

    private static bool IsFlat(ReadOnlySpan<double> window)
    {
        foreach (var v in window)
        {
            if (v != window[0])
            {
                return false;
            }
        }
        return true;
    }

    private static double[] NaNs(int length)
    {
        var result = new double[length];
        Array.Fill(result, double.NaN);
        return result;
    }
}
