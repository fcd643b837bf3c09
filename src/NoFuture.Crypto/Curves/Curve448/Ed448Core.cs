// Ed448 and Ed448ph (RFC 8032 §5.2) after the public types have checked sizes: key expansion (§5.2.5), signing
// (§5.2.6) and verification (§5.2.7). The hash is SHAKE256 over our Keccak; every input is prefixed with
//   dom4(phflag, C) = "SigEd448" ‖ octet(phflag) ‖ octet(|C|) ‖ C   (§2, §5.2),
// absorbed piece by piece so no concatenation buffer ever holds the secret prefix.
//
// Choices:
// - The expanded key is kept as s mod L (56 bytes, little-endian) ‖ prefix (57 bytes). Reducing the clamped s once at
//   expansion changes nothing: B has order L, and S = (r + k·s) mod L (§5.2.6 step 6) only needs s mod L.
// - Verification uses the cofactorless equation [S]B = R + [k]A (RFC 8032 §5.2.7 allows checking
//   [4][S]B = [4]R + [4][k]A instead, "sufficient but not required"). Every case of Wycheproof's ed448_test.json has
//   the same verdict under both (Ed448Tests.Wycheproof_CofactoredAndCofactorlessAgree checks this); we take the
//   cofactorless one, as OpenSSL, BouncyCastle and libsodium's Ed25519 do, so a signature we accept is accepted by
//   both kinds of verifier. R and A must decode (§5.2.3), S must be below L.
// - Secret scratch (hash outputs, r, s, the Keccak state) lives on the stack and is wiped in finally.
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;

namespace NoFuture.Crypto.Curves.Curve448;

internal static class Ed448Core
{
    internal const int SeedSize = 57, PublicKeySize = 57, SignatureSize = 114, PrehashSize = 64;

    /// <summary>Size of the expanded key: s mod L (56 bytes) ‖ prefix (57 bytes).</summary>
    internal const int ExpandedSize = 56 + 57;

    private static ReadOnlySpan<byte> Dom4Prefix => "SigEd448"u8;

