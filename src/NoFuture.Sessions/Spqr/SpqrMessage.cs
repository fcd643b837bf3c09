// The SPQR V1 wire message (SignalMessage field 5, pq_ratchet), read from the Rust crate spqr v1.5.3
// (src/v1/chunked/states/serialize.rs, Message::serialize / deserialize, encode_varint / decode_varint):
//
//   [version]      1 byte, 0x01 (0x00 or an empty field is V0; above 1 is a future version, ignored by recv)
//   [epoch]        varint (LEB128, 7 bits per byte, low first), 1-10 bytes, never 0
//   [index]        varint, the message key's index in its chain (fits in u32)
//   [message type] 1 byte: 0 None, 1 Hdr, 2 Ek, 3 EkCt1Ack, 4 Ct1Ack, 5 Ct1, 6 Ct2
//   then, for Hdr, Ek, EkCt1Ack, Ct1 and Ct2, one erasure-code chunk:
//   [chunk index]  varint, at most 65535
//   [chunk data]   32 bytes
//
// Trailing bytes after the message are accepted (the crate allows them for later upgrades). The decoder accepts
// what the crate's does, including non-minimal varints (a 10th byte's high bits are shifted out, as in Rust's u64).
// Ct1Ack carries no data (its bool is always true on the wire). None of this is secret.
namespace NoFuture.Sessions.Spqr;

internal enum SpqrMessageType : byte
{
    None = 0,
    Hdr = 1,
    Ek = 2,
    EkCt1Ack = 3,
    Ct1Ack = 4,
    Ct1 = 5,
    Ct2 = 6,
}

/// <summary>A parsed (public, unauthenticated) SPQR V1 message; its chunk points into the received bytes.</summary>
internal readonly ref struct SpqrMessage
{
    internal const byte Version1 = 1;
    internal const int ChunkSize = 32;
    private const int MaxVarintLength = 10;

    internal SpqrMessage(ulong epoch, uint index, SpqrMessageType type, SpqrChunk chunk)
    {
        Epoch = epoch;
        Index = index;
        Type = type;
        Chunk = chunk;
    }

    internal ulong Epoch { get; }

    internal uint Index { get; }

    internal SpqrMessageType Type { get; }

    /// <summary>The chunk for the types that carry one; default otherwise.</summary>
    internal SpqrChunk Chunk { get; }

    internal static bool HasChunk(SpqrMessageType type) => type is not (SpqrMessageType.None or SpqrMessageType.Ct1Ack);

    /// <summary>The longest serialized message: version, two varints (epoch up to 10 bytes, index up to 5), type,
    /// chunk index (up to 3) and chunk data.</summary>
    internal const int MaxSerializedSize = 1 + MaxVarintLength + 5 + 1 + 3 + ChunkSize;

    internal byte[] Serialize()
    {
        Span<byte> buffer = stackalloc byte[MaxSerializedSize];
        return buffer[..SerializeTo(buffer)].ToArray();
    }

    /// <summary>Message::serialize into <paramref name="destination"/> (at least <see cref="MaxSerializedSize"/>
    /// bytes); returns the length written.</summary>
    internal int SerializeTo(Span<byte> destination)
    {
        if (destination.Length < MaxSerializedSize) SpqrThrowHelper.WrongSize(nameof(destination), MaxSerializedSize);
        int n = 0;
        destination[n++] = Version1;
        n += WriteVarint(Epoch, destination[n..]);
        n += WriteVarint(Index, destination[n..]);
        destination[n++] = (byte)Type;
        if (HasChunk(Type))
        {
            n += WriteVarint(Chunk.Index, destination[n..]);
            Chunk.Data.CopyTo(destination[n..]);
            n += ChunkSize;
        }
        return n;
    }

    /// <summary>Message::deserialize; the caller has checked that the first byte is 1.</summary>
    internal static SpqrMessage Deserialize(ReadOnlySpan<byte> from)
    {
        if (from.IsEmpty || from[0] != Version1) SpqrThrowHelper.Rejected(SpqrError.MessageDecode);
        int at = 1;
        ulong epoch = ReadVarint(from, ref at);
        if (epoch == 0) SpqrThrowHelper.Rejected(SpqrError.MessageDecode);
        ulong index = ReadVarint(from, ref at);
        if (index > uint.MaxValue || at >= from.Length) SpqrThrowHelper.Rejected(SpqrError.MessageDecode);
        byte type = from[at++];
        if (type > (byte)SpqrMessageType.Ct2) SpqrThrowHelper.Rejected(SpqrError.MessageDecode);
        SpqrChunk chunk = default;
        if (HasChunk((SpqrMessageType)type))
        {
            ulong chunkIndex = ReadVarint(from, ref at);
            if (from.Length - at < ChunkSize || chunkIndex > ushort.MaxValue) SpqrThrowHelper.Rejected(SpqrError.MessageDecode);
            chunk = new SpqrChunk((ushort)chunkIndex, from.Slice(at, ChunkSize));
        }
        return new SpqrMessage(epoch, (uint)index, (SpqrMessageType)type, chunk);
    }

    internal static int WriteVarint(ulong value, Span<byte> into)
    {
        int n = 0;
        while (value >= 0x80)
        {
            into[n++] = (byte)(0x80 | (value & 0x7F));
            value >>= 7;
        }
        into[n++] = (byte)value;
        return n;
    }

    internal static ulong ReadVarint(ReadOnlySpan<byte> from, ref int at)
    {
        if (at >= from.Length) SpqrThrowHelper.Rejected(SpqrError.MessageDecode);
        int max = Math.Min(MaxVarintLength, from.Length - at);
        ulong value = 0;
        for (int i = 0; i < max; i++)
        {
            byte b = from[at + i];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                at += i + 1;
                return value;
            }
        }
        SpqrThrowHelper.Rejected(SpqrError.MessageDecode);
        return 0;
    }
}
