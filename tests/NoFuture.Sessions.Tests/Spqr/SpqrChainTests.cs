// The key chains (src/NoFuture.Sessions/Spqr/SpqrChain.cs) against the behaviour of the Rust crate spqr v1.5.3's
// src/chain.rs tests (directions_match, previously_returned_key, very_old_keys_are_trimmed, out_of_order_keys,
// clear_old_send_keys), rewritten here, plus atomicity of a rejected request and the export round trip.
using NoFuture.Memory;
using NoFuture.Sessions.Spqr;

namespace NoFuture.Sessions.Tests.Spqr;

public sealed class SpqrChainTests
{
    private static byte[] Key(Action<Span<byte>> take)
    {
        byte[] k = new byte[32];
        take(k);
        return k;
    }

    private static SpqrError RecvError(SpqrChain chain, ulong epoch, uint index) =>
        Assert.Throws<SpqrException>(() => chain.RecvKey(epoch, index, new byte[32])).Error;

    [Fact]
    public void DirectionsMatchAcrossEpochs()
    {
        using SpqrChain a2b = SpqrChain.Create("1"u8, a2b: true, 0, 0);
        using SpqrChain b2a = SpqrChain.Create("1"u8, a2b: false, 0, 0);
        byte[] sk = new byte[32];
        Assert.Equal(1u, a2b.SendKey(0, sk));
        Assert.Equal(sk, Key(k => b2a.RecvKey(0, 1, k)));
        a2b.AddEpoch(1, [2]);
        b2a.AddEpoch(1, [2]);
        Assert.Equal(1u, a2b.SendKey(1, sk));
        Assert.Equal(sk, Key(k => b2a.RecvKey(1, 1, k)));
        for (int i = 2; i < 10; i++) a2b.SendKey(1, sk);
        Assert.Equal(10u, a2b.SendKey(1, sk));
        Assert.Equal(sk, Key(k => b2a.RecvKey(1, 10, k)));
        // And the other way round, in the same epoch.
        Assert.Equal(1u, b2a.SendKey(1, sk));
        Assert.Equal(sk, Key(k => a2b.RecvKey(1, 1, k)));
    }

    [Fact]
    public void DifferentAuthKeysGiveDifferentKeys()
    {
        using SpqrChain a = SpqrChain.Create("1"u8, a2b: true, 0, 0);
        using SpqrChain b = SpqrChain.Create("2"u8, a2b: false, 0, 0);
        byte[] sk = new byte[32];
        a.SendKey(0, sk);
        Assert.NotEqual(sk, Key(k => b.RecvKey(0, 1, k)));
    }

    [Fact]
    public void PreviouslyReturnedKeyIsRejected()
    {
        using SpqrChain a2b = SpqrChain.Create("1"u8, a2b: true, 0, 0);
        a2b.RecvKey(0, 2, new byte[32]);
        Assert.Equal(SpqrError.KeyAlreadyRequested, RecvError(a2b, 0, 2));
        a2b.RecvKey(0, 1, new byte[32]); // the skipped one is still there once
        Assert.Equal(SpqrError.KeyAlreadyRequested, RecvError(a2b, 0, 1));
    }

    [Fact]
    public void VeryOldKeysAreTrimmed()
    {
        using SpqrChain a2b = SpqrChain.Create("1"u8, a2b: true, 10, 10);
        a2b.RecvKey(0, 10, new byte[32]);
        a2b.RecvKey(0, 12, new byte[32]);
        Assert.Equal(SpqrError.KeyTrimmed, RecvError(a2b, 0, 1));
    }

    [Fact]
    public void JumpBeyondMaxJumpIsRejected()
    {
        using SpqrChain a2b = SpqrChain.Create("1"u8, a2b: true, 10, 10);
        Assert.Equal(SpqrError.KeyJump, RecvError(a2b, 0, 11));
        a2b.RecvKey(0, 10, new byte[32]);
        Assert.Equal(SpqrError.KeyJump, RecvError(a2b, 0, 21));
        a2b.RecvKey(0, 20, new byte[32]);
    }

    [Fact]
    public void FutureEpochIsOutOfRange()
    {
        using SpqrChain a2b = SpqrChain.Create("1"u8, a2b: true, 0, 0);
        Assert.Equal(SpqrError.EpochOutOfRange, RecvError(a2b, 1, 1));
    }

