// The internal X25519PrivateKey factories the sessions use to skip a scalar multiplication: Copy (an independent key
// object with the same scalar and public key) and FromTrusted (a key over a scalar whose public key is known).
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Curves;

public sealed class X25519PrivateKeyCopyTests
{
    [Fact]
    public void Copy_IsIndependentAndAgreesAlike()
    {
        using X25519PrivateKey peer = X25519PrivateKey.Generate();
        var original = X25519PrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        using X25519PrivateKey copy = original.Copy();
        Assert.Equal(original.PublicKey.ToArray(), copy.PublicKey.ToArray());
        Assert.Equal(original.ExportPolicy, copy.ExportPolicy);
        byte[] a = new byte[32], b = new byte[32];
        Assert.True(original.Agree(peer.PublicKey, a));
        original.Dispose();
        Assert.True(copy.Agree(peer.PublicKey, b));
        Assert.Equal(a, b);
        Assert.Throws<ObjectDisposedException>(() => original.Copy());
        using X25519PrivateKey locked = X25519PrivateKey.Generate();
        using X25519PrivateKey lockedCopy = locked.Copy();
        Assert.Throws<InvalidOperationException>(() => lockedCopy.ExportPrivateKey());
    }

    [Fact]
    public void FromTrusted_OwnsTheScalar_AndRefusesWrongSizes()
    {
        using X25519PrivateKey source = X25519PrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        Secret scalar = source.ExportPrivateKey();
        using (X25519PrivateKey key = X25519PrivateKey.FromTrusted(scalar, source.PublicKey, KeyExportPolicies.None))
        {
            Assert.Equal(source.PublicKey.ToArray(), key.PublicKey.ToArray());
            Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey());
        }
        Assert.True(scalar.IsDisposed); // the key owned it

        Secret wrong = Secret.CreateRandom(31);
        Assert.Throws<ArgumentException>(() => X25519PrivateKey.FromTrusted(wrong, source.PublicKey, KeyExportPolicies.None));
        Assert.True(wrong.IsDisposed);
        Secret right = source.ExportPrivateKey();
        Assert.Throws<ArgumentException>(() => X25519PrivateKey.FromTrusted(right, source.PublicKey[..31], KeyExportPolicies.None));
        Assert.True(right.IsDisposed);
    }
}
