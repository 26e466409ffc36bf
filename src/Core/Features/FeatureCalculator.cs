namespace CryptoFunctions.Core.Features;

/// <summary>
/// Computes the feature rows of one symbol from its grid of prices and the news. Each value depends on a
/// fixed trailing window (or, for the recursive indicators, on history that has long decayed), so a row
/// computed in a short incremental run equals the same row of a full rebuild.
/// </summary>
public static class FeatureCalculator
{
    public const int StepsPerHour = 12;
    public const int StepsPerDay = 288;
    public const int StepsPerWeek = 2016;
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>The rows of the instants with a price for which <paramref name="include"/> holds.</summary>
    public static List<FeatureRow> Compute(PriceSeries series, NewsIndex news, Func<DateTimeOffset, bool> include, DateTimeOffset computedAt)
    {
        var wanted = new List<int>();
        for (var i = 0; i < series.Length; i++)
        {
            if (!double.IsNaN(series.Price[i]) && include(series.TimeAt(i)))
            {
                wanted.Add(i);
            }
        }
        if (wanted.Count == 0)
        {
            return [];
        }

        var indicators = Indicators.Compute(series.Price, series.IndicatorsFrom);
        var logReturns = LogReturns(series.Price);
        var rows = new List<FeatureRow>(wanted.Count);
        foreach (var i in wanted)
        {
            var ts = series.TimeAt(i);
            var row = new FeatureRow(series.Symbol, ts, series.Price[i])
            {
                MarketCapRank = series.Rank[i],
                [Feature.MarketCap] = series.MarketCap[i],
                [Feature.Volume] = series.Volume[i],
                [Feature.Volume24h] = series.Volume24h[i],
            };
            SetReturns(row, series.Price, i);
            row[Feature.Volatility1h] = StandardDeviation(logReturns, i, StepsPerHour, sample: true);
            row[Feature.Volatility24h] = StandardDeviation(logReturns, i, StepsPerDay, sample: true);
            row[Feature.VolumeZscore24h] = ZScore(series.Volume, i, StepsPerDay);
            indicators.CopyTo(row, i);
            SetNews(row, news, ts);
            rows.Add(row);
        }
        return rows;
    }

    private static void SetReturns(FeatureRow row, double[] price, int i)
    {
        (Feature Simple, Feature Log, int Steps)[] backward =
        [
            (Feature.Return5m, Feature.LogReturn5m, 1),
            (Feature.Return1h, Feature.LogReturn1h, StepsPerHour),
            (Feature.Return4h, Feature.LogReturn4h, 4 * StepsPerHour),
            (Feature.Return24h, Feature.LogReturn24h, StepsPerDay),
            (Feature.Return7d, Feature.LogReturn7d, StepsPerWeek),
        ];
        foreach (var (simple, log, steps) in backward)
        {
            var ratio = Ratio(price, i - steps, i);
            row[simple] = ratio - 1;
            row[log] = Math.Log(ratio);
        }
        row[Feature.ForwardReturn1h] = Ratio(price, i, i + StepsPerHour) - 1;
        row[Feature.ForwardReturn24h] = Ratio(price, i, i + StepsPerDay) - 1;
    }

    /// <summary>price[to] / price[from]; NaN when either instant has no price or lies outside the series.</summary>
    private static double Ratio(double[] price, int from, int to) =>
        from < 0 || to >= price.Length ? double.NaN : price[to] / price[from];

    private static double[] LogReturns(double[] price)
    {
        var result = new double[price.Length];
        result[0] = double.NaN;
        for (var i = 1; i < price.Length; i++)
        {
            result[i] = Math.Log(price[i] / price[i - 1]);
        }
        return result;
    }

    /// <summary>
    /// Standard deviation of the values present among the <paramref name="window"/> ending at <paramref name="end"/>;
    /// NaN when fewer than half of them (or fewer than two) are present.
    /// </summary>
    private static double StandardDeviation(double[] values, int end, int window, bool sample)
    {
        var (count, mean) = PresentMean(values, end, window);
        if (count < Math.Max(2, (window + 1) / 2))
        {
            return double.NaN;
        }
        return Math.Sqrt(SquaredDeviations(values, end, window, mean) / (sample ? count - 1 : count));
    }

    /// <summary>(v − mean) / population std of the values present in the window ending at <paramref name="end"/>, itself included.</summary>
    private static double ZScore(double[] values, int end, int window)
    {
        if (double.IsNaN(values[end]))
        {
            return double.NaN;
        }
        var (count, mean) = PresentMean(values, end, window);
        if (count < (window + 1) / 2)
        {
            return double.NaN;
        }
        var sd = Math.Sqrt(SquaredDeviations(values, end, window, mean) / count);
        return sd > 0 ? (values[end] - mean) / sd : double.NaN;
    }

    private static (int Count, double Mean) PresentMean(double[] values, int end, int window)
    {
        var count = 0;
        double sum = 0;
        for (var j = Math.Max(0, end - window + 1); j <= end; j++)
        {
            if (!double.IsNaN(values[j]))
            {
                sum += values[j];
                count++;
            }
        }
        return (count, count == 0 ? double.NaN : sum / count);
    }

