// X-Wing (draft-connolly-cfrg-xwing-kem-10): sizes, the public-key check and encapsulation (§5.4). Decapsulation
// lives on XWingPrivateKey, which caches the expanded decapsulation key (§5.5.1). The algorithms are in XWingCore.
//
// Failure policy (draft §4 and §5.4: "Encapsulate() may raise an error if the ML-KEM encapsulation does not pass the
// check of FIPS 203 §7.2"): a public key whose ML-KEM part fails the modulus check is rejected with a
// CryptographicException before anything is computed: the key is a peer's, untrusted input (docs/failure-policy.md),
// as MlKemKey.ImportEncapsulationKey reports the same check. Protocols that must turn this into their own error (HPKE's
// EncapError, TLS's illegal_parameter alert, draft §5.6 and §5.7) can ask IsValidPublicKey first.
// A low-order X25519 part is not an error: X-Wing hashes the all-zero X25519 output like any other (see XWingCore).
using NoFuture.Crypto.XWing;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// X-Wing, the hybrid post-quantum KEM of draft-connolly-cfrg-xwing-kem-10 (ML-KEM-768 + X25519 + SHA3-256):
/// encapsulation to a public key. For key generation and decapsulation use <see cref="XWingPrivateKey"/>.
/// </summary>
/// <remarks>
/// X-Wing is the KEM that HPKE (as KEM 0x647A) and post-quantum MLS cipher suites use. Shared secrets are written into
/// caller-provided spans (typically a <see cref="Secret"/> write lease) or into a new <see cref="Secret"/>.
/// </remarks>
public static class XWingKem
{
    /// <summary>The size of a private (decapsulation) key, the seed <c>sk</c>: 32 bytes.</summary>
    public const int PrivateKeySizeInBytes = XWingCore.SeedSizeInBytes;

    /// <summary>The size of a public (encapsulation) key <c>pk_M || pk_X</c>: 1216 bytes.</summary>
    public const int PublicKeySizeInBytes = XWingCore.PublicKeySizeInBytes;

    /// <summary>The size of a ciphertext <c>ct_M || ct_X</c>: 1120 bytes.</summary>
    public const int CiphertextSizeInBytes = XWingCore.CiphertextSizeInBytes;

    /// <summary>The size of the shared secret: 32 bytes.</summary>
    public const int SharedSecretSizeInBytes = XWingCore.SharedSecretSizeInBytes;

    /// <summary>
    /// Whether <paramref name="publicKey"/> is 1216 bytes and its ML-KEM-768 part passes the encapsulation-key check of
    /// FIPS 203 §7.2, that is, whether <see cref="Encapsulate(ReadOnlySpan{byte}, Span{byte}, Span{byte})"/> accepts it.
    /// </summary>
    /// <remarks>The X25519 part is not checked: every 32-byte string is accepted (RFC 7748 §5).</remarks>
    public static bool IsValidPublicKey(ReadOnlySpan<byte> publicKey) =>
        publicKey.Length == PublicKeySizeInBytes && XWingCore.PublicKeyPassesModulusCheck(publicKey);

    /// <summary>
    /// Encapsulates a fresh shared secret to <paramref name="publicKey"/> (draft §5.4, Encapsulate): writes the
    /// 1120-byte <paramref name="ciphertext"/> and the 32-byte <paramref name="sharedSecret"/> (typically a write
    /// lease's span). The 64 bytes of randomness come from the OS CSPRNG and are wiped afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer has the wrong size, or the buffers overlap.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The ML-KEM part of <paramref name="publicKey"/>
    /// fails the FIPS 203 §7.2 modulus check (see <see cref="IsValidPublicKey"/>).</exception>
    public static void Encapsulate(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        Validate(publicKey, ciphertext, sharedSecret);
        EncapsulateCore(publicKey, ciphertext, sharedSecret);
    }

    /// <summary>Encapsulate(pk), draft §5.4; the arguments are validated.</summary>
    private static void EncapsulateCore(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext, Span<byte> sharedSecret) =>
        XWingCore.Encapsulate(publicKey, null, ciphertext, sharedSecret);

