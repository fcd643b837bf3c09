// Array-based tree math of RFC 9420 Appendix C (the left-balanced binary tree of §4.1, nodes numbered in-order:
// leaves at even indices, parents at odd ones, a node's level = its count of trailing 1 bits). RFC 9420 trees grow and
// shrink by whole halves (§7.7: extended by doubling, truncated by removing the right half), so the leaf count is
// always a power of two and Appendix C's parent() needs no walk over missing nodes.
//
// Range: up to 2^31 leaves (the most a uint32 leaf index of §7.1 can address with 2^32 − 1 nodes, which still fit a
// uint node index). Everything is uint; the one place a shift could reach 32 (common ancestor, level 31 + 1) is done in
// ulong, because C# masks a uint shift count to 5 bits and x >> 32 would silently be x.
// Arguments are the caller's own tree positions, not a peer's bytes: an index outside the tree, a leaf asked for its
// children or the root for its parent is a caller mistake (ArgumentOutOfRangeException), never MlsException.
using System.Numerics;

namespace NoFuture.Mls.Tree;

internal static class TreeMath
{
    /// <summary>The most leaves a tree may have: 2^31 (2^32 − 1 nodes).</summary>
    internal const uint MaxLeaves = 1u << 31;

    /// <summary>The longest direct path or copath: a leaf of the largest tree is 31 levels under the root.</summary>
    internal const int MaxDepth = 31;

    /// <summary>Whether node <paramref name="x"/> is a leaf (even index).</summary>
    internal static bool IsLeaf(uint x) => (x & 1) == 0;

    /// <summary>level(x): 0 for leaves, k for a parent whose subtree has 2^k leaves (trailing 1 bits).</summary>
    internal static int Level(uint x) => BitOperations.TrailingZeroCount(~x);

    /// <summary>node_width(n): the number of nodes, 2(n − 1) + 1.</summary>
    internal static uint NodeWidth(uint nLeaves)
    {
        CheckLeafCount(nLeaves);
        return 2 * (nLeaves - 1) + 1;
    }

    /// <summary>root(n): (1 &lt;&lt; log2(node_width(n))) − 1.</summary>
    internal static uint Root(uint nLeaves) => (1u << BitOperations.Log2(NodeWidth(nLeaves))) - 1;

    /// <summary>left(x): x's left child.</summary>
    internal static uint Left(uint x, uint nLeaves)
    {
        int k = ParentLevel(x, nLeaves, nameof(x));
        return x ^ (1u << (k - 1));
    }

    /// <summary>right(x): x's right child (in a full tree always inside it).</summary>
    internal static uint Right(uint x, uint nLeaves)
    {
        int k = ParentLevel(x, nLeaves, nameof(x));
        return x ^ (3u << (k - 1));
    }

    /// <summary>parent(x, n). The root has none.</summary>
    internal static uint Parent(uint x, uint nLeaves)
    {
        CheckNode(x, nLeaves, nameof(x));
        if (x == Root(nLeaves)) MlsThrowHelper.ArgumentOutOfRange(nameof(x), "The root has no parent.");
        // Not the root of a tree of at most 2^31 leaves, so k ≤ 30 and every shift below is under 32.
        int k = Level(x);
        uint b = (x >> (k + 1)) & 1;
        return (x | (1u << k)) ^ (b << (k + 1));
    }

    /// <summary>sibling(x, n): the other child of x's parent. The root has none.</summary>
    internal static uint Sibling(uint x, uint nLeaves)
    {
        uint p = Parent(x, nLeaves);
        return x < p ? Right(p, nLeaves) : Left(p, nLeaves);
    }

    /// <summary>direct_path(x, n): x's ancestors from its parent up to the root, written to
    /// <paramref name="destination"/> (at least <see cref="MaxDepth"/> entries always suffice); returns the count.</summary>
    internal static int DirectPath(uint x, uint nLeaves, Span<uint> destination)
    {
        CheckNode(x, nLeaves, nameof(x));
        uint r = Root(nLeaves);
        int count = 0;
        while (x != r)
        {
            x = Parent(x, nLeaves);
            if (count == destination.Length) MlsThrowHelper.DestinationTooSmall(nameof(destination));
            destination[count++] = x;
        }
        return count;
    }

    /// <summary>copath(x, n): the siblings of x and of its ancestors below the root, in direct-path order, written to
    /// <paramref name="destination"/>; returns the count.</summary>
    internal static int Copath(uint x, uint nLeaves, Span<uint> destination)
    {
        CheckNode(x, nLeaves, nameof(x));
        uint r = Root(nLeaves);
        int count = 0;
        while (x != r)
        {
            if (count == destination.Length) MlsThrowHelper.DestinationTooSmall(nameof(destination));
            destination[count++] = Sibling(x, nLeaves);
            x = Parent(x, nLeaves);
        }
        return count;
    }

    /// <summary>common_ancestor_direct(x, y): the lowest node whose subtree holds both (x itself when y is under it).</summary>
    internal static uint CommonAncestor(uint x, uint y, uint nLeaves)
    {
        CheckNode(x, nLeaves, nameof(x));
        CheckNode(y, nLeaves, nameof(y));
        // Level 31 (the root of 2^31 leaves) + 1 = 32: the shifts are done on ulong so that >> 32 gives 0, not x.
        ulong xl = x, yl = y;
        int lx = Level(x) + 1, ly = Level(y) + 1;
        if (lx <= ly && xl >> ly == yl >> ly) return y;
        if (ly <= lx && xl >> lx == yl >> lx) return x;
        int k = 0;
        while (xl != yl)
        {
            xl >>= 1;
            yl >>= 1;
            k++;
        }
        return (uint)((xl << k) + (1UL << (k - 1)) - 1);
    }

    /// <summary>The node index of leaf <paramref name="leaf"/>: 2 × leaf.</summary>
    internal static uint LeafToNode(uint leaf, uint nLeaves)
    {
        CheckLeafCount(nLeaves);
        if (leaf >= nLeaves) MlsThrowHelper.ArgumentOutOfRange(nameof(leaf), "The leaf index is outside the tree.");
        return 2 * leaf;
    }

    /// <summary>The leaf index of node <paramref name="x"/>, which must be a leaf: x / 2.</summary>
    internal static uint NodeToLeaf(uint x, uint nLeaves)
    {
        CheckNode(x, nLeaves, nameof(x));
        if (!IsLeaf(x)) MlsThrowHelper.ArgumentOutOfRange(nameof(x), "The node is a parent, not a leaf.");
        return x >> 1;
    }

    private static int ParentLevel(uint x, uint nLeaves, string paramName)
    {
        CheckNode(x, nLeaves, paramName);
        int k = Level(x);
        if (k == 0) MlsThrowHelper.ArgumentOutOfRange(paramName, "A leaf has no children.");
        return k;
    }

    private static void CheckNode(uint x, uint nLeaves, string paramName)
    {
        if (x >= NodeWidth(nLeaves)) MlsThrowHelper.ArgumentOutOfRange(paramName, "The node index is outside the tree.");
    }

    private static void CheckLeafCount(uint nLeaves)
    {
        if (nLeaves == 0 || nLeaves > MaxLeaves || !BitOperations.IsPow2(nLeaves))
            MlsThrowHelper.ArgumentOutOfRange(nameof(nLeaves), "An MLS tree has a power-of-two number of leaves, from 1 to 2^31.");
    }
}
