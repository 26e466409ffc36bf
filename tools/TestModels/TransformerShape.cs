namespace CryptoFunctions.TestModels;

/// <summary>The architecture of a generated encoder: BERT (with token type ids) or RoBERTa (positions offset past the pad id).</summary>
public sealed record TransformerShape(
    TransformerKind Kind, int VocabularySize, int Hidden, int Layers, int Heads, int Intermediate, int MaxPositions, int Labels = 3, float WeightStd = 0.02f)
{
    /// <summary>RoBERTa numbers positions from pad id + 1, so its table is two rows longer than the tokens it takes.</summary>
    public const int RobertaPadId = 1;

    // Tiny models draw wider weights than BERT's 0.02, so attention is peaked and a wrong mask or position
    // shows in the verdicts instead of vanishing into near-uniform averages.
    public static TransformerShape TinyBert(int vocabularySize) => new(TransformerKind.Bert, vocabularySize, 32, 2, 4, 64, 512, WeightStd: 0.3f);

    public static TransformerShape TinyRoberta(int vocabularySize) => new(TransformerKind.Roberta, vocabularySize, 32, 2, 4, 64, 514, WeightStd: 0.3f);

    /// <summary>bert-base-uncased, FinBERT's architecture.</summary>
    public static TransformerShape BaseBert => new(TransformerKind.Bert, 30522, 768, 12, 12, 3072, 512);

    /// <summary>roberta-base, CryptoBERT's architecture.</summary>
    public static TransformerShape BaseRoberta => new(TransformerKind.Roberta, 50265, 768, 12, 12, 3072, 514);
}

public enum TransformerKind
{
    Bert,
    Roberta,
}
