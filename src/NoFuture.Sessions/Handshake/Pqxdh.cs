// PQXDH, Signal's specification revision 3 (section 3.3 for the initiator, 3.4 for the responder), with libsignal's
// byte-level choices (rust/protocol/src/pqxdh.rs):
//   IKM = 0xFF × 32 ‖ DH(IK_A, SPK_B) ‖ DH(EK_A, IK_B) ‖ DH(EK_A, SPK_B) [‖ DH(EK_A, OPK_B)] ‖ SS
//   (the 32 0xFF bytes are X25519's discontinuity prefix F, section 2.3; SS is the KEM shared secret)
//   root key ‖ chain key ‖ SPQR auth key = HKDF-SHA256(salt = none, IKM, info =
//   "WhisperText_X25519_SHA-256_CRYSTALS-KYBER-1024", 96 bytes)
// libsignal keeps that one info string for both KEM types (0x08 and 0x0A). The third 32 bytes are libsignal's
// InitialPQRKey, the authentication key of SPQR's initial state (ratchet.rs, initialize_alice/bob_session).
// IKM and the DH outputs live in wiped stack scratch; the 96 output bytes go straight into a Secret.
// An X25519 output of all zeros (a low-order peer key) is refused (SessionError.InvalidKey); libsignal would go on.
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Sessions.Handshake;

internal static class Pqxdh
{
    internal const int OutputSize = 96;

    internal static ReadOnlySpan<byte> Info => "WhisperText_X25519_SHA-256_CRYSTALS-KYBER-1024"u8;

    private const int MaxIkm = 32 * 6;

    /// <summary>The initiator's keys (section 3.3): root ‖ chain ‖ SPQR auth key, and the serialized KEM ciphertext.</summary>
    internal static Secret Initiate(X25519PrivateKey identity, X25519PrivateKey ephemeral, PreKeyBundle bundle, out byte[] kyberCiphertext)
    {
        Span<byte> ikm = stackalloc byte[MaxIkm];
        try
        {
            ikm[..32].Fill(0xFF);
            Agree(identity, bundle.SignedPreKey[1..], ikm[32..64]);
            Agree(ephemeral, bundle.IdentityKey[1..], ikm[64..96]);
            Agree(ephemeral, bundle.SignedPreKey[1..], ikm[96..128]);
            int n = 128;
            if (bundle.PreKeyId is not null)
            {
                Agree(ephemeral, bundle.PreKey[1..], ikm[n..(n + 32)]);
                n += 32;
            }
            kyberCiphertext = KemPreKey.Encapsulate(bundle.KyberPreKey, ikm[n..(n + 32)]);
            n += 32;
            return Derive(ikm[..n]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
        }
    }

    /// <summary>The responder's keys (section 3.4) from its private keys and the initiator's message fields.</summary>
    internal static Secret Accept(X25519PrivateKey identity, X25519PrivateKey signedPreKey, X25519PrivateKey? oneTimePreKey,
        Kyber1024Round3Key kyberPreKey, ReadOnlySpan<byte> theirIdentity, ReadOnlySpan<byte> theirBaseKey, ReadOnlySpan<byte> kyberCiphertext)
    {
        // libsignal's KEM decapsulate: the ciphertext's type byte must be the key's, its length the KEM's.
        if (kyberCiphertext.Length != 1 + KemPreKey.CiphertextSize || kyberCiphertext[0] != KemPreKey.Kyber1024Type)
            SessionThrowHelper.Rejected(SessionError.Malformed, "prekey message's KEM ciphertext");
        Span<byte> ikm = stackalloc byte[MaxIkm];
        try
        {
            ikm[..32].Fill(0xFF);
            Agree(signedPreKey, theirIdentity, ikm[32..64]);
            Agree(identity, theirBaseKey, ikm[64..96]);
            Agree(signedPreKey, theirBaseKey, ikm[96..128]);
            int n = 128;
            if (oneTimePreKey is not null)
            {
                Agree(oneTimePreKey, theirBaseKey, ikm[n..(n + 32)]);
                n += 32;
            }
            kyberPreKey.Decapsulate(kyberCiphertext[1..], ikm[n..(n + 32)]);
            n += 32;
            return Derive(ikm[..n]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
        }
    }

    private static void Agree(X25519PrivateKey key, ReadOnlySpan<byte> peer, Span<byte> output)
    {
        if (!key.Agree(peer, output)) SessionThrowHelper.Rejected(SessionError.InvalidKey, "peer's X25519 key");
    }

    private static Secret Derive(ReadOnlySpan<byte> ikm)
    {
        Secret output = Secret.Allocate(OutputSize);
        using SecretWriteLease lease = output.OpenWrite();
        KdfAlgorithm.HkdfSha256.DeriveKey(ikm, lease.Span, default, Info);
        return output;
    }
}
