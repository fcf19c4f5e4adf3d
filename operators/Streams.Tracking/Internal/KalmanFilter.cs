using System.Diagnostics;

namespace Streams.Tracking.Internal;

/// <summary>
/// ByteTrack's (and DeepSORT's) constant-velocity Kalman filter on a box's centre x, y, aspect ratio w/h and height h,
/// with their velocities: an 8-value state and an 8x8 covariance (row-major), both owned by the caller. One predict is
/// one frame at the stream's rate; the noise scales with the box height, so a large near box may move more pixels.
/// </summary>
internal static class KalmanFilter
{
    /// <summary>Values in the state: x, y, a, h, vx, vy, va, vh.</summary>
    public const int StateSize = 8;

    /// <summary>Values in a measurement: x, y, a, h.</summary>
    public const int MeasurementSize = 4;

    /// <summary>Position noise per unit of box height (the reference's 1/20).</summary>
    public const double StdWeightPosition = 1.0 / 20;

    /// <summary>Velocity noise per unit of box height (the reference's 1/160).</summary>
    public const double StdWeightVelocity = 1.0 / 160;

    /// <summary>Process noise of the aspect ratio per frame (the reference's constant 1e-2).</summary>
    private const double AspectPositionStd = 1e-2;

    /// <summary>Process noise of the aspect ratio's velocity (the reference's constant 1e-5).</summary>
    private const double AspectVelocityStd = 1e-5;

    /// <summary>Measurement noise of the aspect ratio (the reference's constant 1e-1).</summary>
    private const double AspectMeasurementStd = 1e-1;

    /// <summary>Starts a state at <paramref name="measurement"/> (x, y, a, h) with zero velocity.</summary>
    public static void Initiate(ReadOnlySpan<double> measurement, Span<double> mean, Span<double> covariance)
    {
        Debug.Assert(measurement.Length >= MeasurementSize && mean.Length >= StateSize && covariance.Length >= StateSize * StateSize);
        double h = measurement[3];
        mean[0] = measurement[0];
        mean[1] = measurement[1];
        mean[2] = measurement[2];
        mean[3] = h;
        mean[4] = mean[5] = mean[6] = mean[7] = 0;
        covariance[..(StateSize * StateSize)].Clear();

        // Twice the per-frame position noise and ten times the velocity noise: a new track is uncertain.
        double pos = 2 * StdWeightPosition * h;
        double vel = 10 * StdWeightVelocity * h;
        SetDiagonal(covariance, 0, pos * pos);
        SetDiagonal(covariance, 1, pos * pos);
        SetDiagonal(covariance, 2, AspectPositionStd * AspectPositionStd);
        SetDiagonal(covariance, 3, pos * pos);
        SetDiagonal(covariance, 4, vel * vel);
        SetDiagonal(covariance, 5, vel * vel);
        SetDiagonal(covariance, 6, AspectVelocityStd * AspectVelocityStd);
        SetDiagonal(covariance, 7, vel * vel);
    }

    /// <summary>Moves the state one frame ahead: x += v, P = F P Fᵀ + Q, with Q from the height before the step.</summary>
    public static void Predict(Span<double> mean, Span<double> covariance)
    {
        double h = mean[3];
        double pos = StdWeightPosition * h;
        double vel = StdWeightVelocity * h;

        for (int i = 0; i < MeasurementSize; i++)
        {
            mean[i] += mean[i + MeasurementSize];
        }

        // F = [[I, I], [0, I]]: F P adds row r+4 to row r (r < 4), then (F P) Fᵀ adds column c+4 to column c.
        // Rows and columns 4..7 are read only, so both passes work in place.
        for (int r = 0; r < MeasurementSize; r++)
        {
            int row = r * StateSize;
            int below = (r + MeasurementSize) * StateSize;
            for (int c = 0; c < StateSize; c++)
            {
                covariance[row + c] += covariance[below + c];
            }
        }

        for (int r = 0; r < StateSize; r++)
        {
            int row = r * StateSize;
            for (int c = 0; c < MeasurementSize; c++)
            {
                covariance[row + c] += covariance[row + c + MeasurementSize];
            }
        }

        AddDiagonal(covariance, 0, pos * pos);
        AddDiagonal(covariance, 1, pos * pos);
        AddDiagonal(covariance, 2, AspectPositionStd * AspectPositionStd);
        AddDiagonal(covariance, 3, pos * pos);
        AddDiagonal(covariance, 4, vel * vel);
        AddDiagonal(covariance, 5, vel * vel);
        AddDiagonal(covariance, 6, AspectVelocityStd * AspectVelocityStd);
        AddDiagonal(covariance, 7, vel * vel);
    }

