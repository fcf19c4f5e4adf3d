using Streams.Tracking.Internal;

namespace Streams.Tracking.Tests;

[Trait("Tier", "Unit")]
public sealed class LinearAssignmentTests
{
    [Fact]
    public void The_solver_matches_brute_force_on_random_matrices_with_a_cost_limit()
    {
        var random = new Random(1234);
        var solver = new LinearAssignment();
        for (int round = 0; round < 400; round++)
        {
            (float[] costs, int rows, int cols) = RandomMatrix(random);
            const double limit = 0.6;
            var rowToCol = new int[rows];
            var colToRow = new int[cols];

            int matched = solver.Solve(costs, rows, cols, limit, rowToCol, colToRow);

            AssertConsistent(costs, rows, cols, limit, rowToCol, colToRow, matched);
            double best = BruteForce(costs, rows, cols, 0, new bool[cols], limit);
            Assert.Equal(best, Objective(costs, cols, rowToCol, limit), 5);
        }
    }

    [Fact]
    public void Without_a_limit_the_solver_finds_a_largest_matching_of_least_cost_like_brute_force()
    {
        var random = new Random(99);
        var solver = new LinearAssignment();
        for (int round = 0; round < 400; round++)
        {
            (float[] costs, int rows, int cols) = RandomMatrix(random);
            var rowToCol = new int[rows];
            var colToRow = new int[cols];

            int matched = solver.Solve(costs, rows, cols, double.PositiveInfinity, rowToCol, colToRow);

            AssertConsistent(costs, rows, cols, double.PositiveInfinity, rowToCol, colToRow, matched);
            (int bestCount, double bestCost) = BruteForceLargest(costs, rows, cols, 0, new bool[cols]);
            Assert.Equal(bestCount, matched);
            Assert.Equal(bestCost, Objective(costs, cols, rowToCol, 0), 5);
        }
    }

    [Fact]
    public void A_pair_at_or_above_the_limit_is_never_matched_even_when_it_is_the_only_one()
    {
        var solver = new LinearAssignment();
        var rowToCol = new int[2];
        var colToRow = new int[2];

        int matched = solver.Solve([0.8f, 0.9f, float.NaN, 0.79f], 2, 2, 0.8, rowToCol, colToRow);

        Assert.Equal(1, matched);
        Assert.Equal([-1, 1], rowToCol);
        Assert.Equal([-1, 1], colToRow);
    }

    [Fact]
    public void The_solver_prefers_the_assignment_of_least_total_cost_over_a_greedy_one()
    {
        // Greedy takes (0,0) at 0.1 and leaves row 1 with 0.75; the optimum is (0,1) + (1,0) = 0.2 + 0.3.
        var solver = new LinearAssignment();
        var rowToCol = new int[2];
        var colToRow = new int[2];

        solver.Solve([0.1f, 0.2f, 0.3f, 0.75f], 2, 2, 0.8, rowToCol, colToRow);

        Assert.Equal([1, 0], rowToCol);
    }

    [Fact]
    public void Empty_matrices_match_nothing()
    {
        var solver = new LinearAssignment();
        Assert.Equal(0, solver.Solve([], 0, 3, 0.8, [], new int[3]));
        Assert.Equal(0, solver.Solve([], 2, 0, 0.8, new int[2], []));
    }

    private static (float[] Costs, int Rows, int Cols) RandomMatrix(Random random)
    {
        int rows = random.Next(1, 7);
        int cols = random.Next(1, 7);
        var costs = new float[rows * cols];
        for (int i = 0; i < costs.Length; i++)
        {
            double roll = random.NextDouble();
            costs[i] = roll < 0.1 ? float.NaN : roll < 0.2 ? float.PositiveInfinity : (float)random.NextDouble();
        }

        return (costs, rows, cols);
    }

    private static void AssertConsistent(float[] costs, int rows, int cols, double limit, int[] rowToCol, int[] colToRow, int matched)
    {
        int count = 0;
        for (int r = 0; r < rows; r++)
        {
            int c = rowToCol[r];
            if (c < 0)
            {
                continue;
            }

            count++;
            Assert.Equal(r, colToRow[c]);
            Assert.True(float.IsFinite(costs[(r * cols) + c]) && costs[(r * cols) + c] < limit);
        }

        Assert.Equal(matched, count);
        for (int c = 0; c < cols; c++)
        {
            Assert.True(colToRow[c] < 0 || rowToCol[colToRow[c]] == c);
        }
    }

    /// <summary>Σ (cost - limit) over matched pairs.</summary>
    private static double Objective(float[] costs, int cols, int[] rowToCol, double limit)
    {
        double sum = 0;
        for (int r = 0; r < rowToCol.Length; r++)
        {
            if (rowToCol[r] >= 0)
            {
                sum += costs[(r * cols) + rowToCol[r]] - limit;
            }
        }

        return sum;
    }

    private static double BruteForce(float[] costs, int rows, int cols, int row, bool[] used, double limit)
    {
        if (row == rows)
        {
            return 0;
        }

        double best = BruteForce(costs, rows, cols, row + 1, used, limit);
        for (int c = 0; c < cols; c++)
        {
            float cost = costs[(row * cols) + c];
            if (used[c] || !(cost < limit))
            {
                continue;
            }

            used[c] = true;
            best = Math.Min(best, cost - limit + BruteForce(costs, rows, cols, row + 1, used, limit));
            used[c] = false;
        }

        return best;
    }

    private static (int Count, double Cost) BruteForceLargest(float[] costs, int rows, int cols, int row, bool[] used)
    {
        if (row == rows)
        {
            return (0, 0);
        }

        (int Count, double Cost) best = BruteForceLargest(costs, rows, cols, row + 1, used);
        for (int c = 0; c < cols; c++)
        {
            float cost = costs[(row * cols) + c];
            if (used[c] || !float.IsFinite(cost))
            {
                continue;
            }

            used[c] = true;
            (int count, double rest) = BruteForceLargest(costs, rows, cols, row + 1, used);
            used[c] = false;
            (int Count, double Cost) candidate = (count + 1, rest + cost);
            if (candidate.Count > best.Count || (candidate.Count == best.Count && candidate.Cost < best.Cost))
            {
                best = candidate;
            }
        }

        return best;
    }
}
