// An X-Wing public (encapsulation) key, checked and expanded once (draft-connolly-cfrg-xwing-kem-10, §5.4).
// Import runs the FIPS 203 §7.2 modulus check on pk_M (the draft's §4 requires it before encapsulating) and keeps
// ML-KEM's public expansion of pk_M: t-hat, the sampled matrix A-hat^T and H(pk_M). Each Encapsulate then does only
// the per-message work, and gives the same bytes as XWingKem.Encapsulate on the raw key.
// Use it when encapsulating to the same recipient more than once (HPKE to a fixed key, MLS paths to a known member).
// Everything here is public data in managed arrays; only the shared secret is secret, and it goes to the caller's span.
using System.Diagnostics;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.XWing;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An X-Wing public key, validated once and expanded for fast repeated encapsulation. For one-off encapsulation to raw
/// key bytes, <see cref="XWingKem.Encapsulate(ReadOnlySpan{byte}, Span{byte}, Span{byte})"/> gives the same result.
/// </summary>
/// <remarks>
/// The object holds about 7 KiB of public data (the key and ML-KEM-768's matrix). It is immutable and safe to share
/// between threads.
/// </remarks>
[DebuggerDisplay("XWingPublicKey")]
public sealed class XWingPublicKey
{
    private readonly byte[] _publicKey;
    private readonly ExpandedEncapsulationKey _expandedPkM;

    private XWingPublicKey(byte[] publicKey)
    {
        _publicKey = publicKey;
        _expandedPkM = ExpandedEncapsulationKey.Expand(MlKemParameters.MlKem768, publicKey.AsSpan(0, XWingCore.PkMSizeInBytes));
    }

    /// <summary>The 1216-byte public key pk = pk_M || pk_X.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>
    /// Copies and checks a 1216-byte public key: its ML-KEM-768 part must pass the FIPS 203 §7.2 modulus check
    /// (<see cref="XWingKem.IsValidPublicKey"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The key has the wrong size.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key fails the modulus check (a peer's key
    /// is untrusted input; docs/failure-policy.md).</exception>
    public static XWingPublicKey Import(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != XWingKem.PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(publicKey), XWingKem.PublicKeySizeInBytes);
        if (!XWingCore.PublicKeyPassesModulusCheck(publicKey)) CryptoThrowHelper.InvalidMlKemEncapsulationKey();
        return new XWingPublicKey(publicKey.ToArray());
    }

    /// <summary>
    /// Encapsulates a fresh shared secret to this key (draft §5.4, Encapsulate): writes the 1120-byte
    /// <paramref name="ciphertext"/> and the 32-byte <paramref name="sharedSecret"/> (typically a write lease's span).
    /// The 64 bytes of randomness come from the OS CSPRNG and are wiped afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer has the wrong size or the buffers overlap.</exception>
    public void Encapsulate(Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        ValidateCiphertext(ciphertext);
        ValidateSharedSecret(ciphertext, sharedSecret);
        EncapsulateCore(ciphertext, sharedSecret);
    }

    /// <summary>
    /// Encapsulates a fresh shared secret to this key, writing the ciphertext and returning the shared secret in a new
    /// 32-byte <see cref="Secret"/> the caller owns.
    /// </summary>
    /// <exception cref="ArgumentException">The ciphertext buffer has the wrong size.</exception>
    public Secret Encapsulate(Span<byte> ciphertext, SecretOptions? options = null)
    {
        ValidateCiphertext(ciphertext);
        Secret sharedSecret = Secret.Allocate(XWingKem.SharedSecretSizeInBytes, options);
        try
        {
            using (SecretWriteLease lease = sharedSecret.OpenWrite()) EncapsulateCore(ciphertext, lease.Span);
            return sharedSecret;
        }
        catch
        {
            sharedSecret.Dispose();
            throw;
        }
    }

    /// <summary>Returns the type name only.</summary>
    public override string ToString() => nameof(XWingPublicKey);

    /// <summary>
    /// Draft §5.4.1, EncapsulateDerand(pk, eseed), for tests and benchmarks only: reusing an eseed reveals the shared
    /// secret.
    /// </summary>
    internal void EncapsulateDeterministic(ReadOnlySpan<byte> eseed, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        ValidateCiphertext(ciphertext);
        ValidateSharedSecret(ciphertext, sharedSecret);
        if (eseed.Length != XWingCore.EncapsulationSeedSizeInBytes) CryptoThrowHelper.WrongSize(nameof(eseed), XWingCore.EncapsulationSeedSizeInBytes);
        if (ciphertext.Overlaps(eseed) || sharedSecret.Overlaps(eseed)) CryptoThrowHelper.Overlap(nameof(eseed));
        XWingCore.EncapsulateDerand(_publicKey, _expandedPkM, eseed, ciphertext, sharedSecret);
    }

    private void EncapsulateCore(Span<byte> ciphertext, Span<byte> sharedSecret) =>
        XWingCore.Encapsulate(_publicKey, _expandedPkM, ciphertext, sharedSecret);

    private static void ValidateCiphertext(Span<byte> ciphertext)
    {
        if (ciphertext.Length != XWingKem.CiphertextSizeInBytes) CryptoThrowHelper.WrongSize(nameof(ciphertext), XWingKem.CiphertextSizeInBytes);
    }

    private static void ValidateSharedSecret(Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (sharedSecret.Length != XWingKem.SharedSecretSizeInBytes) CryptoThrowHelper.WrongSize(nameof(sharedSecret), XWingKem.SharedSecretSizeInBytes);
        if (sharedSecret.Overlaps(ciphertext)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
    }
}
