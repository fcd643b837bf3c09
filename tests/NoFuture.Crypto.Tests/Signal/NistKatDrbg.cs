// The AES-256 CTR DRBG (NIST SP 800-90A, section 10.2.1, without derivation function, prediction resistance or
// reseeding) that NIST's PQC known-answer generators use as randombytes: seeded with a KAT file's 48-byte seed, it
// replays the randomness behind each entry, so KATs check key generation and encapsulation, not only decapsulation.
using System.Security.Cryptography;

namespace NoFuture.Crypto.Tests.Signal;

internal sealed class NistKatDrbg
{
    private readonly byte[] _key = new byte[32];
    private readonly byte[] _v = new byte[16];

    internal NistKatDrbg(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 48) throw new ArgumentException("the seed is 48 bytes", nameof(seed));
        Update(seed);
    }

    /// <summary>One randombytes call: count bytes of output, then the state update with no additional input.</summary>
    internal byte[] Generate(int count)
    {
        byte[] output = new byte[count];
        using Aes aes = CreateAes();
        for (int offset = 0; offset < count; offset += 16)
        {
            Increment();
            byte[] block = aes.EncryptEcb(_v, PaddingMode.None);
            block.AsSpan(0, Math.Min(16, count - offset)).CopyTo(output.AsSpan(offset));
        }
        Update(default);
        return output;
    }

    // CTR_DRBG_Update (10.2.1.2): three blocks of E(Key, ++V), XORed with the provided data, become Key || V.
    private void Update(ReadOnlySpan<byte> provided)
    {
        byte[] temp = new byte[48];
        using (Aes aes = CreateAes())
        {
            for (int i = 0; i < 3; i++)
            {
                Increment();
                aes.EncryptEcb(_v, PaddingMode.None).CopyTo(temp, 16 * i);
            }
        }
        for (int i = 0; i < provided.Length; i++) temp[i] ^= provided[i];
        temp.AsSpan(0, 32).CopyTo(_key);
        temp.AsSpan(32, 16).CopyTo(_v);
    }

    private Aes CreateAes()
    {
        Aes aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }

    private void Increment()
    {
        for (int i = 15; i >= 0; i--)
        {
            if (++_v[i] != 0) break;
        }
    }
}
