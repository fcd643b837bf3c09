// ML-KEM, X-Wing, HPKE and Argon2id through the C ABI equal the managed API byte for byte on the official vectors
// (shared/vectors; NOFUTURE_VECTORS): each case runs in the scenario program's "vectors" driver (libnofuture.so) and
// in the managed NoFuture.Crypto of this process, and both results are compared with each other and with the file.
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Tests.Shared;

namespace NoFuture.Native.Tests;

public sealed class NativeVectorTests(NativeLibraryFixture native)
{
    private static byte[] Hex(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    /// <summary>
    /// Wycheproof ML-KEM-512/768/1024 (seed → ek, decapsulation → K; the invalid cases, wrongly sized seeds or
    /// ciphertexts, are refused by both) and the X-Wing draft vectors (sk → pk, decapsulation → ss).
    /// </summary>
    [Fact]
    public void KemsEqualTheManagedApi()
    {
        using var driver = new VectorDriver(native.Program);
        int ran = 0, expected = 0;
        foreach ((string file, MLKemAlgorithm algorithm, ushort id) in new[]
        {
            ("mlkem_512_test.json", MLKemAlgorithm.MLKem512, (ushort)0x0040),
            ("mlkem_768_test.json", MLKemAlgorithm.MLKem768, (ushort)0x0041),
            ("mlkem_1024_test.json", MLKemAlgorithm.MLKem1024, (ushort)0x0042),
        })
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("mlkem/wycheproof/" + file)));
            expected += VectorCount.Wycheproof(doc.RootElement);
            foreach (JsonElement test in doc.RootElement.GetProperty("testGroups").EnumerateArray().SelectMany(g => g.GetProperty("tests").EnumerateArray()))
            {
                byte[] seed = Hex(test, "seed"), c = Hex(test, "c");
                string tc = $"{file} #{test.GetProperty("tcId")}";
                byte[][]? fromC = driver.Ask(out int status, "kem", id, seed, c);
                if (test.GetProperty("result").GetString() == "valid")
                {
                    Assert.True(fromC is not null, $"{tc}: the C ABI failed with {status}");
                    using MlKemKey key = MlKemKey.ImportPrivateSeed(algorithm, seed);
                    byte[] k = new byte[32];
                    key.Decapsulate(c, k);
                    Assert.Equal(key.ExportEncapsulationKey(), fromC[0]);
                    Assert.Equal(k, fromC[1]);
                    Assert.Equal(Hex(test, "ek"), fromC[0]);
                    Assert.Equal(Hex(test, "K"), fromC[1]);
                }
                else
                {
                    Assert.True(fromC is null && status == -2, $"{tc}: the C ABI accepted an invalid case ({status})");
                    Assert.ThrowsAny<ArgumentException>(() =>
                    {
                        using MlKemKey key = MlKemKey.ImportPrivateSeed(algorithm, seed);
                        key.Decapsulate(c, new byte[32]);
                    });
                }
                ran++;
            }
        }
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("xwing/test-vectors.json"))))
        {
            foreach (JsonElement v in doc.RootElement.EnumerateArray())
            {
                byte[] sk = Hex(v, "sk"), ct = Hex(v, "ct");
                byte[][] fromC = driver.Ask("kem", (ushort)0x647A, sk, ct);
                using XWingPrivateKey key = XWingPrivateKey.Import(sk);
                byte[] ss = new byte[32];
                key.Decapsulate(ct, ss);
                Assert.Equal(key.PublicKey.ToArray(), fromC[0]);
                Assert.Equal(ss, fromC[1]);
                Assert.Equal(Hex(v, "pk"), fromC[0]);
                Assert.Equal(Hex(v, "ss"), fromC[1]);
                ran++;
            }
            expected += doc.RootElement.GetArrayLength();
        }
        VectorCount.AllRan(ran, expected, "ML-KEM and X-Wing vectors");
    }

    /// <summary>
    /// Every single-shot-reproducible HPKE entry: the hpke-pq file (ML-KEM, hybrids, X-Wing, every KDF) and RFC 9180's
    /// base and psk entries with an AEAD. Through the C ABI: DeriveKeyPair(ikmR) → pkR, Open of the first encryption
    /// (sequence 0) → pt; and a C seal that the managed API opens.
    /// </summary>
    [Fact]
    public void HpkeEqualsTheManagedApi()
    {
        using var driver = new VectorDriver(native.Program);
        int ran = 0;
        using JsonDocument pq = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("hpke/hpke-pq-test-vectors.json")));
        using FileStream file = File.OpenRead(VectorFiles.Find("hpke/rfc9180-test-vectors-5f503c5.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using JsonDocument rfc = JsonDocument.Parse(gzip);
        JsonElement[] entries = [.. pq.RootElement.EnumerateArray(), .. rfc.RootElement.EnumerateArray()];
        JsonElement[] runnable = [.. entries.Where(v => v.GetProperty("mode").GetInt32() is 0 or 1 && v.GetProperty("aead_id").GetInt32() != 0xFFFF)];
        foreach (JsonElement v in runnable)
        {
            ushort kemId = (ushort)v.GetProperty("kem_id").GetInt32(), kdfId = (ushort)v.GetProperty("kdf_id").GetInt32(),
                aeadId = (ushort)v.GetProperty("aead_id").GetInt32();
            var suite = new HpkeSuite(HpkeKem.FromId(kemId)!, HpkeKdf.FromId(kdfId)!, HpkeAead.FromId(aeadId)!);
            bool psk = v.GetProperty("mode").GetInt32() == 1;
            byte[] pskBytes = psk ? Hex(v, "psk") : [], pskId = psk ? Hex(v, "psk_id") : [];
            byte[] ikm = Hex(v, "ikmR"), enc = Hex(v, "enc"), info = Hex(v, "info");
            JsonElement first = v.GetProperty("encryptions")[0];
            byte[] aad = Hex(first, "aad"), ct = Hex(first, "ct"), pt = Hex(first, "pt");
            string name = $"suite {kemId:x4}/{kdfId:x4}/{aeadId:x4} mode {(psk ? 1 : 0)}";

            byte[][]? fromC = driver.Ask(out int status, "hpke", kemId, kdfId, aeadId, ikm, enc, ct, info, aad, pskBytes, pskId);
            Assert.True(fromC is not null, $"{name}: the C ABI failed with {status}");
            using Secret? pskSecret = psk ? Secret.CopyFrom(pskBytes) : null;
            using HpkePrivateKey key = HpkePrivateKey.DeriveKeyPair(suite.Kem, ikm);
            byte[] opened = new byte[ct.Length - suite.Aead.TagSizeInBytes];
            Assert.True(suite.Open(key, enc, ct, opened, info, aad, pskSecret, pskId), $"{name}: managed open");
            Assert.Equal(key.PublicKey.ToArray(), fromC[0]);
            Assert.Equal(opened, fromC[1]);
            Assert.Equal(Hex(v, "pkRm"), fromC[0]);
            Assert.Equal(pt, fromC[1]);

            // A message sealed through the C ABI to pkR opens with the managed key.
            byte[][] sealedByC = driver.Ask("hpke_seal", kemId, kdfId, aeadId, fromC[0], pt, info, aad, pskBytes, pskId);
            byte[] reopened = new byte[pt.Length];
            Assert.True(suite.Open(key, sealedByC[0], sealedByC[1], reopened, info, aad, pskSecret, pskId), $"{name}: C seal");
            Assert.Equal(pt, reopened);
            ran++;
        }
        VectorCount.AllRan(ran, runnable.Length, "HPKE base/psk entries");
        // Every KEM the C ABI names is among them.
        Assert.Equal([0x0010, 0x0011, 0x0012, 0x0020, 0x0021, 0x0040, 0x0041, 0x0042, 0x0050, 0x0051, 0x647A],
            runnable.Select(v => v.GetProperty("kem_id").GetInt32()).Distinct().Order());
    }

    /// <summary>
    /// RFC 9106 §5.3 (Argon2id with secret and associated data) and the 21 argon2id-extra vectors (raw tag, and the
    /// PHC string verified with the right and a wrong password).
    /// </summary>
    [Fact]
    public void Argon2idEqualsTheManagedApi()
    {
        using var driver = new VectorDriver(native.Program);
        int ran = 0;
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("argon2/rfc9106.json"))))
        {
            JsonElement common = doc.RootElement.GetProperty("common");
            byte[] password = Hex(common, "password_hex"), salt = Hex(common, "salt_hex");
            byte[] secret = Hex(common, "secret_hex"), ad = Hex(common, "associated_data_hex");
            int m = common.GetProperty("memory_kib").GetInt32(), t = common.GetProperty("iterations").GetInt32();
            int p = common.GetProperty("parallelism").GetInt32(), length = common.GetProperty("tag_length").GetInt32();
            JsonElement[] id = [.. doc.RootElement.GetProperty("vectors").EnumerateArray()
                .Where(v => v.GetProperty("type").GetString() == "argon2id" && v.GetProperty("version").GetInt32() == 19)];
            Assert.Single(id);
            byte[] managed = new byte[length];
            Argon2.DeriveKey(password, salt, new Argon2Parameters(Argon2Type.Argon2id, m, t, p, length), managed, secret, ad, TestContext.Current.CancellationToken);
            byte[] fromC = driver.Ask("argon2id", password, salt, secret, ad, m, t, p, length)[0];
            Assert.Equal(managed, fromC);
            Assert.Equal(Hex(id[0], "tag_hex"), fromC);
            ran++;
        }
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("argon2/argon2id-extra.json"))))
        {
            JsonElement[] vectors = [.. doc.RootElement.GetProperty("vectors").EnumerateArray()];
            foreach (JsonElement v in vectors)
            {
                byte[] password = Encoding.UTF8.GetBytes(v.GetProperty("password_utf8").GetString()!), salt = Hex(v, "salt_hex");
                int m = v.GetProperty("memory_kib").GetInt32(), t = v.GetProperty("iterations").GetInt32();
                int p = v.GetProperty("parallelism").GetInt32(), length = v.GetProperty("tag_length").GetInt32();
                byte[] managed = new byte[length];
                Argon2.DeriveKey(password, salt, new Argon2Parameters(Argon2Type.Argon2id, m, t, p, length), managed, cancellationToken: TestContext.Current.CancellationToken);
                byte[] fromC = driver.Ask("argon2id", password, salt, Array.Empty<byte>(), Array.Empty<byte>(), m, t, p, length)[0];
                Assert.Equal(managed, fromC);
                Assert.Equal(Hex(v, "tag_hex"), fromC);

                string phc = v.GetProperty("phc_string").GetString()!;
                byte[] phcBytes = Encoding.ASCII.GetBytes(phc);
                byte[] wrong = [.. password, (byte)'!'];
                Assert.True(Argon2PhcString.Verify(phc, password, TestContext.Current.CancellationToken));
                Assert.Equal([1], driver.Ask("phc_verify", phcBytes, password)[0]);
                Assert.False(Argon2PhcString.Verify(phc, wrong, TestContext.Current.CancellationToken));
                Assert.Equal([0], driver.Ask("phc_verify", phcBytes, wrong)[0]);
                ran++;
            }
            VectorCount.AllRan(ran - 1, vectors.Length, "argon2id-extra.json");
        }
    }
}
