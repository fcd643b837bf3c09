// RFC 9420 §9: the secret tree of one epoch, rooted at encryption_secret, with the ratchet tree's shape.
//   tree_node_[left(N)]_secret  = ExpandWithLabel(tree_node_[N]_secret, "tree", "left",  KDF.Nh)
//   tree_node_[right(N)]_secret = ExpandWithLabel(tree_node_[N]_secret, "tree", "right", KDF.Nh)
//   handshake_ratchet_secret_[N]_[0]   = ExpandWithLabel(tree_node_[N]_secret, "handshake",   "", KDF.Nh)
//   application_ratchet_secret_[N]_[0] = ExpandWithLabel(tree_node_[N]_secret, "application", "", KDF.Nh)
// Lazy: a leaf's path is derived the first time the leaf is used. §9.2 (deletion schedule): a node secret is consumed
// once a secret derived from it is; here both children of a node on the path are derived together and the node is
// wiped at once (the off-path child is kept for its own leaves), and a leaf's secret is wiped once its two ratchet roots
// exist. So the tree holds at most one secret per node of the frontier between derived and underived leaves.
// The tree copies encryption_secret: the key schedule's copy is the caller's to wipe (§9.2 counts it as consumed).
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Crypto;
using NoFuture.Mls.Tree;

namespace NoFuture.Mls.SecretTree;

/// <summary>The secret tree of one epoch (RFC 9420 §9, §9.2): per-leaf handshake and application ratchets with an
/// out-of-order window. Thread-safe; Dispose wipes every secret it holds.</summary>
internal sealed class EpochSecretTree : IDisposable
{
    private const int MaxHashSize = 64;

    private readonly MlsCipherSuite _suite;
    private readonly uint _leafCount;
    private readonly RatchetWindow _window;
    private readonly Dictionary<uint, Secret> _nodes = [];
    private readonly Dictionary<uint, (HashRatchet Handshake, HashRatchet Application)> _leaves = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Starts a tree of <paramref name="leafCount"/> leaves from encryption_secret (copied).</summary>
    /// <param name="suite">The group's cipher suite.</param>
    /// <param name="leafCount">The ratchet tree's leaf count: a power of two from 1 to 2^31.</param>
    /// <param name="encryptionSecret">encryption_secret of the epoch (Nh bytes).</param>
    /// <param name="window">The receiving ratchets' window; <see cref="RatchetWindow.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A size is wrong.</exception>
    internal EpochSecretTree(MlsCipherSuite suite, uint leafCount, ReadOnlySpan<byte> encryptionSecret,
        RatchetWindow? window = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        uint root = TreeMath.Root(leafCount); // checks the leaf count
        ArgumentOutOfRangeException.ThrowIfNotEqual(encryptionSecret.Length, suite.Kdf.HashSizeInBytes, nameof(encryptionSecret));
        _suite = suite;
        _leafCount = leafCount;
        _window = window ?? RatchetWindow.Default;
        _nodes.Add(root, Secret.CopyFrom(encryptionSecret));
    }

    /// <summary>The leaf count.</summary>
    internal uint LeafCount => _leafCount;

