// The TLS 1.3 hybrid group X25519MLKEM768 (IANA TLS Supported Group 4588 = 0x11EC), draft-ietf-tls-ecdhe-mlkem,
// section 3.1 "Construction" (section numbers as of draft-ietf-tls-ecdhe-mlkem-01, read from the editors' copy in
// post-quantum-cryptography/draft-kwiatkowski-tls-ecdhe-mlkem @ 4eb3d11, draft-ietf-tls-ecdhe-mlkem.md):
//   §3.1.1 client share = ML-KEM-768 encapsulation key (1184) || client X25519 ephemeral share (32)  = 1216 bytes
//   §3.1.2 server share = ML-KEM-768 ciphertext (1088)        || server X25519 ephemeral share (32)  = 1120 bytes
//   §3.1.3 shared secret = ML-KEM shared secret (32)          || X25519 shared secret (32)           =   64 bytes
// ML-KEM comes first in all three, unlike the other groups of the draft ("for historical reasons", §3, so that the
// FIPS-approved secret leads the HKDF input). The 64 bytes are the TLS key schedule's (EC)DHE input, not a hash.
//
// Failure policy (the draft's §3.1.2 and §3.1.3 errors, all of which TLS answers with an illegal_parameter alert):
// - server: a client encapsulation key failing FIPS 203 §7.2 (the modulus check), or an all-zero X25519 result
//   (RFC 8446 §7.4.2), makes Encapsulate return false with both destinations cleared;
// - client: an all-zero X25519 result makes Decapsulate return false with the destination cleared. A bad ML-KEM
//   ciphertext is not detectable (implicit rejection); the handshake fails later at Finished.
// - wrong buffer sizes (including a share of the wrong length, which TLS also answers with illegal_parameter) are
//   ArgumentExceptions: callers check the length they received against ClientShareSizeInBytes/ServerShareSizeInBytes.
// Unlike X-Wing, this is plain concatenation, secure only inside the TLS 1.3 transcript (draft §4).
using System.Security.Cryptography;
using NoFuture.Crypto.Curves;
using NoFuture.Crypto.MlKem;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// The TLS 1.3 key-exchange group X25519MLKEM768 (0x11EC, draft-ietf-tls-ecdhe-mlkem): the server side
/// (encapsulation to a client share) and the sizes. The client side is <see cref="X25519MlKem768ClientKey"/>.
/// </summary>
/// <remarks>
/// The combined secret is the concatenation ML-KEM secret || X25519 secret (64 bytes) and is meant only as the
/// (EC)DHE input of the TLS 1.3 key schedule. For a general-purpose hybrid KEM use X-Wing
/// (<see cref="XWingKem"/>).
/// </remarks>
public static class X25519MlKem768
{
    /// <summary>The TLS NamedGroup code point, 4588 (0x11EC).</summary>
    public const ushort NamedGroup = 0x11EC;

    /// <summary>The size of the client's key_exchange value: 1184 (ML-KEM-768 ek) + 32 (X25519) = 1216 bytes.</summary>
    public const int ClientShareSizeInBytes = MlKemEncapsulationKeySize + X25519.PublicKeySizeInBytes;

    /// <summary>The size of the server's key_exchange value: 1088 (ML-KEM-768 ciphertext) + 32 (X25519) = 1120 bytes.</summary>
    public const int ServerShareSizeInBytes = MlKemCiphertextSize + X25519.PublicKeySizeInBytes;

    /// <summary>The size of the shared secret: 32 (ML-KEM) + 32 (X25519) = 64 bytes.</summary>
    public const int SharedSecretSizeInBytes = MlKemParameters.SharedSecretSizeInBytes + X25519.SharedSecretSizeInBytes;

    internal const int MlKemEncapsulationKeySize = 1184, MlKemCiphertextSize = 1088, MlKemDecapsulationKeySize = 2400;

    /// <summary>
    /// The server's side: encapsulates to <paramref name="clientShare"/>, writing the server's key_exchange value into
    /// <paramref name="serverShare"/> and the 64-byte shared secret into <paramref name="sharedSecret"/> (typically a
    /// write lease's span). Randomness comes from the OS CSPRNG and is wiped afterwards.
    /// </summary>
    /// <returns>
    /// <see langword="false"/> when the client share is invalid (the TLS illegal_parameter cases): its ML-KEM
    /// encapsulation key fails the FIPS 203 §7.2 modulus check, or its X25519 share gives the all-zero shared secret.
    /// Both destinations are then cleared.
    /// </returns>
    /// <exception cref="ArgumentException">A buffer has the wrong size or the buffers overlap.</exception>
    public static bool Encapsulate(ReadOnlySpan<byte> clientShare, Span<byte> serverShare, Span<byte> sharedSecret)
    {
        Validate(clientShare, serverShare, sharedSecret);
        Span<byte> seeds = stackalloc byte[64];
        try
        {
            RandomNumberGenerator.Fill(seeds); // m (32) for ML-KEM, the server's X25519 ephemeral scalar (32)
            return EncapsulateCore(clientShare, seeds[..32], seeds[32..], serverShare, sharedSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seeds);
        }
    }

