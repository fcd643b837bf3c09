// QuantumSession against libsignal 0.103 (@signalapp/libsignal-client, driven through tests/Shared/peer/
// libsignal-peer.mjs): our bundles accepted by libsignal's processPreKeyBundle and libsignal's bundles imported
// (signatures verified) by us; SignalMessage bytes equal to libsignal's own encoder's (header, protobuf fields,
// pq_ratchet, truncated MAC over both identity keys); each side parsing the other's PreKeySignalMessage and
// SignalMessage; libsignal's first message accepted; whole conversations, 1,000 messages each way, SPQR included.
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NoFuture.Memory;
using NoFuture.Sessions.Protocol;
using NoFuture.Sessions.Ratchet;
using NoFuture.Tests.Shared;

namespace NoFuture.Sessions.Tests.Interop;

public class LibsignalInteropTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OurBundle_AcceptedByLibsignalProcessPreKeyBundle(bool oneTime)
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        var alice = new LibsignalParty(peer);
        using QuantumIdentity bob = QuantumIdentity.Generate(3);
        var bobAddress = new SessionAddress(Guid.NewGuid(), 3);
        alice.ProcessBundle(bob.CreatePreKeyBundle(oneTime), bobAddress);
    }

    [Fact]
    public void OurBundleWithABadSignature_RejectedByLibsignal()
    {
        // The check above can fail: libsignal verifies what we send it.
        LibsignalPeer peer = LibsignalPeer.Get();
        var alice = new LibsignalParty(peer);
        using QuantumIdentity bob = QuantumIdentity.Generate();
        PreKeyBundle b = bob.CreatePreKeyBundle();
        byte[] signature = b.KyberPreKeySignature.ToArray();
        signature[3] ^= 1;
        var request = new JsonObject
        {
            ["cmd"] = "process_bundle",
            ["name"] = alice.Name,
            ["remote"] = Guid.NewGuid().ToString("D"),
            ["remoteDevice"] = 1,
            ["registrationId"] = b.RegistrationId,
            ["deviceId"] = b.DeviceId,
            ["preKeyId"] = null,
            ["preKey"] = null,
            ["signedPreKeyId"] = b.SignedPreKeyId,
            ["signedPreKey"] = Convert.ToBase64String(b.SignedPreKey),
            ["signedPreKeySignature"] = Convert.ToBase64String(b.SignedPreKeySignature),
            ["identityKey"] = Convert.ToBase64String(b.IdentityKey),
            ["kyberPreKeyId"] = b.KyberPreKeyId,
            ["kyberPreKey"] = Convert.ToBase64String(b.KyberPreKey),
            ["kyberPreKeySignature"] = Convert.ToBase64String(signature),
        };
        Assert.Throws<InvalidOperationException>(() => peer.Request(request));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LibsignalBundle_ImportedAndVerified(bool oneTime)
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        var bob = new LibsignalParty(peer);
        JsonObject json = bob.CreateBundleJson(oneTime);
        PreKeyBundle bundle = LibsignalParty.ImportBundle(json);
        Assert.Equal(bob.IdentityKey, bundle.IdentityKey.ToArray());
        Assert.Equal(oneTime, bundle.PreKeyId is not null);
        Assert.Equal(0x08, bundle.KyberPreKey[0]);
        using QuantumIdentity alice = QuantumIdentity.Generate();
        using QuantumSession session = QuantumSession.Initiate(alice, bundle);
        // Tampered copies are refused.
        json["kyberPreKeySignature"] = Flip(json["kyberPreKeySignature"]!.GetValue<string>());
        Assert.Equal(SessionError.InvalidSignature, Assert.Throws<SessionException>(() => LibsignalParty.ImportBundle(json)).Reason);
    }

    [Theory]
    [InlineData(0u, 0u, 0, 0)]
    [InlineData(1u, 0u, 16, 0)]
    [InlineData(127u, 128u, 48, 3)]
    [InlineData(300_000u, 4_000_000_000u, 1024, 1000)]
    public void SignalMessage_BytesEqualLibsignalsEncoder(uint counter, uint previousCounter, int ciphertextLength, int pqLength)
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        byte[] macKey = RandomNumberGenerator.GetBytes(32), ciphertext = RandomNumberGenerator.GetBytes(ciphertextLength);
        byte[] pq = RandomNumberGenerator.GetBytes(pqLength);
        byte[] ratchet = KeyBytes(), sender = KeyBytes(), receiver = KeyBytes();
        byte[] expected = LibsignalPeer.Bytes(peer.Request(new JsonObject
        {
            ["cmd"] = "signal_message_new",
            ["macKey"] = B64(macKey),
            ["ratchetKey"] = B64([0x05, .. ratchet]),
            ["counter"] = counter,
            ["previousCounter"] = previousCounter,
            ["ciphertext"] = B64(ciphertext),
            ["senderIdentity"] = B64([0x05, .. sender]),
            ["receiverIdentity"] = B64([0x05, .. receiver]),
            ["pqRatchet"] = B64(pq),
        }), "message");

        byte[] ours = new byte[WireFormat.SignalMessageSize(ciphertextLength, pqLength, false, counter, previousCounter)];
        int offset = WireFormat.WriteSignalMessageHeader(ours, ratchet, counter, previousCounter, ciphertextLength, pq, default, out Range macRange);
        ciphertext.CopyTo(ours, offset);
        byte[] mac = new byte[32];
        RatchetKdf.Hmac(macKey, [0x05, .. sender], [0x05, .. receiver], ours.AsSpan(0, macRange.Start.Value), mac);
        mac.AsSpan(0, 8).CopyTo(ours.AsSpan(macRange));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(ours));

        Assert.True(WireFormat.TryParseSignalMessage(expected, out WireFormat.SignalMessageView view, out bool versionOk));
        Assert.True(versionOk);
        Assert.Equal(counter, view.Counter);
        Assert.Equal(previousCounter, view.PreviousCounter);
        Assert.Equal(ciphertext, expected[view.Ciphertext]);
        Assert.Equal(pq, expected[view.PqRatchet]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OurPreKeyMessage_ParsedByLibsignal(bool oneTime)
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        using QuantumIdentity alice = QuantumIdentity.Generate();
        var bob = new LibsignalParty(peer);
        PreKeyBundle bundle = bob.CreateBundle(oneTime);
        using QuantumSession session = QuantumSession.Initiate(alice, bundle);
        byte[] message = session.Encrypt("hello libsignal"u8);
        JsonObject parsed = peer.Request("prekey_message_parse", ("message", message));
        Assert.Equal(4, parsed["version"]!.GetValue<int>());
        Assert.Equal(alice.RegistrationId, parsed["registrationId"]!.GetValue<uint>());
        Assert.Equal(bundle.SignedPreKeyId, parsed["signedPreKeyId"]!.GetValue<uint>());
        Assert.Equal(bundle.PreKeyId, parsed["preKeyId"]?.GetValue<uint>());
        Assert.True(WireFormat.TryParsePreKeyMessage(message, out WireFormat.PreKeyMessageView view, out _));
        JsonObject inner = peer.Request("signal_message_parse", ("message", message[view.Message]));
        Assert.Equal(0, inner["counter"]!.GetValue<int>());
        Assert.Equal(4, inner["version"]!.GetValue<int>());
        Assert.Equal(16, LibsignalPeer.Bytes(inner, "body").Length); // 15 bytes of plaintext and one byte of padding
    }

    [Fact]
    public void LibsignalsFirstMessage_ParsedAndAcceptedByUs()
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        var alice = new LibsignalParty(peer);
        using QuantumIdentity bob = QuantumIdentity.Generate(2);
        var bobAddress = new SessionAddress(Guid.NewGuid(), 2);
        PreKeyBundle bundle = bob.CreatePreKeyBundle();
        alice.ProcessBundle(bundle, bobAddress);
        byte[] message = alice.Encrypt(bobAddress, "hello NoFuture"u8.ToArray());
        Assert.True(QuantumSession.IsPreKeyMessage(message));
        Assert.True(WireFormat.TryParsePreKeyMessage(message, out WireFormat.PreKeyMessageView view, out bool versionOk));
        Assert.True(versionOk);
        Assert.Equal(bundle.PreKeyId, view.PreKeyId);
        Assert.Equal(bundle.SignedPreKeyId, view.SignedPreKeyId);
        Assert.Equal(bundle.KyberPreKeyId, view.KyberPreKeyId);
        Assert.Equal(alice.IdentityKey.AsSpan(1).ToArray(), message.AsSpan(view.IdentityKey, 32).ToArray());
        Assert.Equal(1569, message[view.KyberCiphertext].Length);
        Assert.Equal(0x08, message[view.KyberCiphertext][0]);
        byte[] inner = message[view.Message];
        // Our encoder, given the fields libsignal wrote, writes libsignal's bytes.
        byte[] reencoded = new byte[WireFormat.PreKeyMessageSize(view.RegistrationId, view.PreKeyId, view.SignedPreKeyId,
            view.KyberPreKeyId, 1569, inner.Length)];
        WireFormat.WritePreKeyMessage(reencoded, view.RegistrationId, view.HasPreKeyId ? view.PreKeyId : null, view.SignedPreKeyId,
            view.KyberPreKeyId, message[view.KyberCiphertext], message.AsSpan(view.BaseKey, 32), message.AsSpan(view.IdentityKey, 32), inner);
        Assert.Equal(Convert.ToHexString(message), Convert.ToHexString(reencoded));
        Assert.True(WireFormat.TryParseSignalMessage(inner, out WireFormat.SignalMessageView signal, out _));
        Assert.Equal(0u, signal.Counter);
        Assert.NotEmpty(inner[signal.PqRatchet]); // libsignal 0.103 always sends SPQR
        Assert.True(signal.HasAddresses);
        byte[] expected = new byte[36];
        WireFormat.WriteAddresses(expected, alice.Address, bobAddress);
        Assert.Equal(expected, inner[signal.Addresses]);

        var options = new QuantumSessionOptions { LocalAddress = bobAddress, RemoteAddress = alice.Address };
        using QuantumSession session = QuantumSession.Accept(bob, message, out Secret? plaintext, options);
        using (plaintext) Assert.Equal("hello NoFuture", SessionPair.Text(plaintext));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Conversation_NoFutureInitiates_1000EachWay(bool oneTime)
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        var bob = new LibsignalParty(peer);
        using QuantumIdentity alice = QuantumIdentity.Generate();
        var aliceAddress = new SessionAddress(Guid.NewGuid(), 1);
        var options = new QuantumSessionOptions { LocalAddress = aliceAddress, RemoteAddress = bob.Address };
        using QuantumSession session = QuantumSession.Initiate(alice, bob.CreateBundle(oneTime), options);
        Converse(session, bob, aliceAddress, seed: oneTime ? 11 : 12, weInitiate: true);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Conversation_LibsignalInitiates_1000EachWay(bool oneTime)
    {
        LibsignalPeer peer = LibsignalPeer.Get();
        var alice = new LibsignalParty(peer);
        using QuantumIdentity bob = QuantumIdentity.Generate(2);
        var bobAddress = new SessionAddress(Guid.NewGuid(), 2);
        alice.ProcessBundle(bob.CreatePreKeyBundle(oneTime), bobAddress);
        byte[] first = alice.Encrypt(bobAddress, "first"u8.ToArray());
        var options = new QuantumSessionOptions { LocalAddress = bobAddress, RemoteAddress = alice.Address };
        using QuantumSession session = QuantumSession.Accept(bob, first, out Secret? plaintext, options);
        using (plaintext) Assert.Equal("first", SessionPair.Text(plaintext));
        Converse(session, alice, bobAddress, seed: oneTime ? 21 : 22, weInitiate: false);
    }

    /// <summary>1,000 messages each way, senders interleaved at random, each direction delivered out of order within a
    /// small window (which also crosses DH ratchet steps); every plaintext compared; SPQR epochs completed on our side.</summary>
    private static void Converse(QuantumSession ours, LibsignalParty theirs, SessionAddress ourAddress, int seed, bool weInitiate)
    {
        var random = new Random(seed);
        var toThem = new List<(byte[] Message, byte[] Plaintext)>();
        var toUs = new List<(byte[] Message, byte[] Plaintext)>();
        int sentByUs = 0, sentByThem = 0;
        if (weInitiate)
        {
            // libsignal must hear from us first (our PreKeySignalMessage creates its session).
            byte[] p = "hello"u8.ToArray();
            Assert.Equal(p, theirs.Decrypt(ourAddress, ours.Encrypt(p)));
        }
        while (sentByUs < 1000 || sentByThem < 1000 || toThem.Count > 0 || toUs.Count > 0)
        {
            int action = random.Next(4);
            if (action == 0 && sentByUs < 1000)
            {
                byte[] p = RandomPlaintext(random);
                toThem.Add((ours.Encrypt(p), p));
                sentByUs++;
            }
            else if (action == 1 && sentByThem < 1000)
            {
                byte[] p = RandomPlaintext(random);
                toUs.Add((theirs.Encrypt(ourAddress, p), p));
                sentByThem++;
            }
            else if (action == 2 && toThem.Count > 0)
            {
                int i = random.Next(Math.Min(toThem.Count, 4));
                (byte[] m, byte[] p) = toThem[i];
                toThem.RemoveAt(i);
                Assert.Equal(p, theirs.Decrypt(ourAddress, m));
            }
            else if (action == 3 && toUs.Count > 0)
            {
                int i = random.Next(Math.Min(toUs.Count, 4));
                (byte[] m, byte[] p) = toUs[i];
                toUs.RemoveAt(i);
                using Secret? plaintext = ours.Decrypt(m);
                Assert.Equal(p, plaintext is null ? [] : Read(plaintext));
            }
        }
        Assert.True(ours.SpqrEpochsCompleted >= 3, $"SPQR epochs completed: {ours.SpqrEpochsCompleted}");
    }

    private static byte[] RandomPlaintext(Random random)
    {
        byte[] p = new byte[random.Next(0, 200)];
        random.NextBytes(p);
        return p;
    }

    private static byte[] Read(Secret secret)
    {
        using SecretReadLease lease = secret.OpenRead();
        return lease.Span.ToArray();
    }

    private static byte[] KeyBytes()
    {
        using var key = NoFuture.Crypto.X25519PrivateKey.Generate();
        return key.PublicKey.ToArray();
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static string Flip(string base64)
    {
        byte[] b = Convert.FromBase64String(base64);
        b[2] ^= 1;
        return Convert.ToBase64String(b);
    }
}
