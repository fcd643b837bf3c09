// ML-KEM, X-Wing, HPKE, Argon2id and ML-DSA through the C ABI equal the managed API byte for byte on the official vectors
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

    /// <summary>
    /// Wycheproof ML-DSA-44/65/87. sign_seed: the seed imported through nf_sig_import_private gives the file's public
    /// key, the file's (deterministic) signature verifies through nf_sig_verify, and a fresh C signature (hedged, so
    /// not the file's) verifies under the managed API; the cases with only an external mu cannot go through pure
    /// ML-DSA and are counted as skipped. verify: every case gives the file's answer in C and managed alike, the
    /// wrongly sized public keys and 256-byte contexts being caller mistakes in both (NF_E_INVALID, ArgumentException).
    /// </summary>
    [Fact]
    public void MlDsaEqualsTheManagedApi()
    {
        using var driver = new VectorDriver(native.Program);
        foreach ((string size, SignatureAlgorithm algorithm, ushort id) in new[]
        {
            ("44", SignatureAlgorithm.MlDsa44, (ushort)10),
            ("65", SignatureAlgorithm.MlDsa65, (ushort)11),
            ("87", SignatureAlgorithm.MlDsa87, (ushort)12),
        })
        {
            int ran = 0, skipped = 0;
            string file = $"mldsa_{size}_sign_seed_test.json";
            using (JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("mldsa/wycheproof/" + file))))
            {
                int expected = VectorCount.Wycheproof(doc.RootElement);
                foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
                {
                    // The groups of wrongly sized seeds have no public key (null).
                    byte[] seed = Hex(group, "privateSeed");
                    byte[] publicKey = group.GetProperty("publicKey").ValueKind == JsonValueKind.String ? Hex(group, "publicKey") : [];
                    foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
                    {
                        string tc = $"{file} #{test.GetProperty("tcId")}";
                        if (!test.TryGetProperty("msg", out _))
                        {
                            skipped++;
                            continue;
                        }
                        byte[] msg = Hex(test, "msg"), sig = Hex(test, "sig");
                        byte[] ctx = test.TryGetProperty("ctx", out _) ? Hex(test, "ctx") : [];
                        byte[][]? fromC = driver.Ask(out int status, "sig_seed", id, seed, msg, ctx, sig);
                        if (test.GetProperty("result").GetString() == "valid")
                        {
                            Assert.True(fromC is not null, $"{tc}: the C ABI failed with {status}");
                            using SigningKey key = algorithm.ImportPrivateKey(seed);
                            Assert.Equal(key.ExportPublicKey(), fromC[0]);
                            Assert.Equal(publicKey, fromC[0]);
                            Assert.True(algorithm.Verify(publicKey, msg, sig, ctx), $"{tc}: managed verify");
                            Assert.True(fromC[1] is [1], $"{tc}: C verify of the file's signature");
                            Assert.True(algorithm.Verify(publicKey, msg, fromC[2], ctx), $"{tc}: the C signature");
                            Assert.NotEqual(sig, fromC[2]); // hedged signing (FIPS 204 §3.4)
                        }
                        else
                        {
                            // An empty seed cannot even be a secret (no 0-byte secrets): the driver passes handle 0.
                            int refusal = seed.Length == 0 ? -4 : -2;
                            Assert.True(fromC is null && status == refusal, $"{tc}: the C ABI accepted an invalid case ({status})");
                            Assert.ThrowsAny<ArgumentException>(() =>
                            {
                                using SigningKey key = algorithm.ImportPrivateKey(seed);
                                key.Sign(msg, new byte[algorithm.SignatureSizeInBytes], ctx);
                            });
                        }
                        ran++;
                    }
                }
                VectorCount.AllRan(ran + skipped, expected, file);
                Assert.True(ran > skipped, $"{file}: {skipped} of {expected} cases skipped");
            }

            ran = 0;
            file = $"mldsa_{size}_verify_test.json";
            using (JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("mldsa/wycheproof/" + file))))
            {
                int expected = VectorCount.Wycheproof(doc.RootElement);
                foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
                {
                    byte[] publicKey = Hex(group, "publicKey");
                    foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
                    {
                        string tc = $"{file} #{test.GetProperty("tcId")}";
                        byte[] msg = Hex(test, "msg"), sig = Hex(test, "sig");
                        byte[] ctx = test.TryGetProperty("ctx", out _) ? Hex(test, "ctx") : [];
                        bool valid = test.GetProperty("result").GetString() == "valid";
                        byte[][]? fromC = driver.Ask(out int status, "sig_verify", id, publicKey, msg, ctx, sig);
                        if (publicKey.Length != algorithm.PublicKeySizeInBytes || ctx.Length > 255)
                        {
                            Assert.False(valid, $"{tc}: a caller mistake in a valid case");
                            Assert.True(fromC is null && status == -2, $"{tc}: the C ABI answered {status}");
                            Assert.ThrowsAny<ArgumentException>(() => algorithm.Verify(publicKey, msg, sig, ctx));
                        }
                        else
                        {
                            Assert.True(fromC is not null, $"{tc}: the C ABI failed with {status}");
                            Assert.Equal(valid, algorithm.Verify(publicKey, msg, sig, ctx));
                            Assert.True(fromC[0] is [var answer] && answer == (valid ? 1 : 0), $"{tc}: C verify");
                        }
                        ran++;
                    }
                }
                VectorCount.AllRan(ran, expected, file);
            }
        }
    }
}
