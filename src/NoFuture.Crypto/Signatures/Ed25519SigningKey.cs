// An Ed25519 signing key (RFC 8032 §5.1.5): libsodium's 64-byte expanded form, seed ‖ public key, in the key's Secret,
// so signing re-derives nothing. The seed (the first 32 bytes) is the exportable private key.
using System.Security.Cryptography;
using NoFuture.Crypto.Interop;
using NoFuture.Memory;

namespace NoFuture.Crypto.Signatures;

internal sealed unsafe class Ed25519SigningKey : SigningKey
{
    private Ed25519SigningKey(SignatureAlgorithm algorithm, Secret key, byte[] publicKey, KeyExportPolicies exportPolicy)
        : base(algorithm, key, publicKey, exportPolicy)
    {
    }

    internal static Ed25519SigningKey Create(SignatureAlgorithm algorithm, ReadOnlySpan<byte> seed, SecretOptions? options,
        KeyExportPolicies exportPolicy)
    {
        byte[] publicKey = new byte[Ed25519Algorithm.PublicKeySize];
        Secret expanded = Secret.Allocate(Sodium.Ed25519SecretKeyBytes, options);
        try
        {
            Sodium.EnsureInitialized();
            using (SecretWriteLease lease = expanded.OpenWrite())
            {
                // SAFETY: seed is 32 bytes (checked by SignatureAlgorithm), the lease span 64 and publicKey 32, exactly
                // what crypto_sign_ed25519_seed_keypair reads and writes; all are pinned for the call.
                fixed (byte* s = seed)
                fixed (byte* sk = lease.Span)
                fixed (byte* pk = publicKey)
                {
                    if (Sodium.CryptoSignEd25519SeedKeypair(pk, sk, s) != 0)
                        CryptoThrowHelper.NativeFailed("crypto_sign_ed25519_seed_keypair");
                }
            }
            return new Ed25519SigningKey(algorithm, expanded, publicKey, exportPolicy);
        }
        catch
        {
            expanded.Dispose();
            throw;
        }
    }

    private protected override int SignCore(ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, Span<byte> signature)
    {
        Sodium.EnsureInitialized();
        int rc;
        using (SecretReadLease lease = Key.OpenRead())
        {
            // SAFETY: the lease span is the 64-byte expanded key and signature is 64 bytes (checked by SigningKey),
            // what the C function reads and writes; the message is read for exactly message.Length bytes. All pinned.
            fixed (byte* sk = lease.Span)
            fixed (byte* m = message)
            fixed (byte* sig = signature)
            {
                rc = Sodium.CryptoSignEd25519Detached(sig, null, m, (ulong)message.Length, sk);
            }
        }
        if (rc != 0)
        {
            CryptographicOperations.ZeroMemory(signature);
            CryptoThrowHelper.NativeFailed("crypto_sign_ed25519_detached");
        }
        return Ed25519Algorithm.SignatureSize;
    }
}
