// Hostile bundles and prekey messages: every failure is a SessionException with its reason, and nothing is created or
// consumed (no session, the one-time prekey still there, the handshake still acceptable when it is genuine).
using NoFuture.Memory;
using static NoFuture.Sessions.Tests.SessionPair;

namespace NoFuture.Sessions.Tests;

public class HostileHandshakeTests
{
    private static PreKeyBundle Reimport(PreKeyBundle b, Action<byte[][]>? edit = null, uint? preKeyId = null, bool dropPreKey = false)
    {
        byte[][] parts = [b.PreKey.ToArray(), b.SignedPreKey.ToArray(), b.SignedPreKeySignature.ToArray(), b.IdentityKey.ToArray(),
            b.KyberPreKey.ToArray(), b.KyberPreKeySignature.ToArray()];
        edit?.Invoke(parts);
        return PreKeyBundle.Import(b.RegistrationId, b.DeviceId, dropPreKey ? null : preKeyId ?? b.PreKeyId, dropPreKey ? default : parts[0],
            b.SignedPreKeyId, parts[1], parts[2], parts[3], b.KyberPreKeyId, parts[4], parts[5]);
    }

    private static void AssertRejected(SessionError reason, Action action) =>
        Assert.Equal(reason, Assert.Throws<SessionException>(action).Reason);

    [Fact]
    public void GenuineBundle_Reimports()
    {
        using QuantumIdentity bob = QuantumIdentity.Generate();
        PreKeyBundle bundle = Reimport(bob.CreatePreKeyBundle());
        Assert.Equal(bob.IdentityKey.ToArray(), bundle.IdentityKey.ToArray());
        Assert.Equal(0x08, bundle.KyberPreKey[0]);
        Assert.Equal(1569, bundle.KyberPreKey.Length);
    }

