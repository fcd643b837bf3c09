// PQXDH and the first root step against libsignal 0.103: libsignal (as initiator) processes our bundle,
// and its SessionRecord (rust/protocol/src/proto/storage.proto: RecordStructure.current_session) holds what its PQXDH
// derived: the receiving chain key for our signed prekey (PQXDH's chain key), the root key and sending chain key after
// its first root step, its base key and the KEM ciphertext. Our responder side, from the same public inputs, must
// derive the same keys. (SPQR's auth key, PQXDH's third 32 bytes, is inside libsignal's opaque SPQR state: it is checked
// only by whole conversations, LibsignalInteropTests.)
using System.Text.Json.Nodes;
using NoFuture.Memory;
using NoFuture.Sessions.Handshake;
using NoFuture.Sessions.Protocol;
using NoFuture.Sessions.Ratchet;
using NoFuture.Tests.Shared;

namespace NoFuture.Sessions.Tests.Interop;

public class PqxdhLibsignalTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OurResponderKeys_EqualLibsignalInitiatorsRecord(bool oneTime)
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        var alice = new LibsignalParty(peer);
        using QuantumIdentity bob = QuantumIdentity.Generate(2);
        var bobAddress = new SessionAddress(Guid.NewGuid(), 2);
        PreKeyBundle bundle = bob.CreatePreKeyBundle(oneTime);
        alice.ProcessBundle(bundle, bobAddress);
        byte[] record = LibsignalPeer.Bytes(peer.Request(new JsonObject
        {
            ["cmd"] = "session_record",
            ["name"] = alice.Name,
            ["remote"] = bobAddress.ServiceId.ToString("D"),
            ["remoteDevice"] = 2,
        }), "record");
        byte[] session = Field(record, 1)!;
        byte[] rootKey = Field(session, 4)!;
        byte[] senderChain = Field(session, 6)!;
        byte[] senderRatchet = Field(senderChain, 1)!;
        byte[] senderChainKey = Field(Field(senderChain, 3)!, 2)!;
        byte[] receiverChain = Field(session, 7)!;
        Assert.Equal(bundle.SignedPreKey.ToArray(), Field(receiverChain, 1));
        byte[] receiverChainKey = Field(Field(receiverChain, 3)!, 2)!;
        byte[] baseKey = Field(Field(session, 9)!, 2)!;
        byte[] kyberCiphertext = Field(Field(session, 14)!, 2)!;
        Assert.Equal(alice.IdentityKey, Field(session, 2));

        Secret handshake;
        lock (bob.SyncRoot)
        {
            using NoFuture.Crypto.X25519PrivateKey identityKey = bob.OpenIdentityKey();
            handshake = Pqxdh.Accept(identityKey, bob.FindSignedPreKey(bundle.SignedPreKeyId)!,
                oneTime ? bob.FindOneTimePreKey(bundle.PreKeyId!.Value) : null, bob.FindKyberPreKey(bundle.KyberPreKeyId)!,
                alice.IdentityKey.AsSpan(1), baseKey.AsSpan(1), kyberCiphertext);
        }
        using (handshake)
        using (SecretReadLease keys = handshake.OpenRead())
        {
            Assert.Equal(receiverChainKey, keys.Span[32..64].ToArray());
            // libsignal's first root step: RK, CKs = KDF_RK(PQXDH root, DH(its ratchet key, our signed prekey)).
            byte[] dh = new byte[32], rootAndChain = new byte[64];
            Assert.True(bob.FindSignedPreKey(bundle.SignedPreKeyId)!.Agree(senderRatchet.AsSpan(1), dh));
            RatchetKdf.RootStep(keys.Span[..32], dh, rootAndChain);
            Assert.Equal(rootKey, rootAndChain[..32]);
            Assert.Equal(senderChainKey, rootAndChain[32..]);
        }
    }

    /// <summary>The first occurrence of a length-delimited field in a protobuf message, or null.</summary>
    private static byte[]? Field(byte[] message, int number)
    {
        var reader = new ProtobufReader(message);
        while (!reader.AtEnd)
        {
            Assert.True(reader.Next(out int field, out int type, out _, out int offset, out int length));
            if (field == number && type == 2) return message.AsSpan(offset, length).ToArray();
        }
        return null;
    }
}
