namespace CryptoFunctions.Core.Sentiment.Tokenization;

/// <summary>Turns text into a model's input ids, exactly as the model's Hugging Face tokenizer does.</summary>
public interface ITokenizer
{
    /// <summary>The id that pads a shorter sequence in a batch.</summary>
    long PadId { get; }

    /// <summary>
    /// The ids of <paramref name="text"/> with the model's special tokens around them, truncated to at most
    /// <paramref name="maxTokens"/> ids in all, as Hugging Face truncates one sequence: the text's own tokens are cut.
    /// </summary>
    long[] Encode(string text, int maxTokens);
}