    [Fact]
    public void OutOfOrderKeysWithinTheWindowAllArrive()
    {
        const int maxOoo = 2_000;
        using SpqrChain a2b = SpqrChain.Create("1"u8, a2b: true, 0, 0);
        using SpqrChain b2a = SpqrChain.Create("1"u8, a2b: false, 0, 0);
        var keys = new List<(uint Index, byte[] Key)>();
        for (int i = 0; i < maxOoo; i++)
        {
            byte[] k = new byte[32];
            uint idx = a2b.SendKey(0, k);
            keys.Add((idx, k));
        }
        var rng = new Random(7);
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys));
        foreach ((uint idx, byte[] k) in keys) Assert.Equal(k, Key(x => b2a.RecvKey(0, idx, x)));
    }

    [Fact]
    public void ManySkippedKeysAreBoundedByTheWindow()
    {
        using SpqrChain b2a = SpqrChain.Create("1"u8, a2b: false, 100, 10);
        uint at = 0;
        for (int i = 0; i < 50; i++)
        {
            at += 50;
            b2a.RecvKey(0, at, new byte[32]);
        }
        // Only keys within max_ooo_keys of the last request survive; older ones report KeyTrimmed.
        b2a.RecvKey(0, at - 1, new byte[32]);
        Assert.Equal(SpqrError.KeyTrimmed, RecvError(b2a, 0, at - 11));
    }

    [Fact]
    public void SendEpochMovesForwardOnly()
    {
        using SpqrChain a2b = SpqrChain.Create("1"u8, a2b: true, 0, 0);
        a2b.SendKey(0, new byte[32]);
        a2b.AddEpoch(1, [2]);
        a2b.SendKey(1, new byte[32]);
        Assert.Throws<InvalidOperationException>(() => a2b.SendKey(0, new byte[32]));
        a2b.AddEpoch(2, [3]);
        a2b.AddEpoch(3, [4]);
        a2b.SendKey(3, new byte[32]);
        Assert.Equal(2, a2b.LinkCount); // one epoch kept before the send epoch
    }

    [Fact]
    public void RejectedRequestChangesNothing()
    {
        using SpqrChain a = SpqrChain.Create("1"u8, a2b: false, 10, 10);
        a.RecvKey(0, 5, new byte[32]);
        using SpqrChain before = a.Clone();
        Assert.Equal(SpqrError.KeyJump, RecvError(a, 0, 16));
        Assert.Equal(SpqrError.KeyAlreadyRequested, RecvError(a, 0, 5));
        Assert.Equal(SpqrError.EpochOutOfRange, RecvError(a, 3, 1));
        Assert.Equal(Export(before), Export(a));
    }

    [Fact]
    public void ExportImportRoundTripMidConversation()
    {
        using SpqrChain a2b = SpqrChain.Create("auth"u8, a2b: true, 0, 0);
        using SpqrChain b2a = SpqrChain.Create("auth"u8, a2b: false, 0, 0);
        byte[] k = new byte[32];
        for (int i = 0; i < 5; i++) a2b.SendKey(0, k);
        b2a.RecvKey(0, 3, new byte[32]);
        a2b.AddEpoch(1, [9, 9]);
        b2a.AddEpoch(1, [9, 9]);
        byte[] record = Export(b2a);
        using SpqrChain restored = Import(record);
        Assert.Equal(record, Export(restored));
        a2b.SendKey(1, k);
        Assert.Equal(k, Key(x => restored.RecvKey(1, 1, x)));
        // The stored (skipped) keys of epoch 0 came along too.
        using SpqrChain a2bOld = SpqrChain.Create("auth"u8, a2b: true, 0, 0);
        a2bOld.SendKey(0, k);
        Assert.Equal(k, Key(x => restored.RecvKey(0, 1, x)));
    }

    [Fact]
    public void ImportRejectsTruncatedRecords()
    {
        using SpqrChain a = SpqrChain.Create("1"u8, a2b: true, 0, 0);
        a.RecvKey(0, 3, new byte[32]);
        byte[] record = Export(a);
        for (int cut = 0; cut < record.Length; cut += 7)
        {
            Assert.Equal(SpqrError.StateDecode, Assert.Throws<SpqrException>(() => Import(record.AsSpan(0, cut).ToArray()).Dispose()).Error);
        }
    }

    internal static byte[] Export(SpqrChain chain)
    {
        byte[] b = new byte[chain.ExportedLength];
        var w = new SpqrRecordWriter(b);
        chain.Export(ref w);
        Assert.Equal(b.Length, w.Position);
        return b;
    }

    private static SpqrChain Import(byte[] record)
    {
        var r = new SpqrRecordReader(record);
        SpqrChain c = SpqrChain.Import(ref r);
        try
        {
            r.End();
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }
}
