using System.Text.Json.Nodes;
using CryptoFunctions.Core.Sentiment;
using CryptoFunctions.Core.Sentiment.Onnx;
using CryptoFunctions.TestModels;
using CryptoFunctions.Tests.Infrastructure;
using Xunit;

namespace CryptoFunctions.Tests.Sentiment;

/// <summary>A broken model package is refused at load with what is wrong, not at the first scoring run.</summary>
public sealed class ModelPackageTests
{
    [Fact]
    public void A_two_label_variant_loads_with_its_own_labels()
    {
        var folder = TestModelPackages.CopyOf(TestModelPackages.CryptoBert);
        TransformerModelWriter.Write(TransformerShape.TinyRoberta(2000) with { Labels = 2 }, Path.Combine(folder, "model.onnx"), seed: 3);
        Edit(folder, "config.json", c => c["id2label"] = new JsonObject { ["0"] = "LABEL_0", ["1"] = "LABEL_1" });
        Edit(folder, "manifest.json", m => m["scoreSigns"] = new JsonObject { ["LABEL_0"] = -1, ["LABEL_1"] = 1 });

        using var model = new OnnxSentimentModel(ModelPackage.Load(folder), new SentimentOptions());
        var result = model.Score(["Bitcoin breaks out"], CancellationToken.None)[0];

        Assert.Equal(["LABEL_0", "LABEL_1"], result.Probabilities.Keys.Order());
        Assert.Equal(result.Probabilities["LABEL_1"] - result.Probabilities["LABEL_0"], result.Score, 12);
    }

    [Fact]
    public void A_label_without_a_score_sign_is_named()
    {
        var folder = TestModelPackages.CopyOf(TestModelPackages.FinBert);
        Edit(folder, "manifest.json", m => m["scoreSigns"] = new JsonObject { ["positive"] = 1, ["negative"] = -1 });

        var error = Assert.Throws<InvalidDataException>(() => ModelPackage.Load(folder));

        Assert.Contains("no sign for label(s) neutral", error.Message);
    }

    [Fact]
    public void Gaps_in_id2label_are_refused()
    {
        var folder = TestModelPackages.CopyOf(TestModelPackages.FinBert);
        Edit(folder, "config.json", c => c["id2label"] = new JsonObject { ["0"] = "positive", ["2"] = "neutral" });

        var error = Assert.Throws<InvalidDataException>(() => ModelPackage.Load(folder));

        Assert.Contains("id2label must name outputs 0 to n-1", error.Message);
    }

    [Fact]
    public void A_missing_tokenizer_file_and_a_bad_manifest_are_named()
    {
        var folder = TestModelPackages.CopyOf(TestModelPackages.CryptoBert);
        File.Delete(Path.Combine(folder, "merges.txt"));
        Assert.Contains("lacks merges.txt", Assert.Throws<InvalidDataException>(() => ModelPackage.Load(folder)).Message);

        Edit(folder, "manifest.json", m =>
        {
            m["tokenizer"] = "sentencepiece";
            m["maxTokens"] = 0;
        });
        var error = Assert.Throws<InvalidDataException>(() => ModelPackage.Load(folder)).Message;
        Assert.Contains("'tokenizer' must be 'bert-wordpiece' or 'roberta-bpe', not 'sentencepiece'", error);
        Assert.Contains("'maxTokens' must be between 3 and 4096", error);
    }

    [Fact]
    public void Logits_that_do_not_match_the_labels_are_refused()
    {
        var folder = TestModelPackages.CopyOf(TestModelPackages.FinBert);
        TransformerModelWriter.Write(TransformerShape.TinyBert(2000) with { Labels = 2 }, Path.Combine(folder, "model.onnx"), seed: 3);

        var error = Assert.Throws<InvalidDataException>(() => new OnnxSentimentModel(ModelPackage.Load(folder), new SentimentOptions()));

        Assert.Contains("outputs 2 logits but its config.json names 3 labels", error.Message);
    }

    [Fact]
    public void The_same_model_name_in_two_folders_is_refused()
    {
        var root = Directory.CreateTempSubdirectory("models-").FullName;
        foreach (var copy in new[] { "a", "b" })
        {
            Directory.Move(TestModelPackages.CopyOf(TestModelPackages.FinBert), Path.Combine(root, copy));
        }

        var error = Assert.Throws<InvalidDataException>(() => ModelPackage.LoadAll(root));

        Assert.Contains("Model 'finbert' is in more than one folder", error.Message);
        Assert.Empty(ModelPackage.LoadAll(Path.Combine(root, "absent")));
    }

    private static void Edit(string folder, string file, Action<JsonObject> edit)
    {
        var path = Path.Combine(folder, file);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
