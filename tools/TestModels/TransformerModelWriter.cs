using Google.Protobuf;
using Onnx;
using static CryptoFunctions.TestModels.OnnxGraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

namespace CryptoFunctions.TestModels;

/// <summary>
/// Writes an encoder-classifier with the signature of a Hugging Face Optimum export (int64 input_ids,
/// attention_mask and, for BERT, token_type_ids [batch, sequence] → float logits [batch, labels]) built from
/// the operations such an export contains — embedding gathers, layer normalisation, multi-head self-attention
/// with the additive padding mask, erf GELU, the pooler's tanh and the classifier — with random normal weights
/// (BERT's initialisation for the base shapes), so timing and memory are those of the real model while its
/// verdicts are noise.
/// </summary>
public static class TransformerModelWriter
{
    private const int Opset = 17;

    public static void Write(TransformerShape shape, string path, int seed)
    {
        var random = new Random(seed);
        var g = new OnnxGraphBuilder(shape.Kind == TransformerKind.Bert ? "bert_classifier" : "roberta_classifier");
        var hidden = shape.Hidden;
        var epsilon = shape.Kind == TransformerKind.Bert ? 1e-12f : 1e-5f;

        var inputIds = g.Input("input_ids", DataType.Int64, "batch_size", "sequence_length");
        var attentionMask = g.Input("attention_mask", DataType.Int64, "batch_size", "sequence_length");
        var embeddings = g.Node("Gather", [g.Weights("word_embeddings", Normal(random, shape.VocabularySize * hidden, shape.WeightStd), shape.VocabularySize, hidden), inputIds]);
        embeddings = g.Node("Add", [embeddings, g.Node("Gather", [g.Weights("position_embeddings", Normal(random, shape.MaxPositions * hidden, shape.WeightStd), shape.MaxPositions, hidden), PositionIds(g, shape, inputIds)])]);
        var tokenTypes = g.Weights("token_type_embeddings", Normal(random, 2 * hidden, shape.WeightStd), 2, hidden);
        embeddings = g.Node("Add", [embeddings, shape.Kind == TransformerKind.Bert
            ? g.Node("Gather", [tokenTypes, g.Input("token_type_ids", DataType.Int64, "batch_size", "sequence_length")])
            : g.Node("Gather", [tokenTypes, g.Int64s("type_zero", [0])], null, Int("axis", 0))]);
        var x = LayerNorm(g, "embeddings", embeddings, hidden, epsilon);

        // (1 - mask) * -10000, broadcast over heads and query positions, as BERT's extended attention mask.
        var maskFloat = g.Node("Cast", [attentionMask], null, Int("to", (long)DataType.Float));
        var additiveMask = g.Node("Mul", [g.Node("Sub", [g.Scalar("one", 1f), maskFloat]), g.Scalar("mask_value", -10000f)]);
        additiveMask = g.Node("Unsqueeze", [additiveMask, g.Int64s("mask_axes", [1, 2], 2)]);

        for (var layer = 0; layer < shape.Layers; layer++)
        {
            x = EncoderLayer(g, random, shape, $"layer{layer}", x, additiveMask, epsilon);
        }

        var first = g.Node("Gather", [x, g.Int64s("first_token", [0])], null, Int("axis", 1));
        var pooled = g.Node("Tanh", [Dense(g, random, "pooler", first, hidden, hidden, shape.WeightStd)]);
        // A wider classifier than BERT's initialisation, so that different texts get visibly different verdicts.
        var logits = Dense(g, random, "classifier", pooled, hidden, shape.Labels, std: 1f);
        g.Output(logits, "logits", DataType.Float, "batch_size", shape.Labels.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var file = File.Create(path);
        g.Build(Opset).WriteTo(file);
    }

    private static string PositionIds(OnnxGraphBuilder g, TransformerShape shape, string inputIds)
    {
        if (shape.Kind == TransformerKind.Bert)
        {
            var length = g.Node("Gather", [g.Node("Shape", [inputIds]), g.Int64s("sequence_axis", [1])], null, Int("axis", 0));
            return g.Node("Range", [g.Int64s("range_start", [0]), length, g.Int64s("range_step", [1])]);
        }
        // RoBERTa: cumulative count of non-pad tokens, offset by the pad id; pads keep the pad id.
        var pad = g.Int64s("pad_id", [TransformerShape.RobertaPadId]);
        var notPad = g.Node("Cast", [g.Node("Not", [g.Node("Equal", [inputIds, pad])])], null, Int("to", (long)DataType.Int64));
        var counted = g.Node("CumSum", [notPad, g.Int64s("cumsum_axis", [1])]);
        return g.Node("Add", [g.Node("Mul", [counted, notPad]), pad]);
    }

    private static string EncoderLayer(OnnxGraphBuilder g, Random random, TransformerShape shape, string name, string x, string additiveMask, float epsilon)
    {
        var hidden = shape.Hidden;
        var headSize = hidden / shape.Heads;
        var heads = g.Int64s($"{name}_heads_shape", [0, 0, shape.Heads, headSize], 4);
        string Heads(string projection, long[] perm) => g.Node("Transpose", [g.Node("Reshape", [projection, heads])], null, Ints("perm", perm));

        var query = Heads(Dense(g, random, $"{name}_query", x, hidden, hidden, shape.WeightStd), [0, 2, 1, 3]);
        var key = Heads(Dense(g, random, $"{name}_key", x, hidden, hidden, shape.WeightStd), [0, 2, 3, 1]);
        var value = Heads(Dense(g, random, $"{name}_value", x, hidden, hidden, shape.WeightStd), [0, 2, 1, 3]);
        var scores = g.Node("Div", [g.Node("MatMul", [query, key]), g.Scalar($"{name}_scale", MathF.Sqrt(headSize))]);
        var probabilities = g.Node("Softmax", [g.Node("Add", [scores, additiveMask])], null, Int("axis", -1));
        var context = g.Node("Transpose", [g.Node("MatMul", [probabilities, value])], null, Ints("perm", 0, 2, 1, 3));
        context = g.Node("Reshape", [context, g.Int64s($"{name}_merge_shape", [0, 0, hidden], 3)]);
        var attended = LayerNorm(g, $"{name}_attention", g.Node("Add", [Dense(g, random, $"{name}_attention_output", context, hidden, hidden, shape.WeightStd), x]), hidden, epsilon);

        var intermediate = Dense(g, random, $"{name}_intermediate", attended, hidden, shape.Intermediate, shape.WeightStd);
        // GELU as exported from PyTorch: 0.5 · x · (1 + erf(x / √2)).
        var erf = g.Node("Erf", [g.Node("Div", [intermediate, g.Scalar($"{name}_sqrt2", MathF.Sqrt(2f))])]);
        var gelu = g.Node("Mul", [g.Node("Mul", [intermediate, g.Scalar($"{name}_half", 0.5f)]), g.Node("Add", [erf, g.Scalar($"{name}_gelu_one", 1f)])]);
        var output = Dense(g, random, $"{name}_output", gelu, shape.Intermediate, hidden, shape.WeightStd);
        return LayerNorm(g, $"{name}_output", g.Node("Add", [output, attended]), hidden, epsilon);
    }

    private static string Dense(OnnxGraphBuilder g, Random random, string name, string x, int inputs, int outputs, float std)
    {
        var weights = g.Weights($"{name}_weight", Normal(random, inputs * outputs, std), inputs, outputs);
        return g.Node("Add", [g.Node("MatMul", [x, weights]), g.Weights($"{name}_bias", new float[outputs], outputs)]);
    }

    private static string LayerNorm(OnnxGraphBuilder g, string name, string x, int hidden, float epsilon) =>
        g.Node("LayerNormalization", [x, g.Weights($"{name}_ln_scale", Enumerable.Repeat(1f, hidden).ToArray(), hidden), g.Weights($"{name}_ln_bias", new float[hidden], hidden)],
            null, Int("axis", -1), Float("epsilon", epsilon));

    private static float[] Normal(Random random, int count, float std)
    {
        var values = new float[count];
        for (var i = 0; i < count; i += 2)
        {
            // Box–Muller: two independent normals from two uniforms.
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            values[i] = (float)(std * radius * Math.Cos(angle));
            if (i + 1 < count)
            {
                values[i + 1] = (float)(std * radius * Math.Sin(angle));
            }
        }
        return values;
    }
}
