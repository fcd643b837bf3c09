// Generic helpers over IMlsEncodable<T> for the composite forms of RFC 9420 §2.1: a whole input holding exactly one
// structure, vector<V> of structures (§2.1.2: the length header counts bytes, not elements), optional<T> (§2.1.3: a
// presence byte 0 or 1), and uint8/uint16 enumerations. Decoding copies nothing by itself: a structure decides whether
// it keeps slices of the input (a ref struct view) or copies its opaque fields once (an owned class).
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NoFuture.Mls.Codec;

internal static class MlsCodec
{
    /// <summary>Decodes a structure that must fill <paramref name="source"/> exactly (a message on the wire, a
    /// vector entry of a test file): bytes after it are <see cref="MlsError.TrailingBytes"/>.</summary>
    internal static T DecodeExact<T>(ReadOnlySpan<byte> source, string what)
        where T : IMlsEncodable<T>, allows ref struct
    {
        var reader = new MlsReader(source);
        T value = T.Decode(ref reader);
        reader.EnsureEnd(what);
        return value;
    }

    /// <summary>Encodes <paramref name="value"/> into a new array of its exact size (public output only).</summary>
    internal static byte[] EncodeToArray<T>(scoped in T value)
        where T : IMlsEncodable<T>, allows ref struct
    {
        byte[] result = new byte[value.EncodedSize];
        var writer = new MlsWriter(result);
        value.Encode(ref writer);
        Debug.Assert(writer.Written == result.Length, "EncodedSize disagrees with Encode");
        return result;
    }

    /// <summary>The size of vector&lt;V&gt; holding <paramref name="items"/>: header plus the sum of the sizes.</summary>
    /// <exception cref="ArgumentException">The items take more than 2^30 − 1 bytes.</exception>
    internal static int VectorSize<T>(ReadOnlySpan<T> items, string paramName)
        where T : IMlsEncodable<T>
    {
        int content = VectorContentSize(items, paramName);
        return VarInt.SizeOf(content) + content;
    }

    /// <summary>Writes vector&lt;V&gt; of structures: the byte length, then each structure in order.</summary>
    internal static void WriteVector<T>(ref MlsWriter writer, ReadOnlySpan<T> items, string paramName)
        where T : IMlsEncodable<T>
    {
        writer.WriteLength(VectorContentSize(items, paramName), paramName);
        foreach (T item in items) item.Encode(ref writer);
    }

    /// <summary>Reads vector&lt;V&gt; of structures into a pooled buffer: the caller copies
    /// <see cref="PooledVector{T}.Span"/> once into the structure that keeps it, then disposes the buffer.</summary>
    internal static PooledVector<T> ReadVector<T>(ref MlsReader reader, string what)
        where T : IMlsEncodable<T>
    {
        MlsVectorReader<T> elements = new(reader.ReadVector(what), what);
        PooledVector<T> items = default;
        try
        {
            while (elements.MoveNext()) items.Add(elements.Current);
        }
        catch
        {
            items.Dispose();
            throw;
        }
        return items;
    }

    /// <summary>optional&lt;T&gt; (RFC 9420 §2.1.3): false with <paramref name="value"/> default when the presence
    /// byte is 0; a presence byte other than 0 or 1 is <see cref="MlsError.InvalidValue"/>.</summary>
    internal static bool ReadOptional<T>(ref MlsReader reader, string what, [MaybeNullWhen(false)] out T value)
        where T : IMlsEncodable<T>, allows ref struct
    {
        if (!reader.ReadPresence(what))
        {
            value = default;
            return false;
        }
        value = T.Decode(ref reader);
        return true;
    }

    /// <summary>The size of optional&lt;T&gt;: one presence byte, plus the structure when present.</summary>
    internal static int OptionalSize<T>(T? value)
        where T : class, IMlsEncodable<T> => 1 + (value?.EncodedSize ?? 0);

    /// <summary>Writes optional&lt;T&gt;: presence byte 0 for null, else 1 and the structure.</summary>
    internal static void WriteOptional<T>(ref MlsWriter writer, T? value)
        where T : class, IMlsEncodable<T>
    {
        writer.WritePresence(value is not null);
        value?.Encode(ref writer);
    }

    /// <summary>A uint8 enumeration kept as read, unknown values included: for code points the RFC says to carry
    /// and ignore when unknown (§13: GREASE values, extension and proposal types listed in Capabilities).</summary>
    internal static TEnum ReadEnum8<TEnum>(ref MlsReader reader, string what)
        where TEnum : unmanaged, Enum => Unsafe.BitCast<byte, TEnum>(reader.ReadUInt8(what));

    /// <summary>A uint16 enumeration kept as read, unknown values included (see <see cref="ReadEnum8{TEnum}"/>).</summary>
    internal static TEnum ReadEnum16<TEnum>(ref MlsReader reader, string what)
        where TEnum : unmanaged, Enum => Unsafe.BitCast<ushort, TEnum>(reader.ReadUInt16(what));

    /// <summary>A uint8 enumeration that must be one of <typeparamref name="TEnum"/>'s named values: for a
    /// select() discriminator, whose unknown values leave the rest of the structure unreadable.</summary>
    internal static TEnum ReadKnownEnum8<TEnum>(ref MlsReader reader, string what)
        where TEnum : unmanaged, Enum
    {
        TEnum value = ReadEnum8<TEnum>(ref reader, what);
        if (!Enum.IsDefined(value)) MlsThrowHelper.Decode(MlsError.InvalidValue, what);
        return value;
    }

    /// <summary>A uint16 enumeration that must be one of <typeparamref name="TEnum"/>'s named values (see
    /// <see cref="ReadKnownEnum8{TEnum}"/>).</summary>
    internal static TEnum ReadKnownEnum16<TEnum>(ref MlsReader reader, string what)
        where TEnum : unmanaged, Enum
    {
        TEnum value = ReadEnum16<TEnum>(ref reader, what);
        if (!Enum.IsDefined(value)) MlsThrowHelper.Decode(MlsError.InvalidValue, what);
        return value;
    }

    /// <summary>Writes a uint8 enumeration.</summary>
    internal static void WriteEnum8<TEnum>(ref MlsWriter writer, TEnum value)
        where TEnum : unmanaged, Enum => writer.WriteUInt8(Unsafe.BitCast<TEnum, byte>(value));

    /// <summary>Writes a uint16 enumeration.</summary>
    internal static void WriteEnum16<TEnum>(ref MlsWriter writer, TEnum value)
        where TEnum : unmanaged, Enum => writer.WriteUInt16(Unsafe.BitCast<TEnum, ushort>(value));

    private static int VectorContentSize<T>(ReadOnlySpan<T> items, string paramName)
        where T : IMlsEncodable<T>
    {
        // long: many large items could pass int.MaxValue before the 2^30 − 1 check.
        long total = 0;
        foreach (T item in items)
        {
            total += item.EncodedSize;
            if (total > VarInt.MaxValue) MlsThrowHelper.TooLong(paramName, VarInt.MaxValue);
        }
        return (int)total;
    }
}
