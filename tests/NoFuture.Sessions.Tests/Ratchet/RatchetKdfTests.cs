// Known answers for the Double Ratchet KDF chain as libsignal computes it. Source: libsignal (github.com/signalapp/
// libsignal), rust/protocol/src/ratchet/keys.rs, unit test test_chain_key_derivation: a chain key, the cipher and MAC
// keys of its message keys (HKDF "WhisperMessageKeys" without an SPQR key) and the next chain key.
using NoFuture.Sessions.Ratchet;

namespace NoFuture.Sessions.Tests.Ratchet;

public class RatchetKdfTests
{
    private static readonly byte[] s_chainKey = Convert.FromHexString("8ab72d6f4cc5ac0d387eaf463378ddb28edd07385b1cb01250c715982e7ad48f");
    private static readonly byte[] s_cipherKey = Convert.FromHexString("bf51e9d75e0e31031051f82a2491ffc084fa298b7793bd9db620056febf45217");
    private static readonly byte[] s_macKey = Convert.FromHexString("c6c77d6a73a354337a56435e34607dfe48e3ace14e77314dc6abc172e7a7030b");
    private static readonly byte[] s_nextChainKey = Convert.FromHexString("28e8f8fee54b801eef7c5cfb2f17f32c7b334485bbb70fac6ec10342a246d15d");

    [Fact]
    public void ChainKeyDerivation_MatchesLibsignal()
    {
        byte[] seed = new byte[32], keys = new byte[80], next = new byte[32];
        RatchetKdf.MessageKeySeed(s_chainKey, seed);
        RatchetKdf.MessageKeys(seed, default, keys);
        Assert.Equal(s_cipherKey, keys[..32]);
        Assert.Equal(s_macKey, keys[32..64]);
        RatchetKdf.NextChainKey(s_chainKey, next);
        Assert.Equal(s_nextChainKey, next);
    }

    [Fact]
    public void NextChainKey_InPlace_EqualsOutOfPlace()
    {
        byte[] ck = (byte[])s_chainKey.Clone();
        RatchetKdf.NextChainKey(ck, ck);
        Assert.Equal(s_nextChainKey, ck);
    }

    [Fact]
    public void SpqrKey_SaltsTheMessageKeys()
    {
        // With an SPQR key the message keys are HKDF(salt = key, seed); without one the salt is absent (HashLen zeros).
        byte[] seed = new byte[32], plain = new byte[80], salted = new byte[80], zeroSalt = new byte[80];
        RatchetKdf.MessageKeySeed(s_chainKey, seed);
        RatchetKdf.MessageKeys(seed, default, plain);
        RatchetKdf.MessageKeys(seed, new byte[32], zeroSalt);
        RatchetKdf.MessageKeys(seed, Enumerable.Repeat((byte)7, 32).ToArray(), salted);
        Assert.Equal(plain, zeroSalt);
        Assert.NotEqual(plain, salted);
    }
}
