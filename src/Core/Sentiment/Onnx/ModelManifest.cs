using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoFunctions.Core.Sentiment.Onnx;

/// <summary>A model package's manifest.json (see models/README.md).</summary>
public sealed record ModelManifest(
    string Name,
    string Version,
    string? Source,
    string Tokenizer,
    int MaxTokens,
    IReadOnlyDictionary<string, double> ScoreSigns)
{
    public const string BertWordPiece = "bert-wordpiece";
    public const string RobertaBpe = "roberta-bpe";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    public static ModelManifest Read(string path)
    {
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
        var problems = new List<string>();
        if (manifest is null)
        {
            problems.Add("it is empty");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(manifest.Name) || manifest.Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                problems.Add("'name' must be letters, digits, '-', '_' or '.'");
            }
            if (string.IsNullOrWhiteSpace(manifest.Version))
            {
                problems.Add("'version' is missing");
            }
            if (manifest.Tokenizer is not (BertWordPiece or RobertaBpe))
            {
                problems.Add($"'tokenizer' must be '{BertWordPiece}' or '{RobertaBpe}', not '{manifest.Tokenizer}'");
            }
            if (manifest.MaxTokens is < 3 or > 4096)
            {
                problems.Add("'maxTokens' must be between 3 and 4096");
            }
            if (manifest.ScoreSigns is null || manifest.ScoreSigns.Count == 0)
            {
                problems.Add("'scoreSigns' must map label names to +1, -1 or 0");
            }
            else if (manifest.ScoreSigns.Values.Any(s => s is < -1 or > 1 || double.IsNaN(s)))
            {
                problems.Add("every score sign must be between -1 and 1");
            }
        }
        return problems.Count == 0
            ? manifest!
            : throw new InvalidDataException($"{path}: {string.Join("; ", problems)}.");
    }
}