    /// <summary>
    /// Encapsulates a fresh shared secret to <paramref name="publicKey"/>, writing the ciphertext and returning the
    /// shared secret in a new 32-byte <see cref="Secret"/> the caller owns.
    /// </summary>
    /// <exception cref="ArgumentException">The public key or the ciphertext buffer has the wrong size, or they overlap.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The public key fails the modulus check.</exception>
    public static Secret Encapsulate(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext, SecretOptions? options = null)
    {
        // Validate before allocating, so a rejected key costs no secret memory.
        ValidatePublic(publicKey, ciphertext);
        Secret sharedSecret = Secret.Allocate(SharedSecretSizeInBytes, options);
        try
        {
            using (SecretWriteLease lease = sharedSecret.OpenWrite()) EncapsulateCore(publicKey, ciphertext, lease.Span);
            return sharedSecret;
        }
        catch
        {
            sharedSecret.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Encapsulates like <see cref="Encapsulate(ReadOnlySpan{byte}, Span{byte}, Span{byte})"/>, but the ciphertext
    /// goes to the start of <paramref name="ciphertext"/>, which may be larger than 1120 bytes.
    /// </summary>
    /// <param name="publicKey">The recipient's 1216-byte public key.</param>
    /// <param name="ciphertext">Receives the 1120-byte ciphertext in its first bytes.</param>
    /// <param name="sharedSecret">Receives the shared secret: exactly 32 bytes (a secret has no "large enough").</param>
    /// <param name="bytesWritten">The number of ciphertext bytes written: 1120, or 0 when the call returns false.</param>
    /// <returns>
    /// <see langword="false"/>, with nothing written to either destination, when <paramref name="ciphertext"/> is
    /// shorter than 1120 bytes.
    /// </returns>
    /// <exception cref="ArgumentException">The public key or <paramref name="sharedSecret"/> has the wrong size, or the
    /// buffers overlap.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The public key fails the modulus check.</exception>
    public static bool TryEncapsulate(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext, Span<byte> sharedSecret, out int bytesWritten)
    {
        if (ciphertext.Length < CiphertextSizeInBytes)
        {
            bytesWritten = 0;
            return false;
        }
        Span<byte> ct = ciphertext[..CiphertextSizeInBytes];
        Validate(publicKey, ct, sharedSecret);
        EncapsulateCore(publicKey, ct, sharedSecret);
        bytesWritten = CiphertextSizeInBytes;
        return true;
    }

    /// <summary>
    /// Encapsulates a fresh shared secret to <paramref name="publicKey"/>, returning the (public) ciphertext in a new
    /// array and the shared secret in a new 32-byte <see cref="Secret"/> the caller owns.
    /// </summary>
    /// <exception cref="ArgumentException">The public key has the wrong size.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The public key fails the modulus check.</exception>
    public static Secret Encapsulate(ReadOnlySpan<byte> publicKey, out byte[] ciphertext, SecretOptions? options = null)
    {
        byte[] ct = new byte[CiphertextSizeInBytes];
        Secret sharedSecret = Encapsulate(publicKey, ct, options);
        ciphertext = ct;
        return sharedSecret;
    }

    /// <summary>
    /// Draft §5.4.1, EncapsulateDerand(pk, eseed), with eseed = m (32) || ek_X (32). For tests and known-answer
    /// vectors only: reusing an eseed reveals the shared secret.
    /// </summary>
    internal static void EncapsulateDeterministic(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> eseed, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        Validate(publicKey, ciphertext, sharedSecret);
        if (eseed.Length != XWingCore.EncapsulationSeedSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(eseed), XWingCore.EncapsulationSeedSizeInBytes);
        if (ciphertext.Overlaps(eseed) || sharedSecret.Overlaps(eseed)) CryptoThrowHelper.Overlap(nameof(eseed));
        XWingCore.EncapsulateDerand(publicKey, eseed, ciphertext, sharedSecret);
    }

    private static void Validate(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (sharedSecret.Length != SharedSecretSizeInBytes) CryptoThrowHelper.WrongSize(nameof(sharedSecret), SharedSecretSizeInBytes);
        if (sharedSecret.Overlaps(publicKey) || sharedSecret.Overlaps(ciphertext)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        ValidatePublic(publicKey, ciphertext);
    }

    private static void ValidatePublic(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext)
    {
        if (publicKey.Length != PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(publicKey), PublicKeySizeInBytes);
        if (ciphertext.Length != CiphertextSizeInBytes) CryptoThrowHelper.WrongSize(nameof(ciphertext), CiphertextSizeInBytes);
        if (ciphertext.Overlaps(publicKey)) CryptoThrowHelper.Overlap(nameof(ciphertext));
        if (!XWingCore.PublicKeyPassesModulusCheck(publicKey)) CryptoThrowHelper.InvalidMlKemEncapsulationKey();
    }
}
