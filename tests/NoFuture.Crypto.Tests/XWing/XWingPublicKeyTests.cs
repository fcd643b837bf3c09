// XWingPublicKey: a checked, expanded X-Wing public key. The draft's vectors (draft-connolly-cfrg-xwing-kem-10,
// spec/test-vectors.json; shared/vectors/SOURCES.md) through it, the FIPS 203 §7.2 check at import, misuse, and no
// managed allocation per encapsulation. Agreement with libsodium is in XWingSodiumOracleTests.
using System.Security.Cryptography;
using System.Text.Json;
using NoFuture.Crypto.XWing;
using NoFuture.Memory;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.XWing;

public class XWingPublicKeyTests
{
    private static byte[] Hex(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    [Fact]
    public void DraftVectors_EncapsulateDerand()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("xwing/test-vectors.json")));
        int count = 0;
        foreach (JsonElement v in doc.RootElement.EnumerateArray())
        {
            XWingPublicKey publicKey = XWingPublicKey.Import(Hex(v, "pk"));
            Assert.Equal(Hex(v, "pk"), publicKey.PublicKey.ToArray());
            byte[] ct = new byte[XWingKem.CiphertextSizeInBytes], ss = new byte[XWingKem.SharedSecretSizeInBytes];
            publicKey.EncapsulateDeterministic(Hex(v, "eseed"), ct, ss);
            Assert.Equal(Hex(v, "ct"), ct);
            Assert.Equal(Hex(v, "ss"), ss);
            count++;
        }
        VectorCount.AllRan(count, doc.RootElement.GetArrayLength(), "xwing/test-vectors.json");
    }

    [Fact]
    public void RoundTrips_WithThePrivateKey()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        XWingPublicKey publicKey = XWingPublicKey.Import(key.PublicKey);
        byte[] ct = new byte[XWingKem.CiphertextSizeInBytes], ss = new byte[32], ss2 = new byte[32];
        for (int i = 0; i < 50; i++)
        {
            publicKey.Encapsulate(ct, ss);
            key.Decapsulate(ct, ss2);
            Assert.Equal(ss, ss2);
        }
        using Secret shared = publicKey.Encapsulate(ct);
        using Secret decapsulated = key.Decapsulate(ct);
        using SecretReadLease lease = decapsulated.OpenRead();
        Assert.True(shared.FixedTimeEquals(lease.Span));
    }

    [Fact]
    public void Import_RefusesWrongSizesAndTheModulusCheck()
    {
        Assert.Throws<ArgumentException>("publicKey", () => XWingPublicKey.Import(new byte[XWingKem.PublicKeySizeInBytes - 1]));
        Assert.Throws<ArgumentException>("publicKey", () => XWingPublicKey.Import(new byte[XWingKem.PublicKeySizeInBytes + 1]));
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        byte[] pk = key.PublicKey.ToArray();
        XWingSodiumOracleTests.SetCoefficient(pk, 300, 3329); // q: fails ByteEncode12(ByteDecode12(x)) == x
        // A peer's key failing the check is hostile input: the CryptographicException family, never ArgumentException.
        Assert.Equal(CryptoError.InvalidPublicKey, Assert.IsType<CryptoException>(Record.Exception(() => XWingPublicKey.Import(pk))).Error);
        XWingSodiumOracleTests.SetCoefficient(pk, 300, 3328);
        _ = XWingPublicKey.Import(pk);
    }

    [Fact]
    public void Encapsulate_Misuse()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        XWingPublicKey publicKey = XWingPublicKey.Import(key.PublicKey);
        Assert.Throws<ArgumentException>("ciphertext", () => publicKey.Encapsulate(new byte[1119], new byte[32]));
        Assert.Throws<ArgumentException>("sharedSecret", () => publicKey.Encapsulate(new byte[1120], new byte[31]));
        Assert.Throws<ArgumentException>("ciphertext", () => publicKey.Encapsulate(new byte[1121]));
        byte[] buffer = new byte[1120 + 32];
        Assert.Throws<ArgumentException>("sharedSecret", () => publicKey.Encapsulate(buffer.AsSpan(0, 1120), buffer.AsSpan(1100, 32)));
        Assert.Throws<ArgumentException>("eseed", () => publicKey.EncapsulateDeterministic(new byte[63], new byte[1120], new byte[32]));
        Assert.Equal(nameof(XWingPublicKey), publicKey.ToString());
    }

    [Fact]
    public void Encapsulate_AllocatesNothingOnTheManagedHeap()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        XWingPublicKey publicKey = XWingPublicKey.Import(key.PublicKey);
        byte[] ct = new byte[XWingKem.CiphertextSizeInBytes], ss = new byte[32], ss2 = new byte[32];
        publicKey.Encapsulate(ct, ss); // warm up
        key.Decapsulate(ct, ss2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            publicKey.Encapsulate(ct, ss);
            key.Decapsulate(ct, ss2);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(ss, ss2);
        RandomNumberGenerator.Fill(ct); // and a random ciphertext still decapsulates without allocating
        before = GC.GetAllocatedBytesForCurrentThread();
        key.Decapsulate(ct, ss2);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
