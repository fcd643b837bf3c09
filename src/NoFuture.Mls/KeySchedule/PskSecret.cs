// RFC 9420 §8.4: psk_secret from the PSKs a commit (or Welcome) names, in order.
//   PreSharedKeyID = struct { PSKType psktype; select (psktype) { case external: opaque psk_id<V>;
//                             case resumption: ResumptionPSKUsage usage; opaque psk_group_id<V>; uint64 psk_epoch; };
//                             opaque psk_nonce<V>; }
//   PSKLabel = struct { PreSharedKeyID id; uint16 index; uint16 count; }
//   psk_extracted_[i] = KDF.Extract(0, psk_[i])
//   psk_input_[i]     = ExpandWithLabel(psk_extracted_[i], "derived psk", PSKLabel, KDF.Nh)
//   psk_secret_[0]    = 0;  psk_secret_[i] = KDF.Extract(psk_input_[i-1], psk_secret_[i-1]);  psk_secret = psk_secret_[n]
// where 0 is Nh zero bytes and KDF.Extract(salt, ikm). The PSKs are secrets (Secrets); the PreSharedKeyIDs are public.
// The PreSharedKeyIDs are encoded by the codec's PreSharedKeyId, the same type that decodes them from messages.
using System.Buffers.Binary;
using System.Security.Cryptography;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Crypto;

namespace NoFuture.Mls.KeySchedule;

/// <summary>The PSK chaining of RFC 9420 §8.4, and the PreSharedKeyID encodings it labels each PSK with.</summary>
internal static class PskSecret
{
    private const int MaxHashSize = 64;

    /// <summary>Encodes PreSharedKeyID for an external PSK (the codec's <see cref="PreSharedKeyId"/>).</summary>
    internal static byte[] EncodeExternalId(ReadOnlySpan<byte> pskId, ReadOnlySpan<byte> pskNonce) =>
        MlsCodec.EncodeToArray(PreSharedKeyId.External(pskId, pskNonce));

    /// <summary>Encodes PreSharedKeyID for a resumption PSK (usage: application 1, reinit 2, branch 3).</summary>
    internal static byte[] EncodeResumptionId(byte usage, ReadOnlySpan<byte> pskGroupId, ulong pskEpoch, ReadOnlySpan<byte> pskNonce) =>
        MlsCodec.EncodeToArray(PreSharedKeyId.Resumption((ResumptionPskUsage)usage, pskGroupId, pskEpoch, pskNonce));

    /// <summary>Writes psk_secret (Nh bytes) for <paramref name="pskIds"/>[i] (encoded PreSharedKeyIDs) and
    /// <paramref name="psks"/>[i]; no PSK gives Nh zero bytes.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, hold more than 65,535 PSKs, or the output is not Nh bytes.</exception>
    internal static void Compute(MlsCipherSuite suite, IReadOnlyList<byte[]> pskIds, IReadOnlyList<Secret> psks, Span<byte> pskSecret)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(pskIds);
        ArgumentNullException.ThrowIfNull(psks);
        int nh = suite.Kdf.HashSizeInBytes;
        ArgumentOutOfRangeException.ThrowIfNotEqual(pskSecret.Length, nh, nameof(pskSecret));
        ArgumentOutOfRangeException.ThrowIfNotEqual(psks.Count, pskIds.Count, nameof(psks));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(psks.Count, ushort.MaxValue, nameof(psks));
        int count = psks.Count;

        Span<byte> extracted = stackalloc byte[MaxHashSize];
        Span<byte> input = stackalloc byte[MaxHashSize];
        Span<byte> previous = stackalloc byte[MaxHashSize];
        try
        {
            previous.Clear();
            for (int i = 0; i < count; i++)
            {
                byte[] id = pskIds[i];
                byte[] label = new byte[id.Length + 4];
                id.CopyTo(label, 0);
                BinaryPrimitives.WriteUInt16BigEndian(label.AsSpan(id.Length), (ushort)i);
                BinaryPrimitives.WriteUInt16BigEndian(label.AsSpan(id.Length + 2), (ushort)count);
                using (SecretReadLease psk = psks[i].OpenRead())
                    suite.Kdf.Extract(psk.Span, default, extracted[..nh]);
                MlsKdf.ExpandWithLabel(suite.Kdf, extracted[..nh], "derived psk"u8, label, input[..nh]);
                suite.Kdf.Extract(previous[..nh], input[..nh], pskSecret);
                pskSecret.CopyTo(previous);
            }
            if (count == 0) pskSecret.Clear();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(extracted);
            CryptographicOperations.ZeroMemory(input);
            CryptographicOperations.ZeroMemory(previous);
        }
    }
}
