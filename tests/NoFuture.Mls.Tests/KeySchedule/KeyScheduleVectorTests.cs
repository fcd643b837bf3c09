// Every suite and epoch of key-schedule.json (mlswg/mls-implementations @ cfd45028, test-vectors/key-schedule.json;
// provenance in shared/vectors/mls/SOURCES.md): RFC 9420 §8 from init_secret, commit_secret, psk_secret and the encoded
// GroupContext (used as given) to every epoch secret, external_pub (§8.3) and MLS-Exporter (§8.5); each epoch's
// init_secret feeds the next one.
using System.Text;
using System.Text.Json;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.KeySchedule;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.KeySchedule;

public class KeyScheduleVectorTests
{
    private static byte[] Hex(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    private static void Same(byte[] expected, Secret actual, string what) =>
        Assert.True(actual.FixedTimeEquals(expected), what);

    [Fact]
    public void EveryEpochOfEverySuite()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("mls/key-schedule.json")));
        int suites = 0, epochs = 0;
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            MlsCipherSuite suite = MlsCipherSuite.FromId((ushort)entry.GetProperty("cipher_suite").GetInt32())!;
            byte[] init = Hex(entry, "initial_init_secret");
            int n = 0;
            foreach (JsonElement e in entry.GetProperty("epochs").EnumerateArray())
            {
                string at = $"suite {suite.Id} epoch {n}";
                using EpochSecrets s = EpochSecrets.Derive(suite, init, Hex(e, "commit_secret"), Hex(e, "psk_secret"), Hex(e, "group_context"));
                Same(Hex(e, "joiner_secret"), s.JoinerSecret, at + ": joiner_secret");
                Same(Hex(e, "welcome_secret"), s.WelcomeSecret, at + ": welcome_secret");
                Same(Hex(e, "sender_data_secret"), s.SenderDataSecret, at + ": sender_data_secret");
                Same(Hex(e, "encryption_secret"), s.EncryptionSecret, at + ": encryption_secret");
                Same(Hex(e, "exporter_secret"), s.ExporterSecret, at + ": exporter_secret");
                Same(Hex(e, "external_secret"), s.ExternalSecret, at + ": external_secret");
                Same(Hex(e, "confirmation_key"), s.ConfirmationKey, at + ": confirmation_key");
                Same(Hex(e, "membership_key"), s.MembershipKey, at + ": membership_key");
                Same(Hex(e, "resumption_psk"), s.ResumptionPsk, at + ": resumption_psk");
                Same(Hex(e, "epoch_authenticator"), s.EpochAuthenticator, at + ": epoch_authenticator");
                Same(Hex(e, "init_secret"), s.InitSecret, at + ": init_secret");
                Assert.Equal(Hex(e, "external_pub"), s.ExternalPublicKey.ToArray());
                using (var external = s.CreateExternalPrivateKey())
                    Assert.Equal(Hex(e, "external_pub"), external.PublicKey.ToArray());

                JsonElement x = e.GetProperty("exporter");
                byte[] exported = new byte[x.GetProperty("length").GetInt32()];
                // The exporter label is a string in the generators (RFC 9420 §8.5 "Label"): the vector's label is used as the
                // ASCII of its text, which happens to be hex digits; the context is hex-encoded bytes.
                s.Export(Encoding.ASCII.GetBytes(x.GetProperty("label").GetString()!), Hex(x, "context"), exported);
                Assert.Equal(Hex(x, "secret"), exported);

                // A joiner that starts from joiner_secret reaches the same epoch.
                using (SecretReadLease j = s.JoinerSecret.OpenRead())
                using (EpochSecrets joined = EpochSecrets.FromJoinerSecret(suite, j.Span, Hex(e, "psk_secret"), Hex(e, "group_context")))
                    Same(Hex(e, "epoch_authenticator"), joined.EpochAuthenticator, at + ": joiner's epoch_authenticator");

                init = Hex(e, "init_secret");
                n++;
                epochs++;
            }
            Assert.Equal(entry.GetProperty("epochs").GetArrayLength(), n);
            suites++;
        }
        VectorCount.AllRan(suites, doc.RootElement.GetArrayLength(), "key-schedule.json");
        Assert.Equal(35, epochs);
    }

    [Fact]
    public void Dispose_WipesAndRefusesAccess()
    {
        MlsCipherSuite suite = MlsCipherSuite.Mls128DhKemX25519Aes128GcmSha256Ed25519;
        var s = EpochSecrets.Derive(suite, new byte[32], default, default, [1, 2, 3]);
        Secret init = s.InitSecret;
        s.Dispose();
        Assert.True(init.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => s.InitSecret);
        Assert.Throws<ObjectDisposedException>(() => s.ExternalPublicKey.Length);
        s.Dispose();
    }

    [Fact]
    public void ExternalPublicKey_DerivedOnFirstUse_IsTheSameForConcurrentReaders()
    {
        // external_pub is derived on first read (§8.3, see EpochSecrets.ExternalPublicKey): racing first readers must
        // all see the key of CreateExternalPrivateKey, and later reads the same bytes.
        MlsCipherSuite suite = MlsCipherSuite.Mls128DhKemP256Aes128GcmSha256P256;
        using var s = EpochSecrets.Derive(suite, new byte[32], default, default, [4, 5, 6]);
        byte[][] seen = new byte[8][];
        Parallel.For(0, seen.Length, i => seen[i] = s.ExternalPublicKey.ToArray());
        using HpkePrivateKey external = s.CreateExternalPrivateKey();
        Assert.All(seen, k => Assert.Equal(external.PublicKey.ToArray(), k));
        Assert.Equal(external.PublicKey.ToArray(), s.ExternalPublicKey.ToArray());
    }

    [Fact]
    public void EmptyCommitAndPskSecrets_MeanNhZeros()
    {
        MlsCipherSuite suite = MlsCipherSuite.Mls256DhKemP384Aes256GcmSha384P384;
        byte[] init = new byte[48];
        init[0] = 7;
        using var a = EpochSecrets.Derive(suite, init, default, default, [9]);
        using var b = EpochSecrets.Derive(suite, init, new byte[48], new byte[48], [9]);
        Assert.True(a.EpochAuthenticator.FixedTimeEquals(b.EpochAuthenticator));
    }

    [Fact]
    public void WrongSecretLengths_AreCallerMistakes()
    {
        MlsCipherSuite suite = MlsCipherSuite.Mls128DhKemX25519Aes128GcmSha256Ed25519;
        Assert.Throws<ArgumentOutOfRangeException>(() => EpochSecrets.Derive(suite, new byte[31], default, default, default));
        Assert.Throws<ArgumentOutOfRangeException>(() => EpochSecrets.Derive(suite, new byte[32], new byte[33], default, default));
        Assert.Throws<ArgumentOutOfRangeException>(() => EpochSecrets.Derive(suite, new byte[32], default, new byte[1], default));
        Assert.Throws<ArgumentOutOfRangeException>(() => EpochSecrets.FromJoinerSecret(suite, new byte[64], default, default));
    }
}
