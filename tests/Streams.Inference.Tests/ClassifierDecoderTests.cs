namespace Streams.Inference.Tests;

[Trait("Tier", "Unit")]
public sealed class ClassifierDecoderTests
{
    [Fact]
    public void Logits_go_through_softmax_and_the_top_k_come_best_first()
    {
        float[] logits = [1, 3, 2, 0];
        int[] classes = new int[2];
        float[] confidences = new float[2];

        int n = ClassifierDecoder.TopK(logits, ClassifierOutputKind.Auto, classes, confidences);

        float sum = MathF.Exp(1) + MathF.Exp(3) + MathF.Exp(2) + MathF.Exp(0);
        Assert.Equal(2, n);
        Assert.Equal([1, 2], classes);
        Assert.Equal(MathF.Exp(3) / sum, confidences[0], 1e-6f);
        Assert.Equal(MathF.Exp(2) / sum, confidences[1], 1e-6f);
    }

    [Fact]
    public void Probabilities_are_recognised_and_used_as_they_are()
    {
        float[] probabilities = [0.1f, 0.6f, 0.3f];
        Assert.True(ClassifierDecoder.LooksLikeProbabilities(probabilities));
        int[] classes = new int[3];
        float[] confidences = new float[3];

        ClassifierDecoder.TopK(probabilities, ClassifierOutputKind.Auto, classes, confidences);

        Assert.Equal([1, 2, 0], classes);
        Assert.Equal([0.6f, 0.3f, 0.1f], confidences);
    }

    [Fact]
    public void The_kind_can_be_forced_either_way()
    {
        float[] scores = [0.2f, 0.8f];
        int[] top = new int[1];
        float[] confidence = new float[1];

        ClassifierDecoder.TopK(scores, ClassifierOutputKind.Logits, top, confidence);
        Assert.Equal(1 / (1 + MathF.Exp(-0.6f)), confidence[0], 1e-6f);

        ClassifierDecoder.TopK([3f, 5f], ClassifierOutputKind.Probabilities, top, confidence);
        Assert.Equal((1, 5f), (top[0], confidence[0]));
    }

    [Fact]
    public void Asking_for_more_than_there_are_gives_them_all()
    {
        int[] classes = new int[5];
        float[] confidences = new float[5];

        Assert.Equal(2, ClassifierDecoder.TopK([0.5f, 0.5f], ClassifierOutputKind.Probabilities, classes, confidences));
    }
}
