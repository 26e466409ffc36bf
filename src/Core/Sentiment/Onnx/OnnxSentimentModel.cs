using Microsoft.ML.OnnxRuntime;

namespace CryptoFunctions.Core.Sentiment.Onnx;

/// <summary>
/// A transformer classifier from a model package, run by ONNX Runtime: one session per model per process,
/// texts tokenised, sorted by length and batched with padding only to the longest text of each batch, then
/// softmax over the logits: the label is the most probable one, the confidence its probability, and the
/// score Σ sign × probability with the manifest's signs.
/// </summary>
public sealed class OnnxSentimentModel : ISentimentModel, IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    private readonly ModelPackage _package;
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _batchSize;
    private readonly bool _sortByLength;

    public OnnxSentimentModel(ModelPackage package, SentimentOptions options)
    {
        _package = package;
        _batchSize = options.InferenceBatchSize;
        _sortByLength = options.SortByLength;
        using var session = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = options.IntraOpThreads };
        try
        {
            _session = new InferenceSession(package.ModelPath, session);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{package.ModelPath} cannot be loaded by ONNX Runtime: {e.Message}", e);
        }
        var inputs = _session.InputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
        var unknown = inputs.Except([InputIds, AttentionMask, TokenTypeIds]).ToList();
        if (!inputs.Contains(InputIds) || !inputs.Contains(AttentionMask) || unknown.Count > 0)
        {
            _session.Dispose();
            throw new InvalidDataException(
                $"{package.ModelPath} must take {InputIds} and {AttentionMask} (and optionally {TokenTypeIds}); it takes {string.Join(", ", inputs)}.");
        }
        _inputNames = [.. new[] { InputIds, AttentionMask, TokenTypeIds }.Where(inputs.Contains)];
        _outputNames = [_session.OutputMetadata.ContainsKey("logits") ? "logits" : _session.OutputMetadata.Keys.First()];
        var width = _session.OutputMetadata[_outputNames[0]].Dimensions.LastOrDefault();
        if (width > 0 && width != package.Labels.Count)
        {
            _session.Dispose();
            throw new InvalidDataException($"{package.ModelPath} outputs {width} logits but its config.json names {package.Labels.Count} labels.");
        }
    }

    public string Name => _package.Manifest.Name;

    public string Version => _package.Manifest.Version;

    public bool IsTransformer => true;

    public ModelPackage Package => _package;

    public IReadOnlyList<SentimentResult> Score(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var encoded = texts.Select(t => _package.Tokenizer.Encode(t, _package.Manifest.MaxTokens)).ToArray();
        return Score(encoded, cancellationToken);
    }

    /// <summary>Scores texts already tokenised by this model's tokenizer.</summary>
    public IReadOnlyList<SentimentResult> Score(IReadOnlyList<long[]> encoded, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, encoded.Count).ToArray();
        if (_sortByLength)
        {
            // Stable, so equal lengths keep their order and results are reproducible.
            order = [.. order.OrderBy(i => encoded[i].Length)];
        }
        var results = new SentimentResult[encoded.Count];
        foreach (var batch in order.Chunk(_batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logits = Run([.. batch.Select(i => encoded[i])]);
            for (var row = 0; row < batch.Length; row++)
            {
                results[batch[row]] = Verdict(logits.AsSpan(row * _package.Labels.Count, _package.Labels.Count));
            }
        }
        return results;
    }

    private float[] Run(long[][] batch)
    {
        var length = batch.Max(t => t.Length);
        var ids = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        Array.Fill(ids, _package.Tokenizer.PadId);
        for (var row = 0; row < batch.Length; row++)
        {
            batch[row].CopyTo(ids, row * length);
            mask.AsSpan(row * length, batch[row].Length).Fill(1);
        }
        long[] shape = [batch.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        var values = _inputNames.Select(n => n switch { InputIds => idsValue, AttentionMask => maskValue, _ => typesValue }).ToArray();
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, _inputNames, values, _outputNames);
        var logits = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        return logits.Length == batch.Length * _package.Labels.Count
            ? logits
            : throw new InvalidDataException($"{_package.ModelPath} returned {logits.Length} logits for {batch.Length} texts and {_package.Labels.Count} labels.");
    }

    private SentimentResult Verdict(ReadOnlySpan<float> logits)
    {
        // Softmax less the largest logit, so no exponent overflows.
        var max = double.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit);
        }
        var probabilities = new double[logits.Length];
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = Math.Exp(logits[i] - max);
            sum += probabilities[i];
        }
        var best = 0;
        var score = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] /= sum;
            score += _package.ScoreSigns[i] * probabilities[i];
            best = probabilities[i] > probabilities[best] ? i : best;
        }
        var named = _package.Labels.Select((label, i) => (label, probabilities[i])).ToDictionary(p => p.label, p => p.Item2, StringComparer.Ordinal);
        return new SentimentResult(_package.Labels[best], Math.Clamp(score, -1, 1), probabilities[best], named);
    }

    public void Dispose() => _session.Dispose();
}
