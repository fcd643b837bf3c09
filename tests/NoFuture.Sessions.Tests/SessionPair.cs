// Two parties with an established session, for the tests: Alice initiates from Bob's bundle, Bob accepts her first
// message. Helpers read plaintexts out of secrets (test code only).
using NoFuture.Memory;

namespace NoFuture.Sessions.Tests;

internal sealed class SessionPair : IDisposable
{
    internal QuantumIdentity AliceIdentity { get; } = QuantumIdentity.Generate();
    internal QuantumIdentity BobIdentity { get; } = QuantumIdentity.Generate(2);
    internal QuantumSession Alice { get; }
    internal QuantumSession Bob { get; }

    internal SessionPair(QuantumSessionOptions? options = null, bool oneTimePreKey = true)
    {
        PreKeyBundle bundle = BobIdentity.CreatePreKeyBundle(oneTimePreKey);
        Alice = QuantumSession.Initiate(AliceIdentity, bundle, options);
        byte[] first = Alice.Encrypt("hello"u8);
        Assert.True(QuantumSession.IsPreKeyMessage(first));
        Bob = QuantumSession.Accept(BobIdentity, first, out Secret? plaintext, options);
        using (plaintext) Assert.Equal("hello", Text(plaintext));
    }

    internal static string Text(Secret? secret)
    {
        if (secret is null) return "";
        using SecretReadLease lease = secret.OpenRead();
        return System.Text.Encoding.UTF8.GetString(lease.Span);
    }

    internal static string Decrypt(QuantumSession session, byte[] message)
    {
        using Secret? plaintext = session.Decrypt(message);
        return Text(plaintext);
    }

    internal static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public void Dispose()
    {
        Alice.Dispose();
        Bob.Dispose();
        AliceIdentity.Dispose();
        BobIdentity.Dispose();
    }
}