    /// <summary>
    /// Corrects the state with <paramref name="measurement"/> (x, y, a, h): S = H P Hᵀ + R, K = P Hᵀ S⁻¹,
    /// mean += K (z - H mean), P -= K H P (which equals the reference's P - K S Kᵀ).
    /// </summary>
    public static void Update(Span<double> mean, Span<double> covariance, ReadOnlySpan<double> measurement)
    {
        double h = mean[3];
        double pos = StdWeightPosition * h;

        // S: the top-left 4x4 block of P plus the measurement noise.
        Span<double> s = stackalloc double[MeasurementSize * MeasurementSize];
        for (int r = 0; r < MeasurementSize; r++)
        {
            for (int c = 0; c < MeasurementSize; c++)
            {
                s[(r * MeasurementSize) + c] = covariance[(r * StateSize) + c];
            }
        }

        s[0] += pos * pos;
        s[5] += pos * pos;
        s[10] += AspectMeasurementStd * AspectMeasurementStd;
        s[15] += pos * pos;

        Span<double> inverse = stackalloc double[MeasurementSize * MeasurementSize];
        InvertSymmetricPositiveDefinite4(s, inverse);

        // K = P[:, 0..3] S⁻¹ (8x4).
        Span<double> gain = stackalloc double[StateSize * MeasurementSize];
        for (int r = 0; r < StateSize; r++)
        {
            for (int c = 0; c < MeasurementSize; c++)
            {
                double sum = 0;
                for (int k = 0; k < MeasurementSize; k++)
                {
                    sum += covariance[(r * StateSize) + k] * inverse[(k * MeasurementSize) + c];
                }

                gain[(r * MeasurementSize) + c] = sum;
            }
        }

        Span<double> innovation = stackalloc double[MeasurementSize];
        for (int i = 0; i < MeasurementSize; i++)
        {
            innovation[i] = measurement[i] - mean[i];
        }

        for (int r = 0; r < StateSize; r++)
        {
            double sum = 0;
            for (int k = 0; k < MeasurementSize; k++)
            {
                sum += gain[(r * MeasurementSize) + k] * innovation[k];
            }

            mean[r] += sum;
        }

        // P -= K (H P): H P is the first four rows of P, copied before P changes.
        Span<double> top = stackalloc double[MeasurementSize * StateSize];
        covariance[..(MeasurementSize * StateSize)].CopyTo(top);
        for (int r = 0; r < StateSize; r++)
        {
            for (int c = 0; c < StateSize; c++)
            {
                double sum = 0;
                for (int k = 0; k < MeasurementSize; k++)
                {
                    sum += gain[(r * MeasurementSize) + k] * top[(k * StateSize) + c];
                }

                covariance[(r * StateSize) + c] -= sum;
            }
        }
    }

    /// <summary>Inverts a symmetric positive-definite 4x4 matrix through its Cholesky factor.</summary>
    private static void InvertSymmetricPositiveDefinite4(ReadOnlySpan<double> a, Span<double> inverse)
    {
        const int n = MeasurementSize;
        Span<double> l = stackalloc double[n * n];
        l.Clear();
        for (int j = 0; j < n; j++)
        {
            double d = a[(j * n) + j];
            for (int k = 0; k < j; k++)
            {
                d -= l[(j * n) + k] * l[(j * n) + k];
            }

            // The measurement noise keeps S positive definite; guard against a degenerate zero-height box anyway.
            d = Math.Sqrt(Math.Max(d, 1e-12));
            l[(j * n) + j] = d;
            for (int i = j + 1; i < n; i++)
            {
                double v = a[(i * n) + j];
                for (int k = 0; k < j; k++)
                {
                    v -= l[(i * n) + k] * l[(j * n) + k];
                }

                l[(i * n) + j] = v / d;
            }
        }

        // Solve L Lᵀ X = I column by column.
        Span<double> y = stackalloc double[n];
        for (int col = 0; col < n; col++)
        {
            for (int i = 0; i < n; i++)
            {
                double v = i == col ? 1 : 0;
                for (int k = 0; k < i; k++)
                {
                    v -= l[(i * n) + k] * y[k];
                }

                y[i] = v / l[(i * n) + i];
            }

            for (int i = n - 1; i >= 0; i--)
            {
                double v = y[i];
                for (int k = i + 1; k < n; k++)
                {
                    v -= l[(k * n) + i] * inverse[(k * n) + col];
                }

                inverse[(i * n) + col] = v / l[(i * n) + i];
            }
        }
    }

    private static void SetDiagonal(Span<double> covariance, int i, double value) => covariance[(i * StateSize) + i] = value;

    private static void AddDiagonal(Span<double> covariance, int i, double value) => covariance[(i * StateSize) + i] += value;
}
