// RFC 9420 §5.1.1 and §9: the labeled KDF functions of MLS.
//   ExpandWithLabel(Secret, Label, Context, Length) = KDF.Expand(Secret, KDFLabel, Length)
//     KDFLabel = struct { uint16 length = Length; opaque label<V> = "MLS 1.0 " + Label; opaque context<V> = Context; }
//   DeriveSecret(Secret, Label) = ExpandWithLabel(Secret, Label, "", KDF.Nh)
//   DeriveTreeSecret(Secret, Label, Generation, Length) = ExpandWithLabel(Secret, Label, uint32 Generation, Length)
// Secrets come in and go out as spans (over Secrets or wiped stack scratch) or as Secrets; KDFLabel is public.
using System.Buffers.Binary;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Mls.Crypto;

/// <summary>ExpandWithLabel, DeriveSecret and DeriveTreeSecret (RFC 9420 §5.1.1, §9) over a suite's KDF.</summary>
internal static class MlsKdf
{
    /// <summary>ExpandWithLabel into <paramref name="output"/> (its length is Length, at most 65,535).</summary>
    internal static void ExpandWithLabel(KdfAlgorithm kdf, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> label,
        ReadOnlySpan<byte> context, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(output.Length, ushort.MaxValue, nameof(output));
        int size = LabeledInput.SizeOf(label.Length, context.Length, withLength: true);
        Span<byte> info = size <= LabeledInput.StackLimit ? stackalloc byte[LabeledInput.StackLimit] : new byte[size];
        int written = LabeledInput.Write(info, (ushort)output.Length, label, context);
        kdf.Expand(secret, output, info[..written]);
    }

    /// <summary>ExpandWithLabel with a keyed PRK (HMAC keyed once for many labels).</summary>
    internal static void ExpandWithLabel(KdfKey key, ReadOnlySpan<byte> label, ReadOnlySpan<byte> context, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(output.Length, ushort.MaxValue, nameof(output));
        int size = LabeledInput.SizeOf(label.Length, context.Length, withLength: true);
        Span<byte> info = size <= LabeledInput.StackLimit ? stackalloc byte[LabeledInput.StackLimit] : new byte[size];
        int written = LabeledInput.Write(info, (ushort)output.Length, label, context);
        key.Expand(info[..written], output);
    }

    /// <summary>ExpandWithLabel into a new <see cref="Secret"/> of <paramref name="length"/> bytes.</summary>
    internal static Secret ExpandWithLabel(KdfAlgorithm kdf, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> label,
        ReadOnlySpan<byte> context, int length)
    {
        Secret result = Secret.Allocate(length);
        try
        {
            using SecretWriteLease w = result.OpenWrite();
            ExpandWithLabel(kdf, secret, label, context, w.Span);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>DeriveSecret: ExpandWithLabel(secret, label, "", KDF.Nh); <paramref name="output"/> is Nh bytes.</summary>
    internal static void DeriveSecret(KdfAlgorithm kdf, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> label, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(output.Length, kdf.HashSizeInBytes, nameof(output));
        ExpandWithLabel(kdf, secret, label, default, output);
    }

    /// <summary>DeriveSecret into a new <see cref="Secret"/> of Nh bytes.</summary>
    internal static Secret DeriveSecret(KdfAlgorithm kdf, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> label) =>
        ExpandWithLabel(kdf, secret, label, default, kdf.HashSizeInBytes);

    /// <summary>DeriveTreeSecret (RFC 9420 §9): the generation is the context, as a big-endian uint32.</summary>
    internal static void DeriveTreeSecret(KdfAlgorithm kdf, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> label,
        uint generation, Span<byte> output)
    {
        Span<byte> context = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(context, generation);
        ExpandWithLabel(kdf, secret, label, context, output);
    }

    /// <summary>DeriveTreeSecret with a keyed PRK (the key, nonce and next secret of one ratchet generation).</summary>
    internal static void DeriveTreeSecret(KdfKey key, ReadOnlySpan<byte> label, uint generation, Span<byte> output)
    {
        Span<byte> context = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(context, generation);
        ExpandWithLabel(key, label, context, output);
    }
}
