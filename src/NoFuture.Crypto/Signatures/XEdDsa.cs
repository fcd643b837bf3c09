// XEdDSA over Curve25519 ("XEd25519": The XEdDSA and VXEdDSA Signature Schemes, revision 1, 2016-10-20, sections 2.3,
// 2.5, 3 and 5), in the variant libsignal signs and verifies identity-key signatures with: Ed25519-compatible
// signatures made with an X25519 private key and checked against an X25519 public key.
//
// Signing (section 3, xeddsa_sign, with libsignal's variation):
//   k = the clamped X25519 scalar; a = k mod q; A = aB (the Edwards public key, with its real sign bit)
//   r = hash1(k || M || Z) mod q, where hash1(X) = SHA-512(0xFE || 0xFF x 31 || X) (section 2.5, i = 1) and Z is
//       64 fresh random bytes (the specification hashes a; libsignal hashes the clamped k: only the nonce differs)
//   a is never 0: a clamped k is 2^254 + 8j < 2^255, and no multiple c q in that range (c = 4..7) is divisible by 8
//   R = rB; h = SHA-512(R || A || M) mod q; s = r + h·a mod q; signature = R || s, with A's sign bit in bit 7 of the
//   last byte (s < 2^253, so that bit is otherwise 0).
// The specification instead negates a when A's sign bit is 1 (calculate_key_pair), so that A always has sign bit 0
// and no sign bit travels. libsignal (and libsignal-protocol-java before it) keeps a and carries the bit; a
// verifier that knows the bit accepts both forms (a specification signature has bit 7 clear, and then A's sign is 0).
//
// Verification (section 3, xeddsa_verify, with the same variation):
//   reject u >= p (and u = p - 1, which has no Edwards image); A = (y = (u - 1)/(u + 1), sign = signature bit 7),
//   which must be a point of the curve and not of small order; reject s >= q (canonical s only: stricter than
//   libsignal, which accepts any s < 2^253 and reduces it, so a malleated signature passes there but not here);
//   accept exactly when encode(sB - hA) == R with h = SHA-512(R || A || M) mod q.
//
// Choices:
// - libsodium does the group and scalar arithmetic (Interop/SodiumEd25519Arithmetic.cs); SHA-512 is OpenSSL's
//   low-level context on the stack (Hashing/Sha2Native.cs) or, without libcrypto, the BCL's IncrementalHash.
// - Every secret (k, a, r, hash1's state and output) is in stack scratch wiped in finally. Neither signing nor
//   verification allocates managed memory; verification computes y with Curves/Field25519.cs (public data only).
using System.Security.Cryptography;
using NoFuture.Crypto.Hashing;
using NoFuture.Crypto.Interop;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// XEdDSA signatures (Signal's XEd25519) with X25519 keys, as libsignal's identity keys make them: 64-byte
/// signatures, signed with an <see cref="X25519PrivateKey"/> and verified with a 32-byte X25519 public key.
/// </summary>
/// <remarks>
/// Like libsignal, the Edwards public key's sign bit travels in the top bit of the signature's last byte (the
/// specification fixes it to 0 instead); signatures of either form verify. Verification accepts only canonical s
/// (below the group order), unlike libsignal, which also accepts s values from q up to 2^253.
/// </remarks>
public static unsafe class XEdDsa
{
    /// <summary>The size of a signature: 64 bytes (R || s).</summary>
    public const int SignatureSizeInBytes = 64;

    /// <summary>The size of a public key: 32 bytes (the X25519 u-coordinate).</summary>
    public const int PublicKeySizeInBytes = 32;

    private const int RandomSizeInBytes = 64;

    // q = 2^252 + 27742317777372353535851937790883648493, little-endian.
    private static ReadOnlySpan<byte> GroupOrder =>
    [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ];

