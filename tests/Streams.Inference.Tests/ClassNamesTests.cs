namespace Streams.Inference.Tests;

[Trait("Tier", "Unit")]
public sealed class ClassNamesTests
{
    [Fact]
    public void Ultralytics_names_metadata_parses_as_a_python_dict()
    {
        Assert.Equal(["person", "bicycle", "traffic light"], ClassNames.Parse("{0: 'person', 1: 'bicycle', 2: 'traffic light'}"));
    }

    [Fact]
    public void Quotes_escapes_json_lists_and_gaps_are_handled()
    {
        Assert.Equal(["o'clock", "say \"hi\""], ClassNames.Parse("{0: \"o'clock\", 1: 'say \"hi\"'}"));
        Assert.Equal(["it's"], ClassNames.Parse("{0: 'it\\'s'}"));
        Assert.Equal(["a", "b"], ClassNames.Parse("{\"0\": \"a\", \"1\": \"b\"}"));
        Assert.Equal(["a", "b"], ClassNames.Parse("['a', 'b']"));
        Assert.Equal(["0", "one", "2", "three"], ClassNames.Parse("{1: 'one', 3: 'three'}"));
        Assert.Empty(ClassNames.Parse("{}"));
    }

    [Theory]
    [InlineData("person, car")]
    [InlineData("{0: person}")]
    [InlineData("{0: 'person'")]
    [InlineData("{x: 'person'}")]
    public void Malformed_names_are_a_format_error(string text)
    {
        Assert.Throws<FormatException>(() => ClassNames.Parse(text));
    }

    [Fact]
    public void Configured_names_win_over_metadata_and_numbers_fill_in_when_neither_exists()
    {
        var metadata = new Dictionary<string, string> { ["names"] = "{0: 'person'}" };

        Assert.Equal(["car"], ClassNames.Resolve(["car"], metadata, 1));
        Assert.Equal(["person"], ClassNames.Resolve([], metadata, 1));
        Assert.Equal(["0", "1"], ClassNames.Resolve([], new Dictionary<string, string>(), 2));
        Assert.Equal("7", ClassNames.NameOf(["a"], 7));
        Assert.Equal(1, ClassNames.IndexOf(["a", "b"], "b"));
        Assert.Equal(5, ClassNames.IndexOf(["a", "b"], "5"));
        Assert.Equal(-1, ClassNames.IndexOf(["a", "b"], "c"));
    }
}
