using CryptoFunctions.TestModels;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>
/// Tiny random-weight FinBERT- and CryptoBERT-shaped packages made by the project's generator, once per test
/// run, with vocabularies from the headline corpus: the real path (tokenizer → ONNX Runtime → scores) runs on them.
/// </summary>
public static class TestModelPackages
{
    private static readonly Lazy<string> Generated = new(Generate);

    /// <summary>A models folder holding finbert/ and cryptobert/.</summary>
    public static string Folder => Generated.Value;

    public static string FinBert => Path.Combine(Folder, "finbert");

    public static string CryptoBert => Path.Combine(Folder, "cryptobert");

    public static IReadOnlyList<string> Headlines { get; } = File.ReadAllLines(TestEnvironment.FixturePath("sentiment", "headlines.txt")).Where(l => l.Length > 0).ToList();

    /// <summary>A copy of a generated package in a fresh folder, to be broken by a test.</summary>
    public static string CopyOf(string package)
    {
        var copy = Directory.CreateTempSubdirectory("model-package-").FullName;
        foreach (var file in Directory.GetFiles(package))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        return copy;
    }

    private static string Generate()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cryptofn-test-models-{Environment.ProcessId}");
        ModelPackageWriter.Write(Path.Combine(folder, "finbert"), "finbert", TransformerShape.TinyBert(2000), 512, Headlines, seed: 7);
        ModelPackageWriter.Write(Path.Combine(folder, "cryptobert"), "cryptobert", TransformerShape.TinyRoberta(2000), 128, Headlines, seed: 11);
        return folder;
    }
}