    /// <summary>
    /// The server's side, returning the 64-byte shared secret in a new <see cref="Secret"/>, or
    /// <see langword="null"/> (and <paramref name="serverShare"/> cleared) when the client share is invalid.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer has the wrong size or the buffers overlap.</exception>
    public static Secret? Encapsulate(ReadOnlySpan<byte> clientShare, Span<byte> serverShare, SecretOptions? options = null)
    {
        ValidateShares(clientShare, serverShare);
        Secret sharedSecret = Secret.Allocate(SharedSecretSizeInBytes, options);
        try
        {
            bool ok;
            using (SecretWriteLease lease = sharedSecret.OpenWrite()) ok = Encapsulate(clientShare, serverShare, lease.Span);
            if (ok) return sharedSecret;
            sharedSecret.Dispose();
            return null;
        }
        catch
        {
            sharedSecret.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The server's side with caller-chosen randomness: <paramref name="m"/> for ML-KEM.Encaps_internal and the
    /// server's X25519 ephemeral scalar <paramref name="serverX25519PrivateKey"/>. For tests only.
    /// </summary>
    internal static bool EncapsulateDeterministic(ReadOnlySpan<byte> clientShare, ReadOnlySpan<byte> m,
        ReadOnlySpan<byte> serverX25519PrivateKey, Span<byte> serverShare, Span<byte> sharedSecret)
    {
        Validate(clientShare, serverShare, sharedSecret);
        if (m.Length != 32) CryptoThrowHelper.WrongSize(nameof(m), 32);
        if (serverX25519PrivateKey.Length != X25519.PrivateKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(serverX25519PrivateKey), X25519.PrivateKeySizeInBytes);
        return EncapsulateCore(clientShare, m, serverX25519PrivateKey, serverShare, sharedSecret);
    }

    private static bool EncapsulateCore(ReadOnlySpan<byte> clientShare, ReadOnlySpan<byte> m, ReadOnlySpan<byte> skE,
        Span<byte> serverShare, Span<byte> sharedSecret)
    {
        MlKemParameters p = MlKemParameters.MlKem768;
        ReadOnlySpan<byte> ek = clientShare[..MlKemEncapsulationKeySize], clientX = clientShare[MlKemEncapsulationKeySize..];
        // §3.1.2: the server MUST perform the FIPS 203 §7.2 check (the length is fixed by the share size).
        if (!MlKemCore.EncapsulationKeyModulusCheck(p, ek))
        {
            serverShare.Clear();
            sharedSecret.Clear();
            return false;
        }
        // Server share = ct || X25519(skE, 9); shared secret = K || X25519(skE, client X25519 share).
        MlKemCore.EncapsInternal(p, ek, m, sharedSecret[..32], serverShare[..MlKemCiphertextSize]);
        X25519.DerivePublicKeyCore(skE, serverShare[MlKemCiphertextSize..]);
        if (!X25519.AgreeCore(skE, clientX, sharedSecret[32..]))
        {
            // §3.1.3 / RFC 8446 §7.4.2: an all-zero X25519 shared secret aborts the handshake.
            serverShare.Clear();
            CryptographicOperations.ZeroMemory(sharedSecret);
            return false;
        }
        return true;
    }

    private static void Validate(ReadOnlySpan<byte> clientShare, Span<byte> serverShare, Span<byte> sharedSecret)
    {
        if (sharedSecret.Length != SharedSecretSizeInBytes) CryptoThrowHelper.WrongSize(nameof(sharedSecret), SharedSecretSizeInBytes);
        if (sharedSecret.Overlaps(clientShare) || sharedSecret.Overlaps(serverShare)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        ValidateShares(clientShare, serverShare);
    }

    private static void ValidateShares(ReadOnlySpan<byte> clientShare, Span<byte> serverShare)
    {
        if (clientShare.Length != ClientShareSizeInBytes) CryptoThrowHelper.WrongSize(nameof(clientShare), ClientShareSizeInBytes);
        if (serverShare.Length != ServerShareSizeInBytes) CryptoThrowHelper.WrongSize(nameof(serverShare), ServerShareSizeInBytes);
        if (serverShare.Overlaps(clientShare)) CryptoThrowHelper.Overlap(nameof(serverShare));
    }
}
