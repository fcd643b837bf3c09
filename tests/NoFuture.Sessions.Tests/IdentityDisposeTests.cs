// QuantumIdentity.Dispose and the sealed identity key: the Enclave's ciphertext is an ordinary array that stays on the
// heap until the GC reuses it, and the process key that opens it lives until SecureMemory.Purge. After Dispose that
// ciphertext must no longer open to the identity private key.
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Sessions.Tests;

public class IdentityDisposeTests
{
    [Fact]
    public void AfterDispose_TheSealedIdentityKeyNoLongerOpensToTheKey()
    {
        QuantumIdentity identity = QuantumIdentity.Generate();
        byte[] scalar = new byte[32];
        using (X25519PrivateKey key = identity.OpenIdentityKey()) key.ExportPrivateKey(scalar);
        Enclave sealedKey = identity.SealedIdentityKeyForTesting;

        identity.Dispose();

        using Secret opened = sealedKey.Open();
        using SecretReadLease lease = opened.OpenRead();
        Assert.False(lease.Span.SequenceEqual(scalar));
        Assert.Throws<ObjectDisposedException>(() => identity.OpenIdentityKey().Dispose());
    }

    [Fact]
    public void OpenIdentityKey_IsTheIdentityKey_AndExportRoundTrips()
    {
        using QuantumIdentity identity = QuantumIdentity.Generate();
        byte[] publicKey = new byte[32];
        using (X25519PrivateKey key = identity.OpenIdentityKey())
        {
            Assert.Equal(identity.IdentityKey[1..].ToArray(), key.PublicKey.ToArray());
            // The public key is the scalar's (the key object is made without recomputing it).
            using Secret scalar = key.ExportPrivateKey();
            X25519.DerivePublicKey(scalar, publicKey);
        }
        Assert.Equal(identity.IdentityKey[1..].ToArray(), publicKey);
        using Secret record = identity.Export();
        using QuantumIdentity restored = QuantumIdentity.Import(record);
        using X25519PrivateKey again = restored.OpenIdentityKey();
        Assert.Equal(identity.IdentityKey[1..].ToArray(), again.PublicKey.ToArray());
    }
}
