using CryptoFunctions.Core.News;
using Xunit;

namespace CryptoFunctions.Tests.News;

public sealed class FeedDatesTests
{
    [Theory]
    [InlineData("Mon, 13 Mar 2023 10:13:50 +0000", "2023-03-13T10:13:50Z")]
    [InlineData("Wed, 13 Mar 2024 09:05:00 EDT", "2024-03-13T13:05:00Z")]
    [InlineData("Tue, 12 Mar 2024 17:30:00 EST", "2024-03-12T22:30:00Z")]
    [InlineData("Tue, 12 Mar 2024 08:00:00 PST", "2024-03-12T16:00:00Z")]
    [InlineData("Tue, 5 Mar 2024 9:05:00 GMT", "2024-03-05T09:05:00Z")]
    [InlineData("13 Mar 24 07:00 GMT", "2024-03-13T07:00:00Z")]
    [InlineData("13 Mar 99 07:00 UT", "1999-03-13T07:00:00Z")]
    [InlineData("Wednesday, 13-Mar-2024 05:30:00 GMT+0100", "2024-03-13T04:30:00Z")]
    [InlineData("Wed, 13 March 2024 10:00:00 +0530", "2024-03-13T04:30:00Z")]
    [InlineData("Wed, 13 Sept 2023 10:00:00 IST", "2023-09-13T04:30:00Z")]
    [InlineData("Wed, 13 Mar 2024 10:00:00", "2024-03-13T10:00:00Z")]
    [InlineData("Wed, 13 Mar 2024 10:00:00 -03:00", "2024-03-13T13:00:00Z")]
    [InlineData("2024-03-13T09:00:00-04:00", "2024-03-13T13:00:00Z")]
    [InlineData("2023-03-13T10:13:51.231+00:00", "2023-03-13T10:13:51.231Z")]
    [InlineData("2024-03-13T10:13:51Z", "2024-03-13T10:13:51Z")]
    [InlineData("2024-03-13 08:15:00", "2024-03-13T08:15:00Z")]
    [InlineData("2024-03-13", "2024-03-13T00:00:00Z")]
    [InlineData("Wed, 13 Mar 2024 10:00:00 +0000 (UTC)", "2024-03-13T10:00:00Z")]
    [InlineData("2024-03-13T10:00:00+0530", "2024-03-13T04:30:00Z")]
    [InlineData("2024-03-13T10:00:00.123456789Z", "2024-03-13T10:00:00.1234567Z")]
    [InlineData("wed, 13 mar 2024 10:00:00 gmt", "2024-03-13T10:00:00Z")]
    public void Parses_what_feeds_carry(string text, string expectedUtc)
    {
        Assert.True(FeedDates.TryParse(text, out var value), text);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Wed, 31 Feb 2024 10:00:00 GMT")]
    [InlineData("Wed, 13 Foo 2024 10:00:00 GMT")]
    [InlineData("Wed, 13 Mar 2024 25:00:00 GMT")]
    [InlineData("Wed, 13 Mar 2024 10:00:00 XYZ")]
    public void Rejects_what_is_not_a_date(string? text) => Assert.False(FeedDates.TryParse(text, out _));
}
