// The KEM of a PQXDH prekey in libsignal's serialized form (rust/protocol/src/kem.rs): a type byte, then the key or
// ciphertext. 0x08 is Kyber-1024 round 3 (Kyber1024Round3Key), the only type libsignal 0.103 accepts for prekeys;
// 0x0A is FIPS 203 ML-KEM-1024 (MlKemKey), accepted here for when libsignal moves. Both have 1,568-byte encapsulation
// keys and ciphertexts and 32-byte shared secrets. A ciphertext carries its type byte too and must match the key's.
using System.Security.Cryptography;
using NoFuture.Crypto;

namespace NoFuture.Sessions.Handshake;

internal static class KemPreKey
{
    internal const byte Kyber1024Type = 0x08, MlKem1024Type = 0x0A;
    internal const int KeySize = 1568, CiphertextSize = 1568, SerializedSize = 1 + KeySize, SharedSecretSize = 32;

    /// <summary>Checks a serialized public KEM prekey: type, size and FIPS 203's modulus check (as the import runs it).</summary>
    internal static void CheckPublic(ReadOnlySpan<byte> serialized)
    {
        if (serialized.Length != SerializedSize || serialized[0] is not (Kyber1024Type or MlKem1024Type))
            SessionThrowHelper.Rejected(SessionError.InvalidKey, "KEM prekey");
        try
        {
            if (serialized[0] == Kyber1024Type)
            {
                using Kyber1024Round3Key key = Kyber1024Round3Key.ImportEncapsulationKey(serialized[1..]);
            }
            else
            {
                using MlKemKey key = MlKemKey.ImportEncapsulationKey(MLKemAlgorithm.MLKem1024, serialized[1..]);
            }
        }
        catch (CryptographicException)
        {
            SessionThrowHelper.Rejected(SessionError.InvalidKey, "KEM prekey");
        }
    }

    /// <summary>Encapsulates to a checked serialized key: the serialized ciphertext (type byte first) and the secret.</summary>
    internal static byte[] Encapsulate(ReadOnlySpan<byte> serializedKey, Span<byte> sharedSecret)
    {
        byte[] ciphertext = new byte[1 + CiphertextSize];
        ciphertext[0] = serializedKey[0];
        if (serializedKey[0] == Kyber1024Type)
        {
            using Kyber1024Round3Key key = Kyber1024Round3Key.ImportEncapsulationKey(serializedKey[1..]);
            key.Encapsulate(ciphertext.AsSpan(1), sharedSecret);
        }
        else
        {
            using MlKemKey key = MlKemKey.ImportEncapsulationKey(MLKemAlgorithm.MLKem1024, serializedKey[1..]);
            key.Encapsulate(ciphertext.AsSpan(1), sharedSecret);
        }
        return ciphertext;
    }
}
