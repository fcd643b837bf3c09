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
        using var state = new BclAesGcmKeyState(key, TagSize);
        state.Seal(nonce, plaintext, ciphertext, tag, associatedData);
    }

    internal override bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        using var state = new BclAesGcmKeyState(key, TagSize);
        return state.Open(nonce, ciphertext, tag, plaintext, associatedData);
    }

    internal override AeadKeyState CreateKeyState(Secret key)
    {
        using SecretReadLease lease = key.OpenRead();
        return new BclAesGcmKeyState(lease.Span, TagSize);
    }
}
