// The braid's authenticator, read from the Rust crate spqr v1.5.3 (src/authenticator.rs): a root key and a MAC key
// (32 bytes each, one Secret of 64 bytes here), started from zeros and updated with the auth key at epoch 1, then
// with each epoch's secret. It MACs the ML-KEM header (send_ek -> send_ct) and the whole ciphertext ct1 ‖ ct2
// (send_ct -> send_ek), both bound to the epoch. MACs are 32 bytes and compared in constant time.
using System.Buffers.Binary;
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Sessions.Spqr;

internal sealed partial class SpqrAuthenticator : IDisposable
{
    internal const int MacSize = 32;
    private const int KeySize = 32;

    // [0, 32) root key, [32, 64) MAC key.
    private readonly Secret _keys;

    private SpqrAuthenticator(Secret keys) => _keys = keys;

    /// <summary>Authenticator::new(root_key, ep): zero keys updated with <paramref name="rootKey"/>.</summary>
    internal static SpqrAuthenticator Create(ReadOnlySpan<byte> rootKey, ulong epoch)
    {
        var a = new SpqrAuthenticator(Secret.Allocate(2 * KeySize));
        try
        {
            a.Update(epoch, rootKey);
            return a;
        }
        catch
        {
            a.Dispose();
            throw;
        }
    }

    internal static SpqrAuthenticator Import(ReadOnlySpan<byte> keys)
    {
        if (keys.Length != 2 * KeySize) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
        return new SpqrAuthenticator(Secret.CopyFrom(keys));
    }

    internal const int ExportedLength = 2 * KeySize;

    internal void Export(Span<byte> destination)
    {
        using SecretReadLease k = _keys.OpenRead();
        k.Span.CopyTo(destination);
    }

    internal SpqrAuthenticator Clone() => new(_keys.Clone());

    /// <summary>Authenticator::update: (root, mac) = HKDF(salt 0, root ‖ k, label ‖ epoch BE64, 64).</summary>
    internal void Update(ulong epoch, ReadOnlySpan<byte> k)
    {
        Span<byte> ikm = stackalloc byte[KeySize + 64];
        Span<byte> okm = stackalloc byte[2 * KeySize];
        if (k.Length > 64) SpqrThrowHelper.Invariant("authenticator input too long");
        try
        {
            using SecretWriteLease keys = _keys.OpenWrite();
            keys.Span[..KeySize].CopyTo(ikm);
            k.CopyTo(ikm[KeySize..]);
            SpqrKdf.HkdfWithEpoch(ikm[..(KeySize + k.Length)], SpqrKdf.AuthenticatorUpdate, epoch, okm);
            okm.CopyTo(keys.Span);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
            CryptographicOperations.ZeroMemory(okm);
        }
    }

    /// <summary>Authenticator::mac_hdr.</summary>
    internal void MacHeader(ulong epoch, ReadOnlySpan<byte> header, Span<byte> mac) =>
        Mac(SpqrKdf.HeaderMac, epoch, header, default, mac);

    /// <summary>Authenticator::mac_ct over ct1 ‖ ct2.</summary>
    internal void MacCiphertext(ulong epoch, ReadOnlySpan<byte> ct1, ReadOnlySpan<byte> ct2, Span<byte> mac) =>
        Mac(SpqrKdf.CiphertextMac, epoch, ct1, ct2, mac);

    internal bool VerifyHeader(ulong epoch, ReadOnlySpan<byte> header, ReadOnlySpan<byte> expected)
    {
        Span<byte> mac = stackalloc byte[MacSize];
        MacHeader(epoch, header, mac);
        return expected.Length == MacSize && CryptographicOperations.FixedTimeEquals(mac, expected);
    }

    internal bool VerifyCiphertext(ulong epoch, ReadOnlySpan<byte> ct1, ReadOnlySpan<byte> ct2, ReadOnlySpan<byte> expected)
    {
        Span<byte> mac = stackalloc byte[MacSize];
        MacCiphertext(epoch, ct1, ct2, mac);
        return expected.Length == MacSize && CryptographicOperations.FixedTimeEquals(mac, expected);
    }

    private void Mac(ReadOnlySpan<byte> label, ulong epoch, ReadOnlySpan<byte> part1, ReadOnlySpan<byte> part2, Span<byte> mac)
    {
        // The MACed data is public (labels, epoch, header or ciphertext); only the key is secret.
        int length = label.Length + 8 + part1.Length + part2.Length;
        byte[] data = new byte[length];
        label.CopyTo(data);
        BinaryPrimitives.WriteUInt64BigEndian(data.AsSpan(label.Length), epoch);
        part1.CopyTo(data.AsSpan(label.Length + 8));
        part2.CopyTo(data.AsSpan(label.Length + 8 + part1.Length));
        using SecretReadLease keys = _keys.OpenRead();
        SpqrKdf.Hmac(keys.Span[KeySize..], data, mac);
    }

    public void Dispose() => _keys.Dispose();
}
