using System.Globalization;
using CryptoFunctions.TestModels;

// Writes a random-weight model package with the signature and operations of FinBERT (bert) or CryptoBERT
// (roberta), for trying the pipeline and measuring speed without the real weights.
// Usage: dotnet run --project tools/TestModels -c Release -- bert|roberta tiny|base OUT_FOLDER CORPUS_FILE...
//   CORPUS_FILE: text files, one text per line, whose words make the synthetic vocabulary.
if (args.Length < 4 || args[0] is not ("bert" or "roberta") || args[1] is not ("tiny" or "base"))
{
    Console.Error.WriteLine("usage: TestModels bert|roberta tiny|base OUT_FOLDER CORPUS_FILE...");
    return 2;
}
var missing = args[3..].Where(f => !File.Exists(f)).ToList();
if (missing.Count > 0)
{
    Console.Error.WriteLine($"corpus file(s) not found: {string.Join(", ", missing)}");
    return 2;
}
var bert = args[0] == "bert";
var shape = (bert, args[1]) switch
{
    (true, "base") => TransformerShape.BaseBert,
    (false, "base") => TransformerShape.BaseRoberta,
    (true, _) => TransformerShape.TinyBert(4000),
    _ => TransformerShape.TinyRoberta(4000),
};
var corpus = args[3..].SelectMany(File.ReadLines).Where(l => l.Length > 0).ToList();
ModelPackageWriter.Write(args[2], bert ? "finbert" : "cryptobert", shape, bert ? 512 : 128, corpus);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[0]} {args[1]} ({shape.Layers} layers, hidden {shape.Hidden}, vocabulary {shape.VocabularySize}) written to {args[2]}"));
return 0;
