// RFC 9420 §9.2 on the secret tree: the out-of-order window, the reuse guards and the deletion schedule, observed through
// the tree's results, its failure reasons and its internal test hooks (HasNodeSecret, LiveSecretCount).
using NoFuture.Mls.SecretTree;

namespace NoFuture.Mls.Tests.SecretTree;

public class SecretTreeWindowTests
{
    private static readonly MlsCipherSuite Suite = MlsCipherSuite.Mls128DhKemX25519Aes128GcmSha256Ed25519;

    private static EpochSecretTree NewTree(uint leaves = 8, RatchetWindow? window = null)
    {
        byte[] encryptionSecret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        return new EpochSecretTree(Suite, leaves, encryptionSecret, window);
    }

    private static MlsError Refused(EpochSecretTree tree, uint leaf, uint generation, RatchetType type = RatchetType.Application) =>
        Assert.Throws<MlsException>(() => tree.ReceiverKey(leaf, type, generation)).Error;

    /// <summary>Takes a receiving key and commits it, as a successful open does.</summary>
    private static void Consume(EpochSecretTree tree, uint leaf, RatchetType type, uint generation)
    {
        using ReceiverKey taken = tree.ReceiverKey(leaf, type, generation);
        taken.Commit();
    }

    [Fact]
    public void ConsumedGeneration_IsRefusedAsReused()
    {
        using EpochSecretTree tree = NewTree();
        Consume(tree, 3, RatchetType.Application, 0);
        Assert.Equal(MlsError.GenerationReused, Refused(tree, 3, 0));
        Consume(tree, 3, RatchetType.Application, 4);
        Assert.Equal(MlsError.GenerationReused, Refused(tree, 3, 4));
        Assert.Equal(MlsError.GenerationReused, Refused(tree, 3, 0));
        // The other ratchet of the leaf is independent.
        Consume(tree, 3, RatchetType.Handshake, 0);
    }

    [Fact]
    public void JumpBeyondForwardDistance_IsRefused_AndChangesNothing()
    {
        using EpochSecretTree tree = NewTree();
        int before = tree.LiveSecretCount;
        // Default: 1,000 generations of forward distance from the next expected one (0 for a fresh ratchet).
        Assert.Equal(MlsError.GenerationTooFarAhead, Refused(tree, 5, 1001));
        Assert.Equal(MlsError.GenerationTooFarAhead, Refused(tree, 5, uint.MaxValue));
        Assert.Equal(before, tree.LiveSecretCount); // the leaf was not even derived
        Consume(tree, 5, RatchetType.Application, 1000);
        Assert.Equal(MlsError.GenerationTooFarAhead, Refused(tree, 5, 2002));
        Consume(tree, 5, RatchetType.Application, 2001);

        using EpochSecretTree narrow = NewTree(window: new RatchetWindow(5, 10));
        Assert.Equal(MlsError.GenerationTooFarAhead, Refused(narrow, 0, 11));
        Consume(narrow, 0, RatchetType.Application, 10);
    }

    [Fact]
    public void WithinTolerance_OlderGenerationWorksExactlyOnce_AndMatchesTheInOrderKey()
    {
        using EpochSecretTree inOrder = NewTree();
        var expected = new List<byte[]>();
        for (uint g = 0; g <= 10; g++)
        {
            using ReceiverKey k = inOrder.ReceiverKey(2, RatchetType.Handshake, g);
            expected.Add(k.KeyNonce.Key.Read(0, static (span, _) => span.ToArray()));
            k.Commit();
        }

        using EpochSecretTree tree = NewTree();
        Consume(tree, 2, RatchetType.Handshake, 10);
        // Default tolerance 5: generations 5 to 9 stay usable (once each), 4 and older are gone.
        for (uint g = 9; g >= 5; g--)
        {
            using (ReceiverKey k = tree.ReceiverKey(2, RatchetType.Handshake, g))
            {
                Assert.Equal(g, k.Generation);
                Assert.True(k.KeyNonce.Key.FixedTimeEquals(expected[(int)g]));
                k.Commit();
            }
            Assert.Equal(MlsError.GenerationReused, Refused(tree, 2, g, RatchetType.Handshake));
        }
        Assert.Equal(MlsError.GenerationTooOld, Refused(tree, 2, 4, RatchetType.Handshake));
        Assert.Equal(MlsError.GenerationTooOld, Refused(tree, 2, 0, RatchetType.Handshake));
    }