    [Fact]
    public void BadSignatures_InvalidSignature()
    {
        using QuantumIdentity bob = QuantumIdentity.Generate();
        PreKeyBundle b = bob.CreatePreKeyBundle();
        AssertRejected(SessionError.InvalidSignature, () => Reimport(b, p => p[2][5] ^= 1));
        AssertRejected(SessionError.InvalidSignature, () => Reimport(b, p => p[5][5] ^= 1));
        AssertRejected(SessionError.InvalidSignature, () => Reimport(b, p => p[1][7] ^= 1)); // signed prekey changed
        AssertRejected(SessionError.InvalidSignature, () => Reimport(b, p => p[4][100] ^= 1)); // KEM prekey changed
        AssertRejected(SessionError.InvalidSignature, () => Reimport(b, p => p[2] = p[2][..63]));
        using QuantumIdentity mallory = QuantumIdentity.Generate();
        AssertRejected(SessionError.InvalidSignature, () => Reimport(b, p => p[3] = mallory.IdentityKey.ToArray()));
        // Identity keys with no Edwards form (u = p - 1, u >= p, top bit set): the bundle converts its identity key
        // once for both signatures, and such a key fails the first one, as each verification alone would.
        byte[] pMinusOne = [0x05, 0xEC, .. Enumerable.Repeat((byte)0xFF, 30), 0x7F];
        byte[] fieldPrime = [0x05, 0xED, .. Enumerable.Repeat((byte)0xFF, 30), 0x7F];
        byte[] allOnes = [0x05, .. Enumerable.Repeat((byte)0xFF, 32)];
        foreach (byte[] identity in new[] { pMinusOne, fieldPrime, allOnes })
        {
            SessionException e = Assert.Throws<SessionException>(() => Reimport(b, parts => parts[3] = identity));
            Assert.Equal(SessionError.InvalidSignature, e.Reason);
            Assert.Contains("signed prekey", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WrongKeyTypesAndSizes_InvalidKey()
    {
        using QuantumIdentity bob = QuantumIdentity.Generate();
        PreKeyBundle b = bob.CreatePreKeyBundle();
        AssertRejected(SessionError.InvalidKey, () => Reimport(b, p => p[1][0] = 0x06));
        AssertRejected(SessionError.InvalidKey, () => Reimport(b, p => p[3] = p[3][..32]));
        AssertRejected(SessionError.InvalidKey, () => Reimport(b, p => p[0] = [.. p[0], 0]));
        AssertRejected(SessionError.InvalidKey, () => Reimport(b, p => p[4][0] = 0x09));
        AssertRejected(SessionError.InvalidKey, () => Reimport(b, p => p[4] = p[4][..1568]));
        // Coefficients at or above q fail FIPS 203's modulus check (section 7.2) before any signature work.
        AssertRejected(SessionError.InvalidKey, () => Reimport(b, p => p[4].AsSpan(1, 384).Fill(0xFF)));
    }

    [Fact]
    public void OneTimePreKeyAndIdDisagree_Malformed()
    {
        using QuantumIdentity bob = QuantumIdentity.Generate();
        PreKeyBundle withOne = bob.CreatePreKeyBundle(), withoutOne = bob.CreatePreKeyBundle(false);
        AssertRejected(SessionError.Malformed, () => Reimport(withoutOne, preKeyId: 5));
        AssertRejected(SessionError.Malformed, () => PreKeyBundle.Import(1, 1, null, withOne.PreKey, withOne.SignedPreKeyId,
            withOne.SignedPreKey, withOne.SignedPreKeySignature, withOne.IdentityKey, withOne.KyberPreKeyId, withOne.KyberPreKey,
            withOne.KyberPreKeySignature));
    }

    [Fact]
    public void TamperedFirstMessage_CreatesNothing_ConsumesNothing()
    {
        using QuantumIdentity alice = QuantumIdentity.Generate(), bob = QuantumIdentity.Generate();
        using QuantumSession session = QuantumSession.Initiate(alice, bob.CreatePreKeyBundle());
        byte[] first = session.Encrypt("hello"u8);
        Assert.Equal(1, bob.OneTimePreKeyCount);
        byte[] bad = (byte[])first.Clone();
        bad[^1] ^= 1;
        AssertRejected(SessionError.BadMac, () => QuantumSession.Accept(bob, bad, out _));
        Assert.Equal(1, bob.OneTimePreKeyCount);
        using QuantumSession accepted = QuantumSession.Accept(bob, first, out Secret? plaintext);
        using (plaintext) Assert.Equal("hello", Text(plaintext));
        Assert.Equal(0, bob.OneTimePreKeyCount);
    }

    [Fact]
    public void SecondAccept_OfTheSameMessage_IsRefused()
    {
        foreach (bool oneTime in new[] { true, false })
        {
            using QuantumIdentity alice = QuantumIdentity.Generate(), bob = QuantumIdentity.Generate();
            using QuantumSession session = QuantumSession.Initiate(alice, bob.CreatePreKeyBundle(oneTime));
            byte[] first = session.Encrypt("hello"u8);
            using QuantumSession accepted = QuantumSession.Accept(bob, first, out Secret? plaintext);
            plaintext?.Dispose();
            AssertRejected(oneTime ? SessionError.UnknownPreKey : SessionError.PreKeyReplay, () => QuantumSession.Accept(bob, first, out _));
        }
    }

    [Fact]
    public void PreKeyMessageForAnotherIdentity_UnknownPreKey()
    {
        using QuantumIdentity alice = QuantumIdentity.Generate(), bob = QuantumIdentity.Generate(), carol = QuantumIdentity.Generate();
        using QuantumSession session = QuantumSession.Initiate(alice, bob.CreatePreKeyBundle(false));
        AssertRejected(SessionError.UnknownPreKey, () => QuantumSession.Accept(carol, session.Encrypt("x"u8), out _));
    }

    [Fact]
    public void MalformedPreKeyMessages()
    {
        using QuantumIdentity alice = QuantumIdentity.Generate(), bob = QuantumIdentity.Generate();
        using QuantumSession session = QuantumSession.Initiate(alice, bob.CreatePreKeyBundle(false));
        byte[] first = session.Encrypt("x"u8);
        AssertRejected(SessionError.Malformed, () => QuantumSession.Accept(bob, first.AsSpan(0, 100), out _));
        AssertRejected(SessionError.Malformed, () => QuantumSession.Accept(bob, [], out _));
        byte[] version = (byte[])first.Clone();
        version[0] = 0x33;
        AssertRejected(SessionError.UnsupportedVersion, () => QuantumSession.Accept(bob, version, out _));
        // The KEM ciphertext's type byte (field 8's first content byte) must be the prekey's type (0x08).
        byte[] kemType = (byte[])first.Clone();
        int at = kemType.AsSpan().IndexOf([(byte)0x42, (byte)0xA1, (byte)0x0C]) + 3; // tag 8/2, length 1569 as a varint
        Assert.Equal(0x08, kemType[at]);
        kemType[at] = 0x0A;
        AssertRejected(SessionError.Malformed, () => QuantumSession.Accept(bob, kemType, out _));
        using QuantumSession accepted = QuantumSession.Accept(bob, first, out Secret? plaintext); // still acceptable
        using (plaintext) Assert.Equal("x", Text(plaintext));
    }
}
