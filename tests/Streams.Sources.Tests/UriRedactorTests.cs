namespace Streams.Sources.Tests;

[Trait("Tier", "Unit")]
public sealed class UriRedactorTests
{
    [Theory]
    [InlineData("rtsp://admin:secret@cam.local:554/stream1", "rtsp://***@cam.local:554/stream1")]
    [InlineData("rtsp://admin@cam.local/stream1", "rtsp://***@cam.local/stream1")]
    [InlineData("rtsp://:secret@cam.local/x", "rtsp://***@cam.local/x")]
    [InlineData("rtsp://us%40er:p%3Ass%2Fw@cam/x", "rtsp://***@cam/x")]
    [InlineData("rtsp://admin:p@ss@cam/x", "rtsp://***@cam/x")]
    [InlineData("rtsp://admin:pa/ss@cam/x", "rtsp://***@cam/x")]
    [InlineData("RTSPS://Admin:Secret@Cam/x", "RTSPS://***@Cam/x")]
    [InlineData("http://user:pw@example.com/video.mjpg", "http://***@example.com/video.mjpg")]
    [InlineData("https://example.com/live.m3u8?token=abc.def&quality=hd", "https://example.com/live.m3u8?token=***&quality=hd")]
    [InlineData("http://cam/snap.cgi?user=admin&password=hunter2", "http://cam/snap.cgi?user=admin&password=***")]
    [InlineData("http://cam/x?PWD=1&api_key=2&sig=3;access_token=4#id_token=5", "http://cam/x?PWD=***&api_key=***&sig=***;access_token=***#id_token=***")]
    [InlineData("http://u:p@cam/x?Password=q", "http://***@cam/x?Password=***")]
    public void A_url_loses_its_credentials(string url, string expected) => Assert.Equal(expected, UriRedactor.Redact(url));

    [Theory]
    [InlineData("rtsp://cam.local:554/stream1")]
    [InlineData("rtsp://cam.local:554/live@main")]
    [InlineData("http://cam/x?quality=hd&fps=5")]
    [InlineData("/videos/clip@2x.mp4")]
    [InlineData("clip.mp4")]
    [InlineData("")]
    public void Text_without_credentials_is_unchanged(string text) => Assert.Equal(text, UriRedactor.Redact(text));

    [Fact]
    public void Every_url_in_a_message_is_redacted()
    {
        const string message = "Input #0, rtsp, from 'rtsp://admin:secret@10.0.0.5/h264': failed; retrying rtsp://b:c@10.0.0.6/x now";
        Assert.Equal("Input #0, rtsp, from 'rtsp://***@10.0.0.5/h264': failed; retrying rtsp://***@10.0.0.6/x now", UriRedactor.Redact(message));
    }

    [Fact]
    public void Punctuation_after_a_url_stays_with_the_text()
    {
        Assert.Equal("http://cam/x?token=***: Server returned 404 Not Found", UriRedactor.Redact("http://cam/x?token=abc: Server returned 404 Not Found"));
        Assert.Equal("(see rtsp://***@cam/x).", UriRedactor.Redact("(see rtsp://u:p@cam/x)."));
    }

    [Fact]
    public void Null_becomes_empty() => Assert.Equal("", UriRedactor.Redact(null));
}
