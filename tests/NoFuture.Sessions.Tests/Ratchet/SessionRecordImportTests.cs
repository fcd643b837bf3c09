// Session record import (RatchetState.ReadRecord), which reads the layout first, imports the SPQR state (last in the
// record) and then builds the state once: every optional part round-trips byte for byte, and a damaged SPQR section or
// a record over the options' limits is refused as InvalidRecord.
using System.Buffers.Binary;
using NoFuture.Memory;
using static NoFuture.Sessions.Tests.SessionPair;

namespace NoFuture.Sessions.Tests.Ratchet;

public class SessionRecordImportTests
{
    private static byte[] Bytes(Secret record)
    {
        using SecretReadLease lease = record.OpenRead();
        return lease.Span.ToArray();
    }

    private static byte[] RoundTrip(QuantumSession session, QuantumSessionOptions? options = null)
    {
        using Secret record = session.Export();
        using QuantumSession restored = QuantumSession.Import(record, options);
        using Secret again = restored.Export();
        byte[] before = Bytes(record), after = Bytes(again);
        Assert.Equal(before, after);
        return before;
    }

    /// <summary>Bob with two receiving chains, each with a skipped key, and the initiator's base key.</summary>
    private static SessionPair Busy()
    {
        var pair = new SessionPair();
        _ = pair.Alice.Encrypt("skipped 1"u8);
        Assert.Equal("a", Decrypt(pair.Bob, pair.Alice.Encrypt("a"u8)));
        Assert.Equal("b", Decrypt(pair.Alice, pair.Bob.Encrypt("b"u8)));
        _ = pair.Alice.Encrypt("skipped 2"u8);
        Assert.Equal("c", Decrypt(pair.Bob, pair.Alice.Encrypt("c"u8)));
        return pair;
    }

    [Fact]
    public void EveryOptionalPart_RoundTripsByteForByte()
    {
        using var fresh = new SessionPair();
        RoundTrip(fresh.Alice); // pending prekey message fields
        RoundTrip(fresh.Bob);   // remote base key, no receiving chain with skipped keys
        using SessionPair busy = Busy();
        RoundTrip(busy.Bob);    // two receiving chains with skipped keys
        RoundTrip(busy.Alice);
    }

    [Fact]
    public void DamagedSpqrSection_IsRefused()
    {
        using SessionPair busy = Busy();
        byte[] record = RoundTrip(busy.Bob);
        // The SPQR section is the record's tail, after its 4-byte length: the longest tail so prefixed. (The shortest
        // was wrong about 1 run in 14: an inner field of the SPQR state can equal its own distance to the end.)
        int spqrLength = Enumerable.Range(1, record.Length - 4)
            .Last(n => BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(record.Length - n - 4)) == (uint)n);
        int lengthAt = record.Length - spqrLength - 4;
        foreach (int delta in new[] { 1, -1, int.MaxValue - spqrLength })
        {
            byte[] damaged = (byte[])record.Clone();
            BinaryPrimitives.WriteUInt32LittleEndian(damaged.AsSpan(lengthAt), (uint)(spqrLength + delta));
            AssertRefused(damaged);
        }
        byte[] noSpqr = record[..(lengthAt + 4)];
        BinaryPrimitives.WriteUInt32LittleEndian(noSpqr.AsSpan(lengthAt), 0);
        AssertRefused(noSpqr);
        byte[] garbage = (byte[])record.Clone();
        garbage.AsSpan(lengthAt + 4).Fill(0xFF);
        AssertRefused(garbage);
    }

    [Fact]
    public void SkippedKeysOverTheOptionsLimit_AreRefused()
    {
        using SessionPair busy = Busy();
        using Secret record = busy.Bob.Export();
        var tight = new QuantumSessionOptions { MaxMessageKeys = 0 };
        Assert.Equal(SessionError.InvalidRecord, Assert.Throws<SessionException>(() => QuantumSession.Import(record, tight)).Reason);
        using QuantumSession restored = QuantumSession.Import(record, new QuantumSessionOptions { MaxMessageKeys = 1 });
        Assert.Equal("after", Decrypt(busy.Alice, restored.Encrypt("after"u8)));
    }

    private static void AssertRefused(byte[] record)
    {
        using Secret bad = Secret.CopyFrom(record);
        Assert.Equal(SessionError.InvalidRecord, Assert.Throws<SessionException>(() => QuantumSession.Import(bad)).Reason);
    }
}
