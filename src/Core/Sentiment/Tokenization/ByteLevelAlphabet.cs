namespace CryptoFunctions.Core.Sentiment.Tokenization;

/// <summary>
/// GPT-2's reversible map of the 256 byte values to printable characters, on which byte-level BPE works:
/// printable Latin-1 bytes stand for themselves, the others (space, controls, ...) take the characters from
/// U+0100 on, in byte order, so a space is "Ġ" and a newline "Ċ".
/// </summary>
internal static class ByteLevelAlphabet
{
    public static readonly char[] Symbols = Build();

    private static char[] Build()
    {
        var symbols = new char[256];
        var next = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is (>= 0x21 and <= 0x7E) or (>= 0xA1 and <= 0xAC) or (>= 0xAE and <= 0xFF);
            symbols[b] = (char)(printable ? b : 256 + next++);
        }
        return symbols;
    }
}
