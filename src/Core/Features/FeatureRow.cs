using System.Text;

namespace CryptoFunctions.Core.Features;

/// <summary>One row of ml_features_materialized.</summary>
public sealed class FeatureRow(string symbol, DateTimeOffset ts, double price)
{
    public static readonly int FeatureCount = Enum.GetValues<Feature>().Length;

    /// <summary>Column names of <see cref="Feature"/> in order: the enum name in snake case ("Return5m" → "return_5m").</summary>
    public static readonly IReadOnlyList<string> FeatureColumns = Enum.GetValues<Feature>().Select(f => SnakeCase(f.ToString())).ToList();

    public string Symbol { get; } = symbol;

    public DateTimeOffset Ts { get; } = ts;

    public double Price { get; } = price;

    public int? MarketCapRank { get; set; }

    public int NewsCount1h { get; set; }

    public int NewsCount24h { get; set; }

    public int MarketNewsCount1h { get; set; }

    public int MarketNewsCount24h { get; set; }

    public double[] Values { get; } = NewValues();

    public double this[Feature feature]
    {
        get => Values[(int)feature];
        set => Values[(int)feature] = value;
    }

    public double? Get(Feature feature) => double.IsNaN(Values[(int)feature]) ? null : Values[(int)feature];

    private static double[] NewValues()
    {
        var values = new double[FeatureCount];
        Array.Fill(values, double.NaN);
        return values;
    }

    private static string SnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = i > 0 && ((char.IsUpper(c) && !char.IsUpper(name[i - 1])) || (char.IsDigit(c) && !char.IsDigit(name[i - 1])));
            if (boundary)
            {
                result.Append('_');
            }
            result.Append(char.ToLowerInvariant(c));
        }
        return result.ToString();
    }
}
