using Mint.Verification.Checks.Soak;
using Mint.Verification.Settings;
using SkiaSharp;

namespace Mint.Verification.SelfTests.Soak;

/// <summary>
/// The soak's chart is a real PNG of the stated size that draws what the change board must see:
/// the latency limit across the chart, and a mark for each failed sample (none on a healthy soak).
/// Read back by decoding the PNG and counting the pixels of each colour (the three are far apart).
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SoakChartTests
{
    private static readonly DateTimeOffset Start = SoakSamples.Start;
    private static readonly TimeSpan Baseline = SoakSamples.Baseline;
    private static readonly TimeSpan Limit = Baseline * 3 + TimeSpan.FromMilliseconds(50);

    [Test]
    public void AFailedSoakShowsTheLimitAndItsFailedSamples()
    {
        var samples = SoakSamples.Of(i => i % 5 < 2 ? SoakSamples.Paused() : SoakSamples.Healthy());
        var verdict = SoakJudgement.Judge("files-api", samples, SoakSamples.Limits, Baseline, Start);

        using var picture = SKBitmap.Decode(SoakChart.Png(verdict, samples, Limit, Start));

        Assert.That((picture.Width, picture.Height), Is.EqualTo((SoakChart.Width, SoakChart.Height)));
        Assert.That(Pixels(picture, SoakChart.LimitColor), Is.GreaterThan(SoakChart.Width / 2), "the limit is a line across the chart");
        Assert.That(Pixels(picture, SoakChart.FailedColor), Is.GreaterThan(12 * 20), "12 failed samples, each a marked square");
        Assert.That(Pixels(picture, SoakChart.LatencyColor), Is.GreaterThan(100), "the latency line");
    }

    [Test]
    public void AHealthySoakHasNoFailedMark()
    {
        var samples = SoakSamples.Of(_ => SoakSamples.Healthy());
        var verdict = SoakJudgement.Judge("files-api", samples, SoakSamples.Limits, Baseline, Start);

        using var picture = SKBitmap.Decode(SoakChart.Png(verdict, samples, Limit, Start));

        Assert.That(Pixels(picture, SoakChart.FailedColor), Is.Zero);
        Assert.That(Pixels(picture, SoakChart.LimitColor), Is.GreaterThan(SoakChart.Width / 2));
    }

    private static int Pixels(SKBitmap picture, ScottPlot.Color color)
    {
        var wanted = new SKColor(color.R, color.G, color.B);
        var count = 0;
        for (var y = 0; y < picture.Height; y++)
        {
            for (var x = 0; x < picture.Width; x++)
            {
                var pixel = picture.GetPixel(x, y);
                // Within a few steps per channel: an antialiased line between two pixel rows blends a little.
                if (Math.Abs(pixel.Red - wanted.Red) <= 8 && Math.Abs(pixel.Green - wanted.Green) <= 8 && Math.Abs(pixel.Blue - wanted.Blue) <= 8)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
