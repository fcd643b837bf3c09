// The labeled structures of RFC 9420 §5.1: KDFLabel (§5.1.1), SignContent (§5.1.2) and EncryptContext (§5.1.3) all
// start with `opaque label<V> = "MLS 1.0 " + Label;` and end with `opaque content<V>` (context<V> in two of them);
// KDFLabel also has a uint16 length in front. Every field is public (labels, GroupContext, PSKLabel, TBS structures),
// so the encoding may sit on the GC heap; small ones use the stack.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Crypto;

internal static class LabeledInput
{
    /// <summary>"MLS 1.0 ", the prefix of every label (RFC 9420 §5.1).</summary>
    internal static ReadOnlySpan<byte> Prefix => "MLS 1.0 "u8;

    /// <summary>Stack space below which an encoding is built on the stack.</summary>
    internal const int StackLimit = 512;

    /// <summary>The size of the encoding; <paramref name="withLength"/> adds KDFLabel's uint16.</summary>
    internal static int SizeOf(int labelLength, int contentLength, bool withLength)
    {
        if (contentLength > VarInt.MaxValue) MlsThrowHelper.TooLong("context", VarInt.MaxValue);
        if (labelLength > VarInt.MaxValue - Prefix.Length) MlsThrowHelper.TooLong("label", VarInt.MaxValue);
        long size = (withLength ? 2L : 0L) + MlsWriter.OpaqueSize(Prefix.Length + labelLength) + MlsWriter.OpaqueSize(contentLength);
        if (size > int.MaxValue) MlsThrowHelper.TooLong("context", VarInt.MaxValue);
        return (int)size;
    }

    /// <summary>Writes [uint16 length] ‖ opaque label&lt;V&gt; = "MLS 1.0 " + label ‖ opaque content&lt;V&gt;; returns
    /// the bytes written.</summary>
    internal static int Write(Span<byte> destination, ushort? length, ReadOnlySpan<byte> label, ReadOnlySpan<byte> content)
    {
        var writer = new MlsWriter(destination);
        if (length is ushort l) writer.WriteUInt16(l);
        writer.WriteLength(Prefix.Length + label.Length, nameof(label));
        writer.WriteFixed(Prefix);
        writer.WriteFixed(label);
        writer.WriteOpaque(content, nameof(content));
        return writer.Written;
    }
}
