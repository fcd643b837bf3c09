// Every entry of psk_secret.json (mlswg/mls-implementations @ cfd45028, test-vectors/psk_secret.json; provenance in
// shared/vectors/mls/SOURCES.md): RFC 9420 §8.4 psk_secret over 0 to 10 external PSKs, each labeled with its
// PreSharedKeyID (psktype external, psk_id, psk_nonce), index and count.
using System.Text.Json;
using NoFuture.Memory;
using NoFuture.Mls.KeySchedule;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.KeySchedule;

public class PskSecretVectorTests
{
    private static byte[] Hex(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    [Fact]
    public void EveryEntry()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("mls/psk_secret.json")));
        int ran = 0, maxPsks = 0;
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            MlsCipherSuite suite = MlsCipherSuite.FromId((ushort)entry.GetProperty("cipher_suite").GetInt32())!;
            var ids = new List<byte[]>();
            var psks = new List<Secret>();
            try
            {
                foreach (JsonElement p in entry.GetProperty("psks").EnumerateArray())
                {
                    ids.Add(PskSecret.EncodeExternalId(Hex(p, "psk_id"), Hex(p, "psk_nonce")));
                    psks.Add(Secret.CopyFrom(Hex(p, "psk")));
                }
                byte[] output = new byte[suite.Kdf.HashSizeInBytes];
                PskSecret.Compute(suite, ids, psks, output);
                Assert.Equal(Hex(entry, "psk_secret"), output);
                maxPsks = Math.Max(maxPsks, psks.Count);
            }
            finally
            {
                foreach (Secret s in psks) s.Dispose();
            }
            ran++;
        }
        VectorCount.AllRan(ran, doc.RootElement.GetArrayLength(), "psk_secret.json");
        Assert.Equal(10, maxPsks);
    }

    [Fact]
    public void ResumptionId_Encoding()
    {
        // PreSharedKeyID { psktype = resumption(2); usage = branch(3); psk_group_id<V> = 0xAABB; psk_epoch = 5; psk_nonce<V> = 0x01 }
        Assert.Equal(Convert.FromHexString("020302AABB00000000000000050101"), PskSecret.EncodeResumptionId(3, [0xAA, 0xBB], 5, [0x01]));
    }

    [Fact]
    public void MismatchedLists_AreCallerMistakes()
    {
        MlsCipherSuite suite = MlsCipherSuite.Mls128DhKemX25519Aes128GcmSha256Ed25519;
        using Secret psk = Secret.CreateRandom(32);
        Assert.Throws<ArgumentOutOfRangeException>(() => PskSecret.Compute(suite, [], [psk], new byte[32]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PskSecret.Compute(suite, [], [], new byte[31]));
    }
}
