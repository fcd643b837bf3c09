// RFC 9420 §5.2: RefHash(label, value) = Hash(RefHashInput),
//   RefHashInput = struct { opaque label<V> = label; opaque value<V> = value; }
// The label is used as given (KeyPackage and Proposal references pass "MLS 1.0 KeyPackage Reference" and
// "MLS 1.0 Proposal Reference"), so unlike the §5.1 functions no prefix is added here. Every input is public.
using NoFuture.Crypto;
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Crypto;

/// <summary>RefHash (RFC 9420 §5.2), the hash behind KeyPackageRef and ProposalRef.</summary>
internal static class RefHash
{
    /// <summary>The label of KeyPackageRef (RFC 9420 §5.2).</summary>
    internal static ReadOnlySpan<byte> KeyPackageLabel => "MLS 1.0 KeyPackage Reference"u8;

    /// <summary>The label of ProposalRef (RFC 9420 §5.2).</summary>
    internal static ReadOnlySpan<byte> ProposalLabel => "MLS 1.0 Proposal Reference"u8;

    /// <summary>Writes RefHash(label, value) into <paramref name="output"/> (the hash's size).</summary>
    internal static void Compute(HashAlgorithm hash, ReadOnlySpan<byte> label, ReadOnlySpan<byte> value, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(output.Length, hash.HashSizeInBytes, nameof(output));
        if (label.Length > VarInt.MaxValue) MlsThrowHelper.TooLong(nameof(label), VarInt.MaxValue);
        if (value.Length > VarInt.MaxValue) MlsThrowHelper.TooLong(nameof(value), VarInt.MaxValue);
        using IncrementalHasher hasher = hash.CreateIncremental();
        Span<byte> header = stackalloc byte[4];
        hasher.Append(header[..VarInt.Write(header, label.Length)]);
        hasher.Append(label);
        hasher.Append(header[..VarInt.Write(header, value.Length)]);
        hasher.Append(value);
        hasher.GetHashAndReset(output);
    }

    /// <summary>RefHash(label, value) as a new array (a reference is public).</summary>
    internal static byte[] Compute(HashAlgorithm hash, ReadOnlySpan<byte> label, ReadOnlySpan<byte> value)
    {
        byte[] output = new byte[hash.HashSizeInBytes];
        Compute(hash, label, value, output);
        return output;
    }
}