    /// <summary>
    /// Signs <paramref name="message"/> with the X25519 private key, writing a 64-byte signature (fresh random Z).
    /// </summary>
    /// <param name="privateKey">The X25519 key (its scalar is clamped first, as X25519 does).</param>
    /// <param name="message">The message.</param>
    /// <param name="signature">Receives the signature: exactly <see cref="SignatureSizeInBytes"/> bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="privateKey"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="signature"/> has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public static void Sign(X25519PrivateKey privateKey, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        Span<byte> z = stackalloc byte[RandomSizeInBytes];
        try
        {
            RandomNumberGenerator.Fill(z);
            SignDerandomized(privateKey, message, z, signature);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(z);
        }
    }

    /// <summary>Signing with the caller's 64-byte Z, for known-answer tests only (a repeated Z with another message
    /// is harmless, since r also hashes the message, but tests are its only use).</summary>
    internal static void SignDerandomized(X25519PrivateKey privateKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> z, Span<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (signature.Length != SignatureSizeInBytes) CryptoThrowHelper.WrongSize(nameof(signature), SignatureSizeInBytes);
        if (z.Length != RandomSizeInBytes) CryptoThrowHelper.WrongSize(nameof(z), RandomSizeInBytes);
        Sodium.EnsureInitialized();
        Span<byte> k = stackalloc byte[32];
        Span<byte> a = stackalloc byte[32];
        Span<byte> r = stackalloc byte[32];
        Span<byte> wide = stackalloc byte[64];
        Span<byte> edA = stackalloc byte[32];
        Span<byte> edR = stackalloc byte[32];
        Span<byte> h = stackalloc byte[32];
        Span<byte> ha = stackalloc byte[32];
        Span<byte> s = stackalloc byte[32];
        ReadOnlySpan<byte> hash1Prefix =
        [
            0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        ];
        try
        {
            using (SecretReadLease lease = privateKey.OpenScalar()) lease.Span.CopyTo(k);
            // The X25519 clamping (RFC 7748, section 5), as libsignal stores its private keys.
            k[0] &= 248;
            k[31] &= 127;
            k[31] |= 64;
            // SAFETY: every pointer is a pinned stack span of the size the C function reads or writes (32 bytes,
            // 64 for the reduction's input).
            fixed (byte* pk = k, pa = a, pr = r, pw = wide, pA = edA, pR = edR, ph = h, pha = ha, ps = s)
            {
                wide.Clear();
                k.CopyTo(wide);
                Sodium.CryptoCoreEd25519ScalarReduce(pa, pw);                       // a = k mod q
                if (Sodium.CryptoScalarMultEd25519BaseNoClamp(pA, pa) != 0) CryptoThrowHelper.NativeFailed("crypto_scalarmult_ed25519_base_noclamp");
                byte signBit = (byte)(edA[31] & 0x80);

                Sha512(hash1Prefix, k, message, z, wide);                           // r = hash1(k || M || Z) mod q
                Sodium.CryptoCoreEd25519ScalarReduce(pr, pw);
                if (Sodium.CryptoScalarMultEd25519BaseNoClamp(pR, pr) != 0) CryptoThrowHelper.NativeFailed("crypto_scalarmult_ed25519_base_noclamp");

                Sha512(edR, edA, message, default, wide);                           // h = SHA-512(R || A || M) mod q
                Sodium.CryptoCoreEd25519ScalarReduce(ph, pw);
                Sodium.CryptoCoreEd25519ScalarMul(pha, ph, pa);                      // s = r + h a mod q
                Sodium.CryptoCoreEd25519ScalarAdd(ps, pr, pha);

                edR.CopyTo(signature);
                s.CopyTo(signature[32..]);
                signature[63] |= signBit;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k);
            CryptographicOperations.ZeroMemory(a);
            CryptographicOperations.ZeroMemory(r);
            CryptographicOperations.ZeroMemory(wide);
            CryptographicOperations.ZeroMemory(ha);
        }
    }

    /// <summary>
    /// Verifies a 64-byte XEdDSA signature of <paramref name="message"/> against an X25519 public key.
    /// </summary>
    /// <param name="publicKey">The X25519 public key (u-coordinate): exactly <see cref="PublicKeySizeInBytes"/> bytes.</param>
    /// <param name="message">The message.</param>
    /// <param name="signature">The signature; any size other than <see cref="SignatureSizeInBytes"/> fails.</param>
    /// <returns>Whether the signature is valid; <see langword="false"/> also for a non-canonical u or s, or a public
    /// key with no point of the prime-order subgroup.</returns>
    /// <exception cref="ArgumentException"><paramref name="publicKey"/> has the wrong size.</exception>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(publicKey), PublicKeySizeInBytes);
        if (signature.Length != SignatureSizeInBytes) return false;
        Span<byte> edwardsY = stackalloc byte[32];
        return ConvertPublicKey(publicKey, edwardsY) && VerifyConverted(edwardsY, message, signature);
    }

    /// <summary>
    /// Section 2.3, convert_mont, without the sign bit: y = (u - 1)/(u + 1) mod p for a 32-byte public u, into the
    /// 32-byte <paramref name="edwardsY"/>. False for u &gt;= p and for u = p - 1 (whose u + 1 = 0 has no inverse):
    /// no signature verifies under such a key. The conversion is the one field inversion of a verification, so a
    /// caller checking several signatures by one key (a prekey bundle's two) converts once and calls
    /// <see cref="VerifyConverted"/> for each.
    /// </summary>
    internal static bool ConvertPublicKey(ReadOnlySpan<byte> publicKey, Span<byte> edwardsY)
    {
        if (publicKey.Length != PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(publicKey), PublicKeySizeInBytes);
        return Curves.Field25519.MontgomeryUToEdwardsY(publicKey, edwardsY);
    }

    /// <summary><see cref="Verify"/> for a key already converted by <see cref="ConvertPublicKey"/> (which returned true).</summary>
    internal static bool VerifyConverted(ReadOnlySpan<byte> edwardsY, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureSizeInBytes) return false;
        Sodium.EnsureInitialized();
        Span<byte> edA = stackalloc byte[32];
        Span<byte> ed25519Signature = stackalloc byte[SignatureSizeInBytes];
        edwardsY[..32].CopyTo(edA);
        edA[31] |= (byte)(signature[63] & 0x80);    // A's sign bit, as libsignal carries it
        signature.CopyTo(ed25519Signature);
        ed25519Signature[63] &= 0x7f;
        if (!IsCanonicalScalar(ed25519Signature[32..])) return false;
        // With A known, an XEdDSA signature is an Ed25519 signature (R, s) of the message under A: libsodium's
        // verification (variable time, public data) checks encode(sB - hA) == R with h = SHA-512(R || A || M) mod q,
        // and rejects s >= q, a non-canonical or small-order A and a small-order R. It does not require A to be in
        // the prime-order subgroup (libsignal does not either); a small-order R never comes from an honest signer
        // (R = rB for a random r), so refusing it, as libsodium does, refuses no honest signature.
        byte dummy = 0;
        // SAFETY: edA and ed25519Signature are pinned stack spans of 32 and 64 bytes, as the C function reads; the
        // message pointer covers message.Length bytes (a 1-byte dummy when the message is empty, never read then).
        fixed (byte* pA = edA, pSig = ed25519Signature, pM = message)
        {
            byte* m = message.IsEmpty ? &dummy : pM;
            return Sodium.CryptoSignEd25519VerifyDetached(pSig, m, (ulong)message.Length, pA) == 0;
        }
    }

    /// <summary>Whether the 32-byte little-endian <paramref name="s"/> is below q (public data: variable time is fine).</summary>
    private static bool IsCanonicalScalar(ReadOnlySpan<byte> s)
    {
        for (int i = 31; i >= 0; i--)
        {
            if (s[i] < GroupOrder[i]) return true;
            if (s[i] > GroupOrder[i]) return false;
        }
        return false; // s == q
    }

    /// <summary>SHA-512 of a || b || c || d into the 64-byte <paramref name="digest"/>; the state is wiped.</summary>
    private static void Sha512(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d, Span<byte> digest)
    {
        if (LibCrypto.IsAvailable)
        {
            Sha2Context context = default;
            try
            {
                Sha2Native.Init(Sha2Variant.Sha512, ref context);
                Sha2Native.Update(Sha2Variant.Sha512, ref context, a);
                Sha2Native.Update(Sha2Variant.Sha512, ref context, b);
                Sha2Native.Update(Sha2Variant.Sha512, ref context, c);
                Sha2Native.Update(Sha2Variant.Sha512, ref context, d);
                Sha2Native.Final(Sha2Variant.Sha512, ref context, digest);
            }
            finally
            {
                Sha2Native.Wipe(Sha2Variant.Sha512, ref context);
            }
            return;
        }
        using IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        hash.AppendData(a);
        hash.AppendData(b);
        hash.AppendData(c);
        hash.AppendData(d);
        hash.GetHashAndReset(digest);
    }
}