    [Fact]
    public void MovingAhead_EvictsKeptKeysThatLeaveTheWindow()
    {
        using EpochSecretTree tree = NewTree(window: new RatchetWindow(2, 1000));
        Consume(tree, 0, RatchetType.Application, 3); // keeps 1 and 2
        Consume(tree, 0, RatchetType.Application, 5); // keeps 3 (consumed, so not), 4; 1 and 2 are wiped
        Assert.Equal(MlsError.GenerationTooOld, Refused(tree, 0, 2));
        Assert.Equal(MlsError.GenerationReused, Refused(tree, 0, 3));
        Consume(tree, 0, RatchetType.Application, 4);

        using EpochSecretTree none = NewTree(window: new RatchetWindow(0, 1000));
        Consume(none, 0, RatchetType.Application, 3);
        Assert.Equal(MlsError.GenerationTooOld, Refused(none, 0, 2));
    }

    [Fact]
    public void Deletion_ParentSecretsGoOnceChildrenAreDerived_AndKeysOnceHandedOut()
    {
        using EpochSecretTree tree = NewTree(8);
        // 8 leaves: root 7; leaf 0 is node 0, its direct path 1, 3, 7, its copath 2, 5, 11.
        Assert.True(tree.HasNodeSecret(7));
        Assert.Equal(1, tree.LiveSecretCount);

        Consume(tree, 0, RatchetType.Application, 0);
        foreach (uint node in new uint[] { 7, 3, 1, 0 }) Assert.False(tree.HasNodeSecret(node), $"node {node}");
        foreach (uint node in new uint[] { 2, 5, 11 }) Assert.True(tree.HasNodeSecret(node), $"node {node}");
        // 3 copath node secrets, and the next ratchet secret of each of leaf 0's two ratchets; key 0 was handed out.
        Assert.Equal(3 + 2, tree.LiveSecretCount);
        Assert.Equal(MlsError.GenerationReused, Refused(tree, 0, 0));

        // Leaf 1 uses the kept node 2 and consumes it.
        Consume(tree, 1, RatchetType.Application, 0);
        Assert.False(tree.HasNodeSecret(2));
        Assert.Equal(2 + 4, tree.LiveSecretCount);

        // Skipping to generation 3 keeps the keys and nonces of 1 and 2 (2 secrets each) and one ratchet secret.
        Consume(tree, 0, RatchetType.Application, 3);
        Assert.Equal(2 + 4 + 4, tree.LiveSecretCount);
        Consume(tree, 0, RatchetType.Application, 1);
        Assert.Equal(2 + 4 + 2, tree.LiveSecretCount);

        // Once every leaf is derived, no node secret is left.
        for (uint leaf = 2; leaf < 8; leaf++) tree.NextSenderKey(leaf, RatchetType.Handshake).Dispose();
        for (uint node = 0; node < 15; node++) Assert.False(tree.HasNodeSecret(node), $"node {node}");
    }

    [Fact]
    public void HandedOutKeys_AreTheCallersToWipe_AndDisposeWipesTheTree()
    {
        EpochSecretTree tree = NewTree(4);
        AeadKeyNonce k = tree.NextSenderKey(1, RatchetType.Application);
        k.Dispose();
        Assert.True(k.Key.IsDisposed);
        Assert.True(k.Nonce.IsDisposed);
        tree.Dispose();
        Assert.Equal(0, tree.LiveSecretCount);
        Assert.Throws<ObjectDisposedException>(() => tree.NextSenderKey(1, RatchetType.Application));
        Assert.Throws<ObjectDisposedException>(() => tree.ReceiverKey(0, RatchetType.Application, 0));
    }

