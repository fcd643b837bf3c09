// Ed25519 (RFC 8032 §5.1, pure EdDSA) through libsodium's crypto_sign_ed25519_*. Sizes: seed (the RFC's private key)
// 32, public key 32, signature 64 bytes; no context (RFC 8032's Ed25519ctx is not offered: no protocol here uses it).
// Verification is libsodium's: it rejects S ≥ L, small-order and non-canonical public keys and R, and uses the
// cofactorless equation. The import check (crypto_core_ed25519_is_valid_point) is stricter than what verification
// needs: it also wants the key in the prime-order subgroup, which every honestly generated key is.
using NoFuture.Crypto.Interop;
using NoFuture.Memory;

namespace NoFuture.Crypto.Signatures;

internal sealed unsafe class Ed25519Algorithm : SignatureAlgorithm
{
    internal const int SeedSize = 32, PublicKeySize = 32, SignatureSize = 64;

    internal Ed25519Algorithm() : base("Ed25519", PublicKeySize, SeedSize, SignatureSize, supportsContext: false)
    {
    }

    private protected override SigningKey ImportCore(ReadOnlySpan<byte> privateKey, SecretOptions? options, KeyExportPolicies exportPolicy) =>
        Ed25519SigningKey.Create(this, privateKey, options, exportPolicy);

    private protected override bool IsValidPublicKey(ReadOnlySpan<byte> publicKey)
    {
        Sodium.EnsureInitialized();
        // SAFETY: publicKey is 32 bytes (checked by ImportPublicKey), what the C function reads; pinned for the call.
        fixed (byte* p = publicKey)
        {
            return Sodium.CryptoCoreEd25519IsValidPoint(p) == 1;
        }
    }

    internal override bool VerifyCore(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature,
        ReadOnlySpan<byte> context)
    {
        if (signature.Length != SignatureSize) return false;
        Sodium.EnsureInitialized();
        // SAFETY: publicKey is 32 and signature 64 bytes (checked), what the C function reads; the message pointer is
        // read for exactly message.Length bytes (null with length 0 is allowed by libsodium). All pinned for the call.
        fixed (byte* pk = publicKey)
        fixed (byte* m = message)
        fixed (byte* sig = signature)
        {
            return Sodium.CryptoSignEd25519VerifyDetached(sig, m, (ulong)message.Length, pk) == 0;
        }
    }
}
