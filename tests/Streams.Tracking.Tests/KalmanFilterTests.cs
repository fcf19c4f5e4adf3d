using Streams.Tracking.Internal;

namespace Streams.Tracking.Tests;

[Trait("Tier", "Unit")]
public sealed class KalmanFilterTests
{
    private const int N = KalmanFilter.StateSize;

    private static (double[] Mean, double[] Covariance) Initiated()
    {
        var mean = new double[N];
        var covariance = new double[N * N];
        KalmanFilter.Initiate([50, 100, 0.5, 40], mean, covariance);
        return (mean, covariance);
    }

    [Fact]
    public void Initiate_starts_at_the_measurement_with_zero_velocity_and_height_scaled_variances()
    {
        (double[] mean, double[] p) = Initiated();

        Assert.Equal([50, 100, 0.5, 40, 0, 0, 0, 0], mean);
        // (2 * 40 / 20)^2 = 16, 1e-2^2, (10 * 40 / 160)^2 = 6.25, 1e-5^2.
        Assert.Equal(16, p[0], 12);
        Assert.Equal(16, p[(1 * N) + 1], 12);
        Assert.Equal(1e-4, p[(2 * N) + 2], 15);
        Assert.Equal(16, p[(3 * N) + 3], 12);
        Assert.Equal(6.25, p[(4 * N) + 4], 12);
        Assert.Equal(1e-10, p[(6 * N) + 6], 15);
        Assert.Equal(0, p[(0 * N) + 4]);
    }

    [Fact]
    public void Predict_adds_the_velocity_covariance_and_the_process_noise_of_the_height_before_the_step()
    {
        (double[] mean, double[] p) = Initiated();
        mean[4] = 3;
        mean[5] = -1;
        mean[7] = 2;

        KalmanFilter.Predict(mean, p);

        Assert.Equal([53, 99, 0.5, 42, 3, -1, 0, 2], mean);
        // P00 = 16 + 6.25 + (40 / 20)^2; the noise uses h = 40, not the predicted 42.
        Assert.Equal(26.25, p[0], 12);
        Assert.Equal(26.25, p[(3 * N) + 3], 12);
        Assert.Equal(6.25, p[4], 12);
        Assert.Equal(6.25, p[4 * N], 12);
        // P44 = 6.25 + (40 / 160)^2.
        Assert.Equal(6.3125, p[(4 * N) + 4], 12);
        // Aspect: 1e-4 + 1e-10 + 1e-4.
        Assert.Equal(2.000001e-4, p[(2 * N) + 2], 15);
        Assert.Equal(0, p[1]);
    }

    [Fact]
    public void Update_moves_the_state_by_the_kalman_gain_and_shrinks_the_covariance()
    {
        (double[] mean, double[] p) = Initiated();
        KalmanFilter.Predict(mean, p);

        KalmanFilter.Update(mean, p, [52, 100, 0.5, 40]);

        // S00 = 26.25 + (40 / 20)^2 = 30.25; K00 = 26.25 / 30.25; K40 = 6.25 / 30.25; innovation x = 2.
        Assert.Equal(50 + (2 * 26.25 / 30.25), mean[0], 10);
        Assert.Equal(100, mean[1], 10);
        Assert.Equal(0.5, mean[2], 10);
        Assert.Equal(40, mean[3], 10);
        Assert.Equal(2 * 6.25 / 30.25, mean[4], 10);
        Assert.Equal(0, mean[5], 10);
        // P' = P - K S Kᵀ: 26.25 - 26.25² / 30.25, 6.25 - 26.25 * 6.25 / 30.25, 6.3125 - 6.25² / 30.25.
        Assert.Equal(26.25 * 4 / 30.25, p[0], 10);
        Assert.Equal(6.25 * 4 / 30.25, p[4], 10);
        Assert.Equal(6.25 * 4 / 30.25, p[4 * N], 10);
        Assert.Equal(6.3125 - (6.25 * 6.25 / 30.25), p[(4 * N) + 4], 10);
    }

    [Fact]
    public void A_box_moving_at_constant_speed_is_predicted_to_within_a_pixel_after_twenty_updates()
    {
        var mean = new double[N];
        var p = new double[N * N];
        KalmanFilter.Initiate([100, 200, 1.5, 40], mean, p);
        for (int i = 1; i <= 20; i++)
        {
            KalmanFilter.Predict(mean, p);
            KalmanFilter.Update(mean, p, [100 + (5.0 * i), 200, 1.5, 40]);
        }

        KalmanFilter.Predict(mean, p);

        Assert.InRange(mean[0], 100 + (5.0 * 21) - 1, 100 + (5.0 * 21) + 1);
        Assert.InRange(mean[4], 4.5, 5.5);
    }
}