    /// <summary>The next key and nonce of our own leaf's ratchet, for sealing a message. Generations are handed out in
    /// order and never twice.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leaf"/> is outside the tree.</exception>
    /// <exception cref="InvalidOperationException">This ratchet was used to receive, or has no generation left.</exception>
    internal AeadKeyNonce NextSenderKey(uint leaf, RatchetType type)
    {
        if (leaf >= _leafCount) MlsThrowHelper.ArgumentOutOfRange(nameof(leaf), "The leaf index is outside the tree.");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Ratchet(Leaf(leaf), type).NextForSending();
        }
    }

    /// <summary>Writes the next key and nonce (Nk + Nn bytes) of our own leaf's ratchet into
    /// <paramref name="keyNonce"/> (the caller's wiped stack scratch) for sealing a message; returns the generation.
    /// Generations are handed out in order and never twice.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leaf"/> is outside the tree.</exception>
    /// <exception cref="InvalidOperationException">This ratchet was used to receive, or has no generation left.</exception>
    internal uint NextSenderKey(uint leaf, RatchetType type, Span<byte> keyNonce)
    {
        if (leaf >= _leafCount) MlsThrowHelper.ArgumentOutOfRange(nameof(leaf), "The leaf index is outside the tree.");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Ratchet(Leaf(leaf), type).NextForSending(keyNonce);
        }
    }

    /// <summary>Takes the key and nonce of a peer's message from <paramref name="leaf"/> at
    /// <paramref name="generation"/> (both from the peer's sender data) without consuming it: call
    /// <see cref="ReceiverKey.Commit"/> once the message opened (§9.2 deletes a key once used); disposing it uncommitted
    /// leaves the generation usable and the window where it was.</summary>
    /// <exception cref="MlsException">The leaf is outside the tree (<see cref="MlsError.InvalidValue"/>), or the
    /// generation was used (<see cref="MlsError.GenerationReused"/>), is older than the window
    /// (<see cref="MlsError.GenerationTooOld"/>) or too far ahead (<see cref="MlsError.GenerationTooFarAhead"/>).
    /// Nothing changed.</exception>
    /// <exception cref="InvalidOperationException">This ratchet seals our own messages.</exception>
    internal ReceiverKey ReceiverKey(uint leaf, RatchetType type, uint generation) => ReceiverKey(leaf, type, generation, default);

    /// <summary>As <see cref="ReceiverKey(uint, RatchetType, uint)"/>, but the key (Nk bytes) and nonce (Nn bytes) are
    /// written into <paramref name="keyNonce"/> (the caller's wiped stack scratch; empty for Secrets in the result).</summary>
    /// <exception cref="MlsException">As <see cref="ReceiverKey(uint, RatchetType, uint)"/>; nothing changed.</exception>
    internal ReceiverKey ReceiverKey(uint leaf, RatchetType type, uint generation, Span<byte> keyNonce)
    {
        if (leaf >= _leafCount) MlsThrowHelper.Decode(MlsError.InvalidValue, "The sender's leaf index");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // Check before deriving anything, so that a refused message leaves the tree as it was. Deriving the leaf's
            // two ratchet roots below is not a consumption: it loses no key, only expands the tree lazily (§9.2).
            if (_leaves.TryGetValue(leaf, out var ratchets))
                Ratchet(ratchets, type).CheckReceive(generation);
            else
                HashRatchet.CheckReceive(generation, 0, null, _window);
            HashRatchet ratchet = Ratchet(Leaf(leaf), type);
            PendingReceive pending = keyNonce.IsEmpty ? ratchet.TakeForReceiving(generation) : ratchet.TakeForReceiving(generation, keyNonce);
            return new ReceiverKey(this, ratchet, pending);
        }
    }

    /// <summary>Commits a take of <paramref name="ratchet"/> (see <see cref="SecretTree.ReceiverKey.Commit"/>).</summary>
    internal void Commit(HashRatchet ratchet, PendingReceive pending)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ratchet.Commit(pending);
        }
    }

    /// <summary>Test hook: whether the tree still holds the secret of node <paramref name="node"/>.</summary>
    internal bool HasNodeSecret(uint node)
    {
        lock (_gate) return _nodes.ContainsKey(node);
    }

    /// <summary>Test hook: every secret the tree holds (node secrets, ratchet secrets, kept keys and nonces).</summary>
    internal int LiveSecretCount
    {
        get
        {
            lock (_gate)
            {
                int count = _nodes.Count;
                foreach (var (handshake, application) in _leaves.Values)
                    count += handshake.LiveSecretCount + application.LiveSecretCount;
                return count;
            }
        }
    }

    private static HashRatchet Ratchet((HashRatchet Handshake, HashRatchet Application) leaf, RatchetType type) =>
        type == RatchetType.Handshake ? leaf.Handshake : leaf.Application;

    /// <summary>The ratchets of <paramref name="leaf"/>, derived on first use from the lowest node above it that still
    /// holds a secret. The tree changes only once everything was derived.</summary>
    private (HashRatchet Handshake, HashRatchet Application) Leaf(uint leaf)
    {
        if (_leaves.TryGetValue(leaf, out var existing)) return existing;

        // Walk up from the leaf to the lowest node that still has its secret. Every underived leaf has one: a node is
        // wiped only after both its children were stored.
        uint x = TreeMath.LeafToNode(leaf, _leafCount);
        Span<uint> path = stackalloc uint[TreeMath.MaxDepth + 1];
        int depth = 0;
        uint start = x;
        while (!_nodes.ContainsKey(start))
        {
            path[depth++] = start;
            start = TreeMath.Parent(start, _leafCount);
        }

        KdfAlgorithm kdf = _suite.Kdf;
        int nh = kdf.HashSizeInBytes;
        var created = new List<(uint Node, Secret Secret)>();
        Secret? handshake = null, application = null;
        Span<byte> secret = stackalloc byte[MaxHashSize];
        Span<byte> left = stackalloc byte[MaxHashSize];
        Span<byte> right = stackalloc byte[MaxHashSize];
        try
        {
            using (SecretReadLease lease = _nodes[start].OpenRead()) lease.Span.CopyTo(secret);
            uint node = start;
            for (int i = depth - 1; i >= 0; i--)
            {
                MlsKdf.ExpandWithLabel(kdf, secret[..nh], "tree"u8, "left"u8, left[..nh]);
                MlsKdf.ExpandWithLabel(kdf, secret[..nh], "tree"u8, "right"u8, right[..nh]);
                uint onPath = path[i];
                bool goLeft = onPath == TreeMath.Left(node, _leafCount);
                Debug.Assert(goLeft || onPath == TreeMath.Right(node, _leafCount));
                created.Add((goLeft ? TreeMath.Right(node, _leafCount) : TreeMath.Left(node, _leafCount),
                    Secret.CopyFrom(goLeft ? right[..nh] : left[..nh])));
                (goLeft ? left : right)[..nh].CopyTo(secret);
                node = onPath;
            }
            handshake = MlsKdf.ExpandWithLabel(kdf, secret[..nh], "handshake"u8, default, nh);
            application = MlsKdf.ExpandWithLabel(kdf, secret[..nh], "application"u8, default, nh);
            var ratchets = (new HashRatchet(_suite, handshake, _window), new HashRatchet(_suite, application, _window));
            handshake = application = null;

            // Commit: the start node (an ancestor or the leaf itself) is consumed; the off-path children are kept.
            _nodes.Remove(start, out Secret? consumed);
            consumed!.Dispose();
            foreach (var (n, s) in created) _nodes.Add(n, s);
            created.Clear();
            _leaves.Add(leaf, ratchets);
            return ratchets;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(left);
            CryptographicOperations.ZeroMemory(right);
            foreach (var (_, s) in created) s.Dispose();
            handshake?.Dispose();
            application?.Dispose();
        }
    }

    /// <summary>Wipes every secret of the tree.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (Secret s in _nodes.Values) s.Dispose();
            _nodes.Clear();
            foreach (var (handshake, application) in _leaves.Values)
            {
                handshake.Dispose();
                application.Dispose();
            }
            _leaves.Clear();
        }
    }
}
