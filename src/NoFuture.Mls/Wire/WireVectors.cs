// Vectors of scalars and of opaque values (RFC 9420 §2.1.2), which MlsCodec's structure helpers do not cover: the
// uint16 code-point lists of Capabilities (§7.2), ParentNode's uint32 unmerged_leaves (§7.1) and the opaque
// cert_data list of an x509 Credential (§5.3). As everywhere in the codec, the header counts bytes, and an element cut
// by the vector's end is Truncated even when the outer input goes on.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Wire;

internal static class WireVectors
{
    /// <summary>Reads uint16 elements&lt;V&gt;; values are kept as read (unknown code points included).</summary>
    internal static ushort[] ReadUInt16Vector(ref MlsReader reader, string what)
    {
        MlsReader content = reader.ReadVector(what);
        if (content.Remaining.Length % 2 != 0) MlsThrowHelper.Decode(MlsError.Truncated, what);
        if (content.IsEmpty) return [];
        var values = new ushort[content.Remaining.Length / 2];
        for (int i = 0; i < values.Length; i++) values[i] = content.ReadUInt16(what);
        return values;
    }

    internal static int UInt16VectorSize(ReadOnlySpan<ushort> values) => MlsWriter.OpaqueSize(2 * values.Length);

    internal static void WriteUInt16Vector(ref MlsWriter writer, ReadOnlySpan<ushort> values, string paramName)
    {
        writer.WriteLength(2 * values.Length, paramName);
        foreach (ushort value in values) writer.WriteUInt16(value);
    }

    /// <summary>Reads uint32 elements&lt;V&gt;.</summary>
    internal static uint[] ReadUInt32Vector(ref MlsReader reader, string what)
    {
        MlsReader content = reader.ReadVector(what);
        if (content.Remaining.Length % 4 != 0) MlsThrowHelper.Decode(MlsError.Truncated, what);
        if (content.IsEmpty) return [];
        var values = new uint[content.Remaining.Length / 4];
        for (int i = 0; i < values.Length; i++) values[i] = content.ReadUInt32(what);
        return values;
    }

    internal static int UInt32VectorSize(ReadOnlySpan<uint> values) => MlsWriter.OpaqueSize(4 * values.Length);

    internal static void WriteUInt32Vector(ref MlsWriter writer, ReadOnlySpan<uint> values, string paramName)
    {
        writer.WriteLength(4 * values.Length, paramName);
        foreach (uint value in values) writer.WriteUInt32(value);
    }

    /// <summary>Reads opaque items&lt;V&gt;&lt;V&gt;, each copied once.</summary>
    internal static byte[][] ReadOpaqueVector(ref MlsReader reader, string what)
    {
        MlsReader content = reader.ReadVector(what);
        if (content.IsEmpty) return [];
        using var items = default(PooledVector<byte[]>);
        while (!content.IsEmpty) items.Add(content.ReadOpaque(what).ToArray());
        return items.Span.ToArray();
    }

    internal static int OpaqueVectorSize(ReadOnlySpan<byte[]> items, string paramName)
    {
        int content = OpaqueVectorContentSize(items, paramName);
        return MlsWriter.OpaqueSize(content);
    }

    internal static void WriteOpaqueVector(ref MlsWriter writer, ReadOnlySpan<byte[]> items, string paramName)
    {
        writer.WriteLength(OpaqueVectorContentSize(items, paramName), paramName);
        foreach (byte[] item in items) writer.WriteOpaque(item, paramName);
    }

    private static int OpaqueVectorContentSize(ReadOnlySpan<byte[]> items, string paramName)
    {
        long total = 0;
        foreach (byte[] item in items)
        {
            total += MlsWriter.OpaqueSize(item.Length);
            if (total > VarInt.MaxValue) MlsThrowHelper.TooLong(paramName, VarInt.MaxValue);
        }
        return (int)total;
    }
}
