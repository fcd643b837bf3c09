// AES-128/256-GCM through the BCL's AesGcm (OpenSSL on Linux): the library's only AES-GCM. libsodium has AES-256-GCM
// only, and only on CPUs with AES-NI + CLMUL (or ARMv8 crypto); docs/dependencies.md. A one-shot call keys a fresh
// OpenSSL context from the caller's span and frees it (cleansed) before returning; an AeadKey keeps one context.
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto.Aead;

internal sealed class BclAesGcm : AeadCipher
{
    internal const int TagSize = 16;

    internal static BclAesGcm Instance { get; } = new();

    private BclAesGcm()
    {
    }

    internal override bool IsSupported => AesGcm.IsSupported;

    internal override void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        // The AesGcm directly, not a BclAesGcmKeyState around it, and not passed to a helper: the JIT may then keep
        // it off the heap (HpkeBenchmarks' "allocated" column: 64 B per seal + open, against 128 B with a helper).
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
    }

    internal override bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
    }

    internal override AeadKeyState CreateKeyState(Secret key)
    {
        using SecretReadLease lease = key.OpenRead();
        return new BclAesGcmKeyState(lease.Span, TagSize);
    }
}
