// SPQR's key derivations, read from the Rust crate spqr v1.5.3 (src/kdf.rs, src/chain.rs,
// src/authenticator.rs, src/v1/unchunked/send_ct.rs): HKDF-SHA256 (RFC 5869) everywhere, with a salt of 32 zero bytes
// unless a root key is the salt, and HMAC-SHA256 for the authenticator. A salt of HashLen zeros and an empty salt
// are the same HMAC key (RFC 2104 pads the key with zeros), so "zero salt" is passed as empty.
// The labels are the crate's byte strings, spaces included ("Chain  Start" has two).
// Zero-salt HKDF (every per-message chain step) starts from HMAC states keyed once per process: the key is the public
// constant 0^64, so the states hold nothing secret, and each call saves keying HMAC (two SHA-256 compressions and four
// native calls) out of the ten compressions of a chain step. Measured in bench/RESULTS.md §25 (second pass).
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Crypto.Hashing;
using NoFuture.Crypto.Interop;
using NoFuture.Crypto.Kdf;

namespace NoFuture.Sessions.Spqr;

internal static class SpqrKdf
{
    /// <summary>Chain::new: HKDF(salt 0, auth key) into next_root ‖ A2B chain ‖ B2A chain (96 bytes).</summary>
    internal static ReadOnlySpan<byte> ChainStart => "Signal PQ Ratchet V1 Chain  Start"u8;

    /// <summary>Chain::add_epoch: HKDF(salt next_root, epoch secret) into next_root ‖ A2B ‖ B2A (96 bytes).</summary>
    internal static ReadOnlySpan<byte> ChainAddEpoch => "Signal PQ Ratchet V1 Chain Add Epoch"u8;

    /// <summary>ChainEpochDirection::next_key: HKDF(salt 0, next, ctr BE32 ‖ label) into next ‖ message key.</summary>
    internal static ReadOnlySpan<byte> ChainNext => "Signal PQ Ratchet V1 Chain Next"u8;

    /// <summary>Authenticator::update: HKDF(salt 0, root ‖ k, label ‖ epoch BE64) into root ‖ mac key.</summary>
    internal static ReadOnlySpan<byte> AuthenticatorUpdate => "Signal_PQCKA_V1_MLKEM768:Authenticator Update"u8;

    /// <summary>Authenticator::mac_ct: HMAC(mac key, label ‖ epoch BE64 ‖ ct1 ‖ ct2).</summary>
    internal static ReadOnlySpan<byte> CiphertextMac => "Signal_PQCKA_V1_MLKEM768:ciphertext"u8;

    /// <summary>Authenticator::mac_hdr: HMAC(mac key, label ‖ epoch BE64 ‖ header).</summary>
    internal static ReadOnlySpan<byte> HeaderMac => "Signal_PQCKA_V1_MLKEM768:ekheader"u8;

    /// <summary>send_ct / send_ek: HKDF(salt 0, ML-KEM shared secret, label ‖ epoch BE64) into the epoch secret.</summary>
    internal static ReadOnlySpan<byte> SckaKey => "Signal_PQCKA_V1_MLKEM768:SCKA Key"u8;

    /// <summary>HKDF-SHA256(salt, ikm, info) into <paramref name="okm"/>.</summary>
    [SkipLocalsInit] // prk is written before it is read, and wiped
    internal static void Hkdf(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> info, Span<byte> okm)
    {
        if (!salt.IsEmpty || !LibCrypto.IsAvailable)
        {
            KdfAlgorithm.HkdfSha256.DeriveKey(ikm, okm, salt, info);
            return;
        }
        // HKDF-Extract(0, ikm) from the precomputed zero-key states, then HKDF-Expand (RFC 5869 §2.2, §2.3).
        Span<byte> prk = stackalloc byte[32];
        try
        {
            Sha2Hmac.MacFromStates(Sha2Variant.Sha256, in ZeroSaltStates.Inner, in ZeroSaltStates.Outer, ikm, default, default, default, prk);
            Sha2Hmac.Expand(Sha2Variant.Sha256, native: true, prk, default, info, okm);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }

    /// <summary>HMAC-SHA256's inner and outer states for the all-zero key (public: no secret is absorbed).</summary>
    private static class ZeroSaltStates
    {
        internal static readonly Sha2Context Inner, Outer;

#pragma warning disable CA1810 // both fields come from one KeyStates call
        static ZeroSaltStates()
        {
            Sha2Context inner = default, outer = default;
            Sha2Hmac.KeyStates(Sha2Variant.Sha256, default, ref inner, ref outer);
            Inner = inner;
            Outer = outer;
        }
#pragma warning restore CA1810
    }

    /// <summary>HMAC-SHA256(key, data): HKDF-Extract is HMAC keyed with the salt (RFC 5869 §2.2).</summary>
    internal static void Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> mac) =>
        KdfAlgorithm.HkdfSha256.Extract(data, key, mac);

    /// <summary>HKDF with info = label ‖ epoch as 8 big-endian bytes.</summary>
    internal static void HkdfWithEpoch(ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> label, ulong epoch, Span<byte> okm)
    {
        Span<byte> info = stackalloc byte[64];
        label.CopyTo(info);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(info[label.Length..], epoch);
        Hkdf(default, ikm, info[..(label.Length + 8)], okm);
    }
}
