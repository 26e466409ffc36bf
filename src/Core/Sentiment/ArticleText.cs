namespace CryptoFunctions.Core.Sentiment;

/// <summary>What is scored of an article: its title, then its summary.</summary>
public sealed record ArticleText(long Id, string Title, string? Summary)
{
    public string Text => string.IsNullOrWhiteSpace(Summary) ? Title : $"{Title}\n{Summary}";
}
