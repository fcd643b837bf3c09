// The Double Ratchet's KDFs as libsignal computes them (Signal's Double Ratchet specification, sections 2.2-2.4 and 5.2,
// with libsignal's labels):
//   KDF_CK:   message key seed = HMAC-SHA256(ck, 0x01), next chain key = HMAC-SHA256(ck, 0x02)
//   KDF_RK:   root' ‖ ck = HKDF-SHA256(salt = root key, ikm = DH output, info = "WhisperRatchet", 64 bytes)
//   messages: cipher key (32) ‖ MAC key (32) ‖ IV (16) = HKDF-SHA256(salt = SPQR message key or none, ikm = seed,
//             info = "WhisperMessageKeys", 80 bytes). libsignal's triple ratchet mixes SPQR's per-message key in as the
//             HKDF salt; with no SPQR key the salt is absent, which HKDF defines as HashLen zero bytes (RFC 5869 §2.2).
// Every output goes to a caller span (secret memory or wiped stack scratch); nothing here allocates.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using NoFuture.Crypto;
using NoFuture.Crypto.Hashing;
using NoFuture.Crypto.Interop;
using NoFuture.Crypto.Kdf;

namespace NoFuture.Sessions.Ratchet;

internal static class RatchetKdf
{
    internal const int KeySize = 32, MessageKeysSize = 80, IvSize = 16;

    private static ReadOnlySpan<byte> MessageKeySeedByte => [0x01];

    private static ReadOnlySpan<byte> ChainKeySeedByte => [0x02];

    internal static ReadOnlySpan<byte> RatchetInfo => "WhisperRatchet"u8;

    internal static ReadOnlySpan<byte> MessageKeysInfo => "WhisperMessageKeys"u8;

    /// <summary>HMAC-SHA256(key, m1 ‖ m2 ‖ m3) into 32 bytes.</summary>
    internal static void Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> m1, ReadOnlySpan<byte> m2, ReadOnlySpan<byte> m3, Span<byte> mac) =>
        Sha2Hmac.Mac(Sha2Variant.Sha256, LibCrypto.IsAvailable, key, m1, m2, m3, default, mac);

    /// <summary>The message key seed of chain key <paramref name="chainKey"/>.</summary>
    internal static void MessageKeySeed(ReadOnlySpan<byte> chainKey, Span<byte> seed)
    {
        Debug.Assert(chainKey.Length == KeySize && seed.Length == KeySize);
        Hmac(chainKey, MessageKeySeedByte, default, default, seed);
    }

    /// <summary>The next chain key; <paramref name="next"/> may be <paramref name="chainKey"/> itself.</summary>
    internal static void NextChainKey(ReadOnlySpan<byte> chainKey, Span<byte> next)
    {
        Debug.Assert(chainKey.Length == KeySize && next.Length == KeySize);
        Hmac(chainKey, ChainKeySeedByte, default, default, next);
    }

    /// <summary>
    /// KDF_CK in one go: the message key seed and the next chain key of <paramref name="chainKey"/>, keying HMAC once
    /// for both (the same key's inner and outer states). <paramref name="next"/> may be <paramref name="chainKey"/>.
    /// </summary>
    internal static void ChainStep(ReadOnlySpan<byte> chainKey, Span<byte> seed, Span<byte> next)
    {
        Debug.Assert(chainKey.Length == KeySize && seed.Length == KeySize && next.Length == KeySize);
        if (!LibCrypto.IsAvailable)
        {
            MessageKeySeed(chainKey, seed);
            NextChainKey(chainKey, next);
            return;
        }
        Sha2Context inner = default, outer = default;
        try
        {
            Sha2Hmac.KeyStates(Sha2Variant.Sha256, chainKey, ref inner, ref outer);
            Sha2Hmac.MacFromStates(Sha2Variant.Sha256, in inner, in outer, MessageKeySeedByte, default, default, default, seed);
            Sha2Hmac.MacFromStates(Sha2Variant.Sha256, in inner, in outer, ChainKeySeedByte, default, default, default, next);
        }
        finally
        {
            Sha2Native.Wipe(Sha2Variant.Sha256, ref inner);
            Sha2Native.Wipe(Sha2Variant.Sha256, ref outer);
        }
    }

    /// <summary>KDF_RK: 64 bytes (new root key ‖ chain key) from the root key and a DH output.</summary>
    internal static void RootStep(ReadOnlySpan<byte> rootKey, ReadOnlySpan<byte> dh, Span<byte> rootAndChain)
    {
        Debug.Assert(rootKey.Length == KeySize && dh.Length == KeySize && rootAndChain.Length == 2 * KeySize);
        KdfAlgorithm.HkdfSha256.DeriveKey(dh, rootAndChain, rootKey, RatchetInfo);
    }

    /// <summary>The 80 message-key bytes (cipher key, MAC key, IV) from a seed and the optional SPQR key. HKDF's
    /// two steps are called directly (as KdfAlgorithm.HkdfSha256.DeriveKey runs them, without its argument checks,
    /// which hold here by construction, and its virtual dispatch: this runs twice per message).</summary>
    [SkipLocalsInit] // prk is written before it is read, and wiped
    internal static void MessageKeys(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> pqrKey, Span<byte> keys)
    {
        Debug.Assert(seed.Length == KeySize && keys.Length == MessageKeysSize && (pqrKey.IsEmpty || pqrKey.Length == KeySize));
        Debug.Assert(!keys.Overlaps(seed) && !keys.Overlaps(pqrKey));
        bool native = LibCrypto.IsAvailable;
        Span<byte> prk = stackalloc byte[KeySize];
        try
        {
            Sha2Hmac.Extract(Sha2Variant.Sha256, native, pqrKey, default, seed, prk);
            Sha2Hmac.Expand(Sha2Variant.Sha256, native, prk, default, MessageKeysInfo, keys);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(prk);
        }
    }
}
