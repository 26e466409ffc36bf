using System.Globalization;
using System.Text.Json;
using CryptoFunctions.Core.Sentiment.Tokenization;

namespace CryptoFunctions.Core.Sentiment.Onnx;

/// <summary>
/// One model folder: model.onnx, the Hugging Face config.json whose id2label names the outputs in order,
/// the tokenizer's files and manifest.json. Loading checks everything a scoring run would trip over later.
/// </summary>
public sealed class ModelPackage
{
    public const string ManifestFile = "manifest.json";

    private ModelPackage(string folder, ModelManifest manifest, IReadOnlyList<string> labels, ITokenizer tokenizer)
    {
        Folder = folder;
        Manifest = manifest;
        Labels = labels;
        Tokenizer = tokenizer;
        ScoreSigns = [.. labels.Select(l => manifest.ScoreSigns[l])];
    }

    public string Folder { get; }

    public ModelManifest Manifest { get; }

    /// <summary>Label names in the order of the model's logits.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The score sign of each label, in the order of <see cref="Labels"/>.</summary>
    public IReadOnlyList<double> ScoreSigns { get; }

    public ITokenizer Tokenizer { get; }

    public string ModelPath => Path.Combine(Folder, "model.onnx");

    /// <summary>Every package under <paramref name="modelsPath"/> (sub-folders holding a manifest), by folder name; none if the path does not exist.</summary>
    public static IReadOnlyList<ModelPackage> LoadAll(string modelsPath)
    {
        if (!Directory.Exists(modelsPath))
        {
            return [];
        }
        var packages = Directory.EnumerateDirectories(modelsPath)
            .Where(d => File.Exists(Path.Combine(d, ManifestFile)))
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .ToList();
        var twice = packages.GroupBy(p => p.Manifest.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return twice is null
            ? packages
            : throw new InvalidDataException($"Model '{twice.Key}' is in more than one folder: {string.Join(", ", twice.Select(p => p.Folder))}.");
    }

    public static ModelPackage Load(string folder)
    {
        var manifest = ModelManifest.Read(Path.Combine(folder, ManifestFile));
        foreach (var required in RequiredFiles(manifest.Tokenizer).Append("model.onnx").Append("config.json"))
        {
            if (!File.Exists(Path.Combine(folder, required)))
            {
                throw new InvalidDataException($"Model package {folder} lacks {required}.");
            }
        }
        var labels = ReadLabels(Path.Combine(folder, "config.json"));
        var unsigned = labels.Where(l => !manifest.ScoreSigns.ContainsKey(l)).ToList();
        if (unsigned.Count > 0)
        {
            throw new InvalidDataException($"{Path.Combine(folder, ManifestFile)}: 'scoreSigns' has no sign for label(s) {string.Join(", ", unsigned)} of config.json.");
        }
        ITokenizer tokenizer = manifest.Tokenizer == ModelManifest.BertWordPiece
            ? BertWordPieceTokenizer.FromVocabularyFile(Path.Combine(folder, "vocab.txt"))
            : ByteLevelBpeTokenizer.FromFiles(Path.Combine(folder, "vocab.json"), Path.Combine(folder, "merges.txt"));
        return new ModelPackage(folder, manifest, labels, tokenizer);
    }

    private static string[] RequiredFiles(string tokenizer) =>
        tokenizer == ModelManifest.BertWordPiece ? ["vocab.txt"] : ["vocab.json", "merges.txt"];

    // id2label's keys are the output indices as strings; they must be 0..n-1 exactly.
    private static List<string> ReadLabels(string configPath)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(configPath));
        if (!config.RootElement.TryGetProperty("id2label", out var id2label) || id2label.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{configPath} has no id2label object naming the model's outputs.");
        }
        var labels = new SortedDictionary<int, string>();
        foreach (var entry in id2label.EnumerateObject())
        {
            if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || entry.Value.GetString() is not { Length: > 0 } label)
            {
                throw new InvalidDataException($"{configPath}: id2label entry '{entry.Name}' is not an output index with a label name.");
            }
            labels[index] = label;
        }
        if (labels.Count < 2 || labels.Keys.Last() != labels.Count - 1)
        {
            throw new InvalidDataException($"{configPath}: id2label must name outputs 0 to n-1 (n ≥ 2), not {string.Join(", ", labels.Keys)}.");
        }
        return [.. labels.Values];
    }
}
