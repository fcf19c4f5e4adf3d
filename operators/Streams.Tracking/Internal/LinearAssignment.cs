using System.Diagnostics;

namespace Streams.Tracking.Internal;

/// <summary>
/// Optimal rectangular assignment with a cost limit (what ByteTrack gets from <c>lap.lapjv(..., extend_cost=True,
/// cost_limit=thresh)</c>): pairs costing less than the limit are candidates, and the matching minimises
/// Σ (cost - limit) over matched pairs, so a pair is taken only where it beats leaving both sides unmatched.
/// With an infinite limit it finds a largest matching of least total cost over the finite entries instead
/// (what CLEAR MOT wants). NaN and infinite costs are never matched.
/// </summary>
/// <remarks>
/// The candidate pairs are split into connected components first, each solved with the shortest-augmenting-path
/// Hungarian method (Jonker-Volgenant potentials) on rows × (columns + one "unmatched" column per row). Tracking
/// costs are sparse (boxes far apart have IoU 0), so the components stay small and hundreds of objects cost little.
/// A problem is given either as a dense matrix (<see cref="Solve"/>) or as its candidate pairs
/// (<see cref="AddEdge"/>, <see cref="SolveEdges"/>). Buffers are kept between calls; an instance is not
/// thread-safe. Shared as a linked source file with Streams.Evaluation, which must not depend on the tracker.
/// </remarks>
internal sealed class LinearAssignment
{
    private Edge[] _edges = new Edge[64];
    private Edge[] _sortedEdges = [];
    private int _edgeCount;
    private int[] _parent = [];
    private int[] _nodeStart = [];
    private int[] _edgeStart = [];
    private int[] _nodes = [];
    private int[] _fill = [];
    private int[] _local = [];
    private bool[] _isEdge = [];
    private double[] _matrix = [];
    private double[] _u = [];
    private double[] _v = [];
    private double[] _minv = [];
    private int[] _p = [];
    private int[] _way = [];
    private bool[] _used = [];

    /// <summary>
    /// Matches rows to columns of the row-major <paramref name="costs"/> (<paramref name="rows"/> × <paramref name="cols"/>).
    /// </summary>
    /// <param name="costs">The costs; NaN or infinity forbids a pair.</param>
    /// <param name="rows">Rows of the matrix.</param>
    /// <param name="cols">Columns of the matrix.</param>
    /// <param name="costLimit">Pairs costing this or more are never matched; infinity for a largest matching.</param>
    /// <param name="rowToCol">Receives each row's column, or -1.</param>
    /// <param name="colToRow">Receives each column's row, or -1.</param>
    /// <returns>The number of matched pairs.</returns>
    public int Solve(ReadOnlySpan<float> costs, int rows, int cols, double costLimit, Span<int> rowToCol, Span<int> colToRow)
    {
        Debug.Assert(costs.Length >= rows * cols);
        _edgeCount = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = costs.Slice(r * cols, cols);
            for (int c = 0; c < cols; c++)
            {
                float cost = row[c];
                if (float.IsFinite(cost) && cost < costLimit)
                {
                    AddEdge(r, c, cost);
                }
            }
        }