    private static double SquaredDeviations(double[] values, int end, int window, double mean)
    {
        double squares = 0;
        for (var j = Math.Max(0, end - window + 1); j <= end; j++)
        {
            if (!double.IsNaN(values[j]))
            {
                squares += (values[j] - mean) * (values[j] - mean);
            }
        }
        return squares;
    }

    private static void SetNews(FeatureRow row, NewsIndex news, DateTimeOffset ts)
    {
        row.MarketNewsCount1h = news.MarketCount(ts, Hour);
        row.MarketNewsCount24h = news.MarketCount(ts, Day);
        var hour = news.ForSymbol(row.Symbol, ts, Hour);
        var day = news.ForSymbol(row.Symbol, ts, Day);
        row.NewsCount1h = hour.Length;
        row.NewsCount24h = day.Length;
        SetSentiment(row, hour, Feature.SentimentMean1h, Feature.SentimentStd1h, Feature.BullishShare1h,
            Feature.FinbertMean1h, Feature.CryptobertMean1h, Feature.VaderMean1h);
        SetSentiment(row, day, Feature.SentimentMean24h, Feature.SentimentStd24h, Feature.BullishShare24h,
            Feature.FinbertMean24h, Feature.CryptobertMean24h, Feature.VaderMean24h);
    }

    // Each model's mean column is followed by its std column in the same window (see Feature).
    private static void SetSentiment(
        FeatureRow row, ReadOnlySpan<ArticleSignal> articles, Feature mean, Feature std, Feature bullishShare,
        Feature finbertMean, Feature cryptobertMean, Feature vaderMean)
    {
        (row[mean], row[std]) = MeanAndStd(articles, a => a.Ensemble);
        (row[finbertMean], row[finbertMean + 1]) = MeanAndStd(articles, a => a.Finbert);
        (row[cryptobertMean], row[cryptobertMean + 1]) = MeanAndStd(articles, a => a.Cryptobert);
        (row[vaderMean], row[vaderMean + 1]) = MeanAndStd(articles, a => a.Vader);
        int judged = 0, bullish = 0;
        foreach (var a in articles)
        {
            if (a.Bullish is { } b)
            {
                judged++;
                bullish += b ? 1 : 0;
            }
        }
        row[bullishShare] = judged == 0 ? double.NaN : (double)bullish / judged;
    }

    /// <summary>Mean (NaN without a score) and sample standard deviation (NaN with fewer than two) of the scores present.</summary>
    private static (double Mean, double Std) MeanAndStd(ReadOnlySpan<ArticleSignal> articles, Func<ArticleSignal, double> score)
    {
        var count = 0;
        double sum = 0;
        foreach (var a in articles)
        {
            var s = score(a);
            if (!double.IsNaN(s))
            {
                sum += s;
                count++;
            }
        }
        if (count == 0)
        {
            return (double.NaN, double.NaN);
        }
        var mean = sum / count;
        if (count < 2)
        {
            return (mean, double.NaN);
        }
        double squares = 0;
        foreach (var a in articles)
        {
            var s = score(a);
            if (!double.IsNaN(s))
            {
                squares += (s - mean) * (s - mean);
            }
        }
        return (mean, Math.Sqrt(squares / (count - 1)));
    }

    /// <summary>The indicators over the instants that have a price, in order (a gap is skipped, not filled), laid back on the grid.</summary>
    private sealed class Indicators
    {
        private readonly int[] _compactIndex;
        private readonly double[] _rsi, _macd, _signal, _histogram, _ema12, _ema26, _sma20, _percentB, _bandwidth;

        private Indicators(int[] compactIndex, double[] prices)
        {
            _compactIndex = compactIndex;
            _rsi = TechnicalIndicators.Rsi(prices, 14);
            (_macd, _signal, _histogram) = TechnicalIndicators.Macd(prices, 12, 26, 9);
            _ema12 = TechnicalIndicators.Ema(prices, 12);
            _ema26 = TechnicalIndicators.Ema(prices, 26);
            _sma20 = TechnicalIndicators.Sma(prices, 20);
            (_percentB, _bandwidth) = TechnicalIndicators.Bollinger(prices, 20, 2);
        }

        public static Indicators Compute(double[] gridPrices, int from)
        {
            var compactIndex = new int[gridPrices.Length];
            Array.Fill(compactIndex, -1);
            var prices = new List<double>(gridPrices.Length - from);
            for (var i = from; i < gridPrices.Length; i++)
            {
                compactIndex[i] = double.IsNaN(gridPrices[i]) ? -1 : prices.Count;
                if (!double.IsNaN(gridPrices[i]))
                {
                    prices.Add(gridPrices[i]);
                }
            }
            return new Indicators(compactIndex, [.. prices]);
        }

        public void CopyTo(FeatureRow row, int gridIndex)
        {
            var c = _compactIndex[gridIndex];
            row[Feature.Rsi14] = _rsi[c];
            row[Feature.Macd] = _macd[c];
            row[Feature.MacdSignal] = _signal[c];
            row[Feature.MacdHistogram] = _histogram[c];
            row[Feature.Ema12] = _ema12[c];
            row[Feature.Ema26] = _ema26[c];
            row[Feature.Sma20] = _sma20[c];
            row[Feature.BbPercentB] = _percentB[c];
            row[Feature.BbBandwidth] = _bandwidth[c];
        }
    }
}
