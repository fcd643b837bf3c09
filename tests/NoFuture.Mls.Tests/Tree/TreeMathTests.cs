// RFC 9420 Appendix C tree math against the working group's tree-math.json (mlswg/mls-implementations,
// commit cfd450286d1bfd9cd2519b95c80f9771f94a5b1a, test-vectors/tree-math.json; see mls/SOURCES.md): every n_leaves,
// and for every node its left, right, parent and sibling, where null means the function must refuse (a leaf has no
// children, the root no parent or sibling). Then the largest tree (2^31 leaves, 2^32 − 1 nodes) without overflow, and
// caller mistakes as ArgumentOutOfRangeException.
using System.Text.Json;
using NoFuture.Mls.Tree;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.Tree;

public class TreeMathTests
{
    [Fact]
    public void TreeMathVectors_EveryNodeOfEveryTree()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("mls/tree-math.json")));
        int ran = 0;
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            uint n = entry.GetProperty("n_leaves").GetUInt32();
            uint width = entry.GetProperty("n_nodes").GetUInt32();
            Assert.Equal(width, TreeMath.NodeWidth(n));
            Assert.Equal(entry.GetProperty("root").GetUInt32(), TreeMath.Root(n));
            for (uint x = 0; x < width; x++)
            {
                Check(entry, "left", x, () => TreeMath.Left(x, n));
                Check(entry, "right", x, () => TreeMath.Right(x, n));
                Check(entry, "parent", x, () => TreeMath.Parent(x, n));
                Check(entry, "sibling", x, () => TreeMath.Sibling(x, n));
            }
            ran++;
        }
        VectorCount.AllRan(ran, doc.RootElement.GetArrayLength(), "tree-math.json");
    }

    private static void Check(JsonElement entry, string field, uint x, Func<uint> actual)
    {
        JsonElement expected = entry.GetProperty(field)[(int)x];
        if (expected.ValueKind == JsonValueKind.Null) Assert.Throws<ArgumentOutOfRangeException>(() => actual());
        else Assert.True(expected.GetUInt32() == actual(), $"{field}({x}) for {entry.GetProperty("n_leaves")} leaves");
    }

    [Fact]
    public void DirectPathCopathAndCommonAncestor_AgreeWithParentAndSibling()
    {
        // Every node of the 64-leaf tree: direct path = repeated parent, copath = siblings along it, and the common
        // ancestor of any two leaves is the first node their direct paths share.
        const uint n = 64;
        Span<uint> path = stackalloc uint[TreeMath.MaxDepth];
        Span<uint> copath = stackalloc uint[TreeMath.MaxDepth];
        uint root = TreeMath.Root(n);
        for (uint x = 0; x < TreeMath.NodeWidth(n); x++)
        {
            int count = TreeMath.DirectPath(x, n, path);
            Assert.Equal(count, TreeMath.Copath(x, n, copath));
            Assert.Equal(6 - TreeMath.Level(x), count);
            uint node = x;
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(TreeMath.Sibling(node, n), copath[i]);
                node = TreeMath.Parent(node, n);
                Assert.Equal(node, path[i]);
            }
            Assert.True(count == 0 ? x == root : path[count - 1] == root);
        }
        for (uint a = 0; a < n; a++)
        {
            for (uint b = 0; b < n; b++)
            {
                uint la = TreeMath.LeafToNode(a, n), lb = TreeMath.LeafToNode(b, n);
                Assert.Equal(Naive(la, lb, n), TreeMath.CommonAncestor(la, lb, n));
            }
        }
    }

    private static uint Naive(uint x, uint y, uint n)
    {
        var ancestorsOfX = new HashSet<uint> { x };
        for (uint p = x; p != TreeMath.Root(n);) ancestorsOfX.Add(p = TreeMath.Parent(p, n));
        uint q = y;
        while (!ancestorsOfX.Contains(q)) q = TreeMath.Parent(q, n);
        return q;
    }

    [Fact]
    public void TheLargestTree_2To31Leaves_DoesNotOverflow()
    {
        const uint n = 1u << 31;
        Assert.Equal(uint.MaxValue, TreeMath.NodeWidth(n));
        uint root = TreeMath.Root(n);
        Assert.Equal((1u << 31) - 1, root);
        Assert.Equal(31, TreeMath.Level(root));
        Assert.Equal((1u << 30) - 1, TreeMath.Left(root, n));
        Assert.Equal((1u << 31) + (1u << 30) - 1, TreeMath.Right(root, n));

        uint lastLeaf = TreeMath.LeafToNode(n - 1, n);
        Assert.Equal(uint.MaxValue - 1, lastLeaf);
        Assert.Equal(n - 1, TreeMath.NodeToLeaf(lastLeaf, n));
        Assert.Equal(uint.MaxValue - 2, TreeMath.Parent(lastLeaf, n));
        Assert.Equal(uint.MaxValue - 3, TreeMath.Sibling(lastLeaf, n));
        Assert.Equal(root, TreeMath.Parent(TreeMath.Right(root, n), n));
        Assert.Equal(root, TreeMath.CommonAncestor(0, lastLeaf, n));
        Assert.Equal(root, TreeMath.CommonAncestor(root, lastLeaf, n));
        Assert.Equal(root, TreeMath.CommonAncestor(root, root, n));

        Span<uint> path = stackalloc uint[TreeMath.MaxDepth];
        Assert.Equal(TreeMath.MaxDepth, TreeMath.DirectPath(lastLeaf, n, path));
        Assert.Equal(root, path[^1]);
        Assert.Equal(TreeMath.MaxDepth, TreeMath.Copath(0, n, path));
        Assert.Equal(2u, path[0]);
        Assert.Equal(TreeMath.Right(root, n), path[^1]);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(3u)]
    [InlineData(6u)]
    [InlineData((1u << 31) + 1)]
    [InlineData(uint.MaxValue)]
    public void ALeafCountThatIsNotAPowerOfTwoUpTo2To31_IsRefused(uint n)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeMath.NodeWidth(n));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeMath.Root(n));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeMath.Parent(0, n));
    }

    [Fact]
    public void IndicesOutsideTheTree_AndImpossibleQuestions_AreCallerMistakes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeMath.Parent(7, 4));       // 4 leaves: nodes 0..6
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeMath.Left(uint.MaxValue, 1u << 31));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeMath.Right(2, 4));        // a leaf
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeMath.Sibling(3, 4));      // the root
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeMath.LeafToNode(4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeMath.NodeToLeaf(1, 4));   // a parent
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeMath.CommonAncestor(0, 9, 4));
        Assert.Throws<ArgumentException>(() => TreeMath.DirectPath(0, 4, new uint[1]));
        Assert.Throws<ArgumentException>(() => TreeMath.Copath(0, 4, new uint[1]));
        Assert.Equal(0, TreeMath.DirectPath(3, 4, []));                               // the root: empty, no write
    }
}
