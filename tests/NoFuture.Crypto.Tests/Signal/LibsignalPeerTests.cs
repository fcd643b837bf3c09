// Cross-checks against libsignal 0.103 (@signalapp/libsignal-client, installed at test time: tests/Shared/
// LibsignalPeer.cs). XEdDSA both ways; Kyber-1024 key formats both ways and our KEM over libsignal's key pairs.
// libsignal-client's JS API has no KEM encapsulate/decapsulate, so the round-3 shared-secret derivation is checked
// against the round-3 known-answer file (Kyber1024Round3Tests) instead, and against libsignal itself only once
// PQXDH sessions exist.
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Signal;

public class LibsignalPeerTests
{
    private static readonly byte[] s_message = "libsignal cross-check"u8.ToArray();

    [Fact]
    public void LibsignalSignatures_VerifyWithOurs()
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        bool sawSignBit = false;
        for (int i = 0; i < 16; i++)
        {
            var key = peer.Request("xeddsa_generate");
            byte[] publicKey = LibsignalPeer.Bytes(key, "publicKey");
            Assert.Equal(33, publicKey.Length);
            Assert.Equal(0x05, publicKey[0]);
            byte[] message = [.. s_message, (byte)i];
            byte[] signature = LibsignalPeer.Bytes(peer.Request("xeddsa_sign", ("privateKey", LibsignalPeer.Bytes(key, "privateKey")), ("message", message)), "signature");
            sawSignBit |= (signature[63] & 0x80) != 0;
            Assert.True(XEdDsa.Verify(publicKey.AsSpan(1), message, signature), $"key {i}");
            signature[10] ^= 1;
            Assert.False(XEdDsa.Verify(publicKey.AsSpan(1), message, signature));
        }
        Assert.True(sawSignBit);
    }

    [Fact]
    public void OurSignatures_VerifyWithLibsignal()
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        for (int i = 0; i < 16; i++)
        {
            // Half our own keys, half libsignal's private keys imported into ours.
            X25519PrivateKey key = i % 2 == 0
                ? X25519PrivateKey.Generate()
                : X25519PrivateKey.Import(LibsignalPeer.Bytes(peer.Request("xeddsa_generate"), "privateKey"));
            using (key)
            {
                byte[] message = [(byte)i, .. s_message];
                byte[] signature = new byte[64];
                XEdDsa.Sign(key, message, signature);
                byte[] publicKey = [0x05, .. key.PublicKey];
                Assert.True(Valid(peer, publicKey, message, signature), $"key {i}");
                byte[] altered = [.. message, 0];
                Assert.False(Valid(peer, publicKey, altered, signature));
            }
        }
    }

    [Fact]
    public void NonCanonicalS_LibsignalAcceptsItAndWeDoNot()
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        using X25519PrivateKey key = X25519PrivateKey.Generate();
        byte[] signature = new byte[64];
        XEdDsa.Sign(key, s_message, signature);
        byte[] malleated = XEdDsaTests.WithNonCanonicalS(signature);
        Assert.True(Valid(peer, [0x05, .. key.PublicKey], s_message, malleated)); // documents libsignal's leniency
        Assert.False(XEdDsa.Verify(key.PublicKey, s_message, malleated));
    }

    private static bool Valid(LibsignalPeer peer, byte[] publicKey, byte[] message, byte[] signature) =>
        peer.Request("xeddsa_verify", ("publicKey", publicKey), ("message", message), ("signature", signature))["valid"]!.GetValue<bool>();

    [Fact]
    public void LibsignalKyberKeyPair_ImportsAndWorksWithOurKem()
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        for (int i = 0; i < 4; i++)
        {
            var pair = peer.Request("kyber_generate");
            byte[] publicKey = LibsignalPeer.Bytes(pair, "publicKey"), secretKey = LibsignalPeer.Bytes(pair, "secretKey");
            Assert.Equal(1 + Kyber1024Round3Key.EncapsulationKeySizeInBytes, publicKey.Length);
            Assert.Equal(1 + Kyber1024Round3Key.DecapsulationKeySizeInBytes, secretKey.Length);
            Assert.Equal(0x08, publicKey[0]); // libsignal's Kyber1024 key type
            Assert.Equal(0x08, secretKey[0]);
            // Passing the hash check shows libsignal's layout is dk_PKE || ek || SHA3-256(ek) || z.
            using Kyber1024Round3Key mine = Kyber1024Round3Key.ImportDecapsulationKey(secretKey.AsSpan(1));
            Assert.Equal(publicKey.AsSpan(1).ToArray(), mine.ExportEncapsulationKey());
            using Kyber1024Round3Key theirs = Kyber1024Round3Key.ImportEncapsulationKey(publicKey.AsSpan(1));
            byte[] ct = new byte[1568], sent = new byte[32], received = new byte[32];
            theirs.Encapsulate(ct, sent);
            mine.Decapsulate(ct, received);
            Assert.Equal(sent, received); // K-PKE agrees with libsignal's keys (a mismatch would hit implicit rejection)
        }
    }

    [Fact]
    public void OurKyberPublicKey_DeserializesInLibsignal()
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        using Kyber1024Round3Key key = Kyber1024Round3Key.Generate();
        peer.Request("kyber_check_public", ("publicKey", [0x08, .. key.ExportEncapsulationKey()]));
        Assert.Throws<InvalidOperationException>(() =>
            peer.Request("kyber_check_public", ("publicKey", [0x08, .. key.ExportEncapsulationKey().AsSpan(1)])));
    }
}