        return SolveEdges(rows, cols, costLimit, rowToCol, colToRow);
    }

    /// <summary>Forgets the candidate pairs added so far: the start of a sparse problem.</summary>
    public void ClearEdges() => _edgeCount = 0;

    /// <summary>Adds a candidate pair of a sparse problem; pairs not added are forbidden. Each pair at most once.</summary>
    public void AddEdge(int row, int col, float cost)
    {
        if (_edgeCount == _edges.Length)
        {
            Array.Resize(ref _edges, _edges.Length * 2);
        }

        _edges[_edgeCount++] = new Edge(row, col, cost);
    }

    /// <summary>Solves the sparse problem given with <see cref="AddEdge"/>; see <see cref="Solve"/> for the rest.</summary>
    public int SolveEdges(int rows, int cols, double costLimit, Span<int> rowToCol, Span<int> colToRow)
    {
        Debug.Assert(rowToCol.Length >= rows && colToRow.Length >= cols);
        rowToCol[..rows].Fill(-1);
        colToRow[..cols].Fill(-1);
        if (rows == 0 || cols == 0)
        {
            return 0;
        }

        // Keep only the candidates: finite and below the limit.
        int kept = 0;
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        for (int e = 0; e < _edgeCount; e++)
        {
            Edge edge = _edges[e];
            if (float.IsFinite(edge.Cost) && edge.Cost < costLimit)
            {
                Debug.Assert((uint)edge.Row < (uint)rows && (uint)edge.Col < (uint)cols);
                _edges[kept++] = edge;
                min = Math.Min(min, edge.Cost);
                max = Math.Max(max, edge.Cost);
            }
        }

        _edgeCount = kept;
        if (kept == 0)
        {
            return 0;
        }

        // Without a limit: one that makes one more match always worth more than any saving in cost, so that
        // minimising Σ (cost - limit) finds a largest matching first and the cheapest among those second.
        double limit = double.IsPositiveInfinity(costLimit) ? max + ((Math.Min(rows, cols) + 1) * (max - min)) + 1 : costLimit;

        int nodes = rows + cols;
        EnsureCapacity(ref _parent, nodes);
        for (int i = 0; i < nodes; i++)
        {
            _parent[i] = i;
        }

        for (int e = 0; e < kept; e++)
        {
            Union(_edges[e].Row, rows + _edges[e].Col);
        }

        // Bucket nodes and edges by root (counting sorts), so each component's rows, columns and edges lie together.
        EnsureCapacity(ref _nodeStart, nodes + 1);
        EnsureCapacity(ref _edgeStart, nodes + 1);
        EnsureCapacity(ref _nodes, nodes);
        EnsureCapacity(ref _fill, nodes);
        EnsureCapacity(ref _sortedEdges, kept);
        EnsureCapacity(ref _local, nodes);
        Array.Clear(_nodeStart, 0, nodes + 1);
        Array.Clear(_edgeStart, 0, nodes + 1);
        for (int i = 0; i < nodes; i++)
        {
            _parent[i] = Find(i);
            _nodeStart[_parent[i] + 1]++;
        }

        for (int e = 0; e < kept; e++)
        {
            _edgeStart[_parent[_edges[e].Row] + 1]++;
        }

        for (int i = 0; i < nodes; i++)
        {
            _nodeStart[i + 1] += _nodeStart[i];
            _edgeStart[i + 1] += _edgeStart[i];
        }

        _nodeStart.AsSpan(0, nodes).CopyTo(_fill);
        for (int i = 0; i < nodes; i++)
        {
            _nodes[_fill[_parent[i]]++] = i;
        }

        _edgeStart.AsSpan(0, nodes).CopyTo(_fill);
        for (int e = 0; e < kept; e++)
        {
            _sortedEdges[_fill[_parent[_edges[e].Row]]++] = _edges[e];
        }

        int matched = 0;
        for (int root = 0; root < nodes; root++)
        {
            int edgeFrom = _edgeStart[root];
            int edgeTo = _edgeStart[root + 1];
            if (edgeTo == edgeFrom)
            {
                continue;
            }

            if (edgeTo - edgeFrom == 1)
            {
                Edge only = _sortedEdges[edgeFrom];
                rowToCol[only.Row] = only.Col;
                colToRow[only.Col] = only.Row;
                matched++;
                continue;
            }

            // Nodes were bucketed in index order: the component's rows (index < rows) come before its columns.
            int nodeFrom = _nodeStart[root];
            int nodeTo = _nodeStart[root + 1];
            int rowCount = 0;
            while (nodeFrom + rowCount < nodeTo && _nodes[nodeFrom + rowCount] < rows)
            {
                _local[_nodes[nodeFrom + rowCount]] = rowCount;
                rowCount++;
            }

            for (int j = nodeFrom + rowCount; j < nodeTo; j++)
            {
                _local[_nodes[j]] = j - nodeFrom - rowCount;
            }

            matched += SolveComponent(limit, _nodes.AsSpan(nodeFrom, rowCount), _nodes.AsSpan(nodeFrom + rowCount, nodeTo - nodeFrom - rowCount),
                _sortedEdges.AsSpan(edgeFrom, edgeTo - edgeFrom), rows, rowToCol, colToRow);
        }

        return matched;
    }

    private int SolveComponent(double limit, ReadOnlySpan<int> rowNodes, ReadOnlySpan<int> colNodes, ReadOnlySpan<Edge> edges,
        int rows, Span<int> rowToCol, Span<int> colToRow)
    {
        int n = rowNodes.Length;
        int realCols = colNodes.Length;
        int m = realCols + n;

        // Rows × (real columns + one "unmatched" column per row), 1-based for the potentials algorithm. Leaving a row
        // unmatched costs the limit, so a real pair is taken only below it; non-candidates cost the limit too and are
        // never reported.
        int stride = m + 1;
        int size = (n + 1) * stride;
        EnsureCapacity(ref _matrix, size);
        EnsureCapacity(ref _isEdge, size);
        _matrix.AsSpan(0, size).Fill(limit);
        Array.Clear(_isEdge, 0, size);
        foreach (Edge edge in edges)
        {
            int index = ((_local[edge.Row] + 1) * stride) + _local[rows + edge.Col] + 1;
            _matrix[index] = edge.Cost;
            _isEdge[index] = true;
        }

        Hungarian(n, m);

        int matched = 0;
        for (int j = 1; j <= realCols; j++)
        {
            int i = _p[j];
            if (i != 0 && _isEdge[(i * stride) + j])
            {
                int r = rowNodes[i - 1];
                int c = colNodes[j - 1] - rows;
                rowToCol[r] = c;
                colToRow[c] = r;
                matched++;
            }
        }

        return matched;
    }

    /// <summary>Shortest augmenting paths with potentials on the 1-based n × m matrix (n ≤ m); fills <see cref="_p"/>.</summary>
    private void Hungarian(int n, int m)
    {
        EnsureCapacity(ref _u, n + 1);
        EnsureCapacity(ref _v, m + 1);
        EnsureCapacity(ref _minv, m + 1);
        EnsureCapacity(ref _p, m + 1);
        EnsureCapacity(ref _way, m + 1);
        EnsureCapacity(ref _used, m + 1);
        Array.Clear(_u, 0, n + 1);
        Array.Clear(_v, 0, m + 1);
        Array.Clear(_p, 0, m + 1);
        Array.Clear(_way, 0, m + 1);
        int stride = m + 1;
        for (int i = 1; i <= n; i++)
        {
            _p[0] = i;
            int j0 = 0;
            Array.Fill(_minv, double.PositiveInfinity, 0, m + 1);
            Array.Clear(_used, 0, m + 1);
            do
            {
                _used[j0] = true;
                int i0 = _p[j0];
                double delta = double.PositiveInfinity;
                int j1 = 0;
                int rowBase = i0 * stride;
                double ui0 = _u[i0];
                for (int j = 1; j <= m; j++)
                {
                    if (_used[j])
                    {
                        continue;
                    }

                    double cur = _matrix[rowBase + j] - ui0 - _v[j];
                    if (cur < _minv[j])
                    {
                        _minv[j] = cur;
                        _way[j] = j0;
                    }

                    if (_minv[j] < delta)
                    {
                        delta = _minv[j];
                        j1 = j;
                    }
                }

                for (int j = 0; j <= m; j++)
                {
                    if (_used[j])
                    {
                        _u[_p[j]] += delta;
                        _v[j] -= delta;
                    }
                    else
                    {
                        _minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (_p[j0] != 0);

            do
            {
                int j1 = _way[j0];
                _p[j0] = _p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }
    }

    private int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    private void Union(int a, int b)
    {
        int ra = Find(a);
        int rb = Find(b);
        if (ra != rb)
        {
            // The smaller index becomes the root; any rule works, this one is deterministic.
            if (ra < rb)
            {
                _parent[rb] = ra;
            }
            else
            {
                _parent[ra] = rb;
            }
        }
    }

    private static void EnsureCapacity<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }

    /// <summary>A candidate pair.</summary>
    private readonly record struct Edge(int Row, int Col, float Cost);
}
