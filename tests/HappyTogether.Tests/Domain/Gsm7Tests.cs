using HappyTogether.Foundation.Text;

namespace HappyTogether.Tests.Domain;

public class Gsm7Tests
{
    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Plain_text_segments(int length, int segments) => Assert.Equal(segments, Gsm7.Segments(new string('a', length)));

    [Fact]
    public void Extension_characters_count_twice_and_other_characters_need_UCS2()
    {
        Assert.Equal(4, Gsm7.Septets("[ok"));
        Assert.Null(Gsm7.Septets("ok \u2019"));
        Assert.Equal(1, Gsm7.Segments(new string('x', 69) + "\u2014"));
        Assert.Equal(2, Gsm7.Segments(new string('x', 70) + "\u2014"));
    }

    [Theory]
    [InlineData("Zoë", "Zoe")]
    [InlineData("José", "José")]
    [InlineData("Łukasz", "ukasz")]
    [InlineData("Ana 💕", "Ana")]
    [InlineData("李", "")]
    public void Names_are_spelled_in_GSM7(string name, string expected) => Assert.Equal(expected, Gsm7.Transliterate(name));
}