    [Fact]
    public void Sender_GenerationsOnlyMoveForward_AndNeverMixWithReceiving()
    {
        using EpochSecretTree tree = NewTree(4);
        for (uint g = 0; g < 5; g++)
        {
            using AeadKeyNonce k = tree.NextSenderKey(1, RatchetType.Application);
            Assert.Equal(g, k.Generation);
        }
        // Our own sending ratchet never hands a key out through the receiving path (that would reuse a nonce).
        Assert.Throws<InvalidOperationException>(() => tree.ReceiverKey(1, RatchetType.Application, 2));
        Assert.Throws<InvalidOperationException>(() => tree.ReceiverKey(1, RatchetType.Application, 7));
        using (AeadKeyNonce k = tree.NextSenderKey(1, RatchetType.Application)) Assert.Equal(5u, k.Generation);

        Consume(tree, 2, RatchetType.Application, 0);
        Assert.Throws<InvalidOperationException>(() => tree.NextSenderKey(2, RatchetType.Application));
    }

    [Fact]
    public void LeafOutsideTheTree_PeerIsMlsException_CallerIsArgumentException()
    {
        using EpochSecretTree tree = NewTree(4);
        Assert.Equal(MlsError.InvalidValue, Assert.Throws<MlsException>(() => tree.ReceiverKey(4, RatchetType.Handshake, 0)).Error);
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.NextSenderKey(4, RatchetType.Handshake));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EpochSecretTree(Suite, 3, new byte[32]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EpochSecretTree(Suite, 4, new byte[31]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RatchetWindow(RatchetWindow.MaxTolerance + 1, 10));
    }

    [Fact]
    public void SingleLeafTree_UsesEncryptionSecretAsTheLeafSecret()
    {
        using EpochSecretTree tree = NewTree(1);
        Assert.True(tree.HasNodeSecret(0));
        tree.NextSenderKey(0, RatchetType.Handshake).Dispose();
        Assert.False(tree.HasNodeSecret(0));
        Assert.Equal(2, tree.LiveSecretCount);
    }

    [Fact]
    public void UncommittedTake_ChangesNothing_AndCommitConsumes()
    {
        using EpochSecretTree tree = NewTree();
        Consume(tree, 1, RatchetType.Application, 3); // keeps 0..2
        int before = tree.LiveSecretCount;
        byte[] ahead, past;
        // A take ahead (would advance the window) and a take of a kept past generation, both dropped uncommitted.
        using (ReceiverKey k = tree.ReceiverKey(1, RatchetType.Application, 20))
            ahead = k.KeyNonce.Key.Read(0, static (span, _) => span.ToArray());
        using (ReceiverKey k = tree.ReceiverKey(1, RatchetType.Application, 1))
            past = k.KeyNonce.Key.Read(0, static (span, _) => span.ToArray());
        Assert.Equal(before, tree.LiveSecretCount);
        // The window did not move: 0 is still kept (tolerance 5 from 20 would have dropped it), 1 and 20 still open.
        using (ReceiverKey k = tree.ReceiverKey(1, RatchetType.Application, 1))
        {
            Assert.True(k.KeyNonce.Key.FixedTimeEquals(past));
            k.Commit();
        }
        Assert.Equal(MlsError.GenerationReused, Refused(tree, 1, 1));
        Consume(tree, 1, RatchetType.Application, 0);
        using (ReceiverKey k = tree.ReceiverKey(1, RatchetType.Application, 20))
        {
            Assert.True(k.KeyNonce.Key.FixedTimeEquals(ahead));
            k.Commit();
            Assert.Throws<InvalidOperationException>(k.Commit);
        }
        Assert.Equal(MlsError.GenerationReused, Refused(tree, 1, 20));
        Assert.Equal(MlsError.GenerationTooOld, Refused(tree, 1, 2));
    }

    [Fact]
    public void TwoTakesOfOneGeneration_OnlyTheFirstCommitWins()
    {
        using EpochSecretTree tree = NewTree();
        using ReceiverKey first = tree.ReceiverKey(0, RatchetType.Application, 4);
        using ReceiverKey second = tree.ReceiverKey(0, RatchetType.Application, 4);
        first.Commit();
        Assert.Equal(MlsError.GenerationReused, Assert.Throws<MlsException>(second.Commit).Error);
        // A stale take of another generation still commits against the moved ratchet.
        using ReceiverKey stale = tree.ReceiverKey(0, RatchetType.Application, 7);
        Consume(tree, 0, RatchetType.Application, 5);
        stale.Commit();
        Assert.Equal(MlsError.GenerationReused, Refused(tree, 0, 7));
        Consume(tree, 0, RatchetType.Application, 6);
    }
}
