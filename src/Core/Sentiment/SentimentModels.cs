using CryptoFunctions.Core.Sentiment.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.Sentiment;

/// <summary>
/// The active models of this process: every transformer package found under <see cref="SentimentOptions.ModelsPath"/>,
/// each loaded once, and VADER, which needs no files, so a fresh install still scores.
/// </summary>
public sealed class SentimentModels : IDisposable
{
    private readonly List<OnnxSentimentModel> _transformers = [];

    public SentimentModels(IOptions<SentimentOptions> options, ILogger<SentimentModels> logger)
    {
        var settings = options.Value;
        try
        {
            foreach (var package in ModelPackage.LoadAll(settings.ModelsPath))
            {
                _transformers.Add(new OnnxSentimentModel(package, settings));
                logger.LogInformation("Sentiment model {Model} {Version} loaded from {Folder} ({Labels})",
                    package.Manifest.Name, package.Manifest.Version, package.Folder, string.Join(", ", package.Labels));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
        if (_transformers.Count == 0)
        {
            logger.LogInformation("No model packages under {ModelsPath}: scoring with {Model} only", Path.GetFullPath(settings.ModelsPath), VaderSentimentModel.ModelName);
        }
        All = [.. _transformers, new VaderSentimentModel(options)];
    }

    public IReadOnlyList<ISentimentModel> All { get; }

    public void Dispose()
    {
        foreach (var model in _transformers)
        {
            model.Dispose();
        }
    }
}