    /// <summary>RFC 8032 §5.2.5: h = SHAKE256(seed, 114); s = clamp(h[0..57]) mod L; prefix = h[57..114]; A = s·B.</summary>
    internal static void ExpandSeed(ReadOnlySpan<byte> seed, Span<byte> expanded, Span<byte> publicKey)
    {
        Span<byte> h = stackalloc byte[114];
        Span<ulong> s = stackalloc ulong[Scalar448.Limbs];
        Ed448Point a = default;
        try
        {
            Sha3.Shake256(seed, h);
            // Clamp (§5.2.5 step 2): clear the two lowest bits, set bit 447, clear the last octet.
            h[0] &= 0xFC;
            h[55] |= 0x80;
            h[56] = 0;
            Scalar448.Reduce(h[..57], s);
            for (int i = 0; i < Scalar448.Limbs; i++)
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(expanded[(8 * i)..], s[i]);
            h[57..].CopyTo(expanded[56..]);
            Ed448ScalarMul.MulBase(out a, s);
            Ed448Point.Encode(a, publicKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(h);
            Scalar448.Wipe(s);
            a = default;
        }
    }

    /// <summary>
    /// RFC 8032 §5.2.6 over an expanded key. <paramref name="phM"/> is M (Ed448) or SHAKE256(M, 64) (Ed448ph).
    /// </summary>
    internal static void Sign(ReadOnlySpan<byte> expanded, ReadOnlySpan<byte> publicKey, byte phflag,
        ReadOnlySpan<byte> context, ReadOnlySpan<byte> phM, Span<byte> signature)
    {
        Span<byte> h = stackalloc byte[114];
        Span<ulong> r = stackalloc ulong[Scalar448.Limbs];
        Span<ulong> s = stackalloc ulong[Scalar448.Limbs];
        Span<ulong> k = stackalloc ulong[Scalar448.Limbs];
        Span<ulong> bigS = stackalloc ulong[Scalar448.Limbs];
        Ed448Point rPoint = default;
        try
        {
            // Step 2: r = SHAKE256(dom4(F, C) ‖ prefix ‖ PH(M), 114) mod L.
            Hash(phflag, context, expanded[56..], default, phM, h);
            Scalar448.Reduce(h, r);
            // Step 3: R = [r]B.
            Ed448ScalarMul.MulBase(out rPoint, r);
            Ed448Point.Encode(rPoint, signature[..57]);
            // Step 5: k = SHAKE256(dom4(F, C) ‖ R ‖ A ‖ PH(M), 114) mod L.
            Hash(phflag, context, signature[..57], publicKey, phM, h);
            Scalar448.Reduce(h, k);
            // Step 6: S = (r + k·s) mod L.
            Scalar448.Decode(expanded[..56], s);
            Scalar448.MulAdd(r, k, s, bigS);
            Scalar448.Encode(bigS, signature[57..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(h);
            Scalar448.Wipe(r);
            Scalar448.Wipe(s);
            Scalar448.Wipe(k);
            Scalar448.Wipe(bigS);
            rPoint = default;
        }
    }

    /// <summary>RFC 8032 §5.2.7, cofactorless. <paramref name="phM"/> is M or SHAKE256(M, 64).</summary>
    internal static bool Verify(ReadOnlySpan<byte> publicKey, byte phflag, ReadOnlySpan<byte> context,
        ReadOnlySpan<byte> phM, ReadOnlySpan<byte> signature) =>
        VerifyEquation(publicKey, phflag, context, phM, signature, out Ed448Point check, out Ed448Point rPoint)
        && Ed448Point.Equal(check, rPoint);

    /// <summary>The cofactored variant, [4]([S]B − [k]A − R) = 0; for the tests that compare the two.</summary>
    internal static bool VerifyCofactored(ReadOnlySpan<byte> publicKey, byte phflag, ReadOnlySpan<byte> context,
        ReadOnlySpan<byte> phM, ReadOnlySpan<byte> signature)
    {
        if (!VerifyEquation(publicKey, phflag, context, phM, signature, out Ed448Point check, out Ed448Point rPoint))
            return false;
        Ed448Point.Negate(out rPoint, rPoint);
        Ed448Point.Add(out check, check, rPoint);
        Ed448Point.Double(out check, check);
        Ed448Point.Double(out check, check);
        return Ed448Point.IsIdentity(check);
    }

    // Decodes A, R and S (step 1), computes k (step 2) and check = [S]B − [k]A. False when a decoding fails.
    private static bool VerifyEquation(ReadOnlySpan<byte> publicKey, byte phflag, ReadOnlySpan<byte> context,
        ReadOnlySpan<byte> phM, ReadOnlySpan<byte> signature, out Ed448Point check, out Ed448Point rPoint)
    {
        check = default;
        ReadOnlySpan<byte> rBytes = signature[..57], sBytes = signature[57..];
        if (!Scalar448.IsCanonical(sBytes)) { rPoint = default; return false; }
        if (!Ed448Point.TryDecode(rBytes, out rPoint)) return false;
        if (!Ed448Point.TryDecode(publicKey, out Ed448Point a)) return false;

        Span<byte> h = stackalloc byte[114];
        Span<ulong> k = stackalloc ulong[Scalar448.Limbs];
        Span<ulong> bigS = stackalloc ulong[Scalar448.Limbs];
        Hash(phflag, context, rBytes, publicKey, phM, h);
        Scalar448.Reduce(h, k);
        Scalar448.Decode(sBytes, bigS);
        Ed448Point.Negate(out a, a);
        Ed448ScalarMul.DoubleScalarVarTime(out check, bigS, k, a);
        return true;
    }

    /// <summary>Whether a 57-byte string decodes to a point (RFC 8032 §5.2.3).</summary>
    internal static bool IsValidPublicKey(ReadOnlySpan<byte> publicKey) => Ed448Point.TryDecode(publicKey, out _);

    /// <summary>PH(M) = SHAKE256(M, 64) (RFC 8032 §5.2, Ed448ph).</summary>
    internal static void Prehash(ReadOnlySpan<byte> message, Span<byte> ph) => Sha3.Shake256(message, ph[..PrehashSize]);

    // SHAKE256(dom4(phflag, C) ‖ a ‖ b ‖ m, 114); the state is wiped (a may be the secret prefix).
    private static void Hash(byte phflag, ReadOnlySpan<byte> context, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b,
        ReadOnlySpan<byte> m, Span<byte> output)
    {
        KeccakState state = KeccakState.Shake256();
        try
        {
            Span<byte> lengths = [phflag, (byte)context.Length];
            state.Absorb(Dom4Prefix);
            state.Absorb(lengths);
            state.Absorb(context);
            state.Absorb(a);
            state.Absorb(b);
            state.Absorb(m);
            state.Squeeze(output);
        }
        finally
        {
            state.Clear();
        }
    }
}
