// Every entry of secret-tree.json (mlswg/mls-implementations @ cfd45028, test-vectors/secret-tree.json; provenance in
// shared/vectors/mls/SOURCES.md): RFC 9420 §6.3.2 sender_data key and nonce from the given ciphertext, and §9 / §9.1
// handshake and application key and nonce for every leaf at every listed generation.
using System.Text.Json;
using NoFuture.Memory;
using NoFuture.Mls.SecretTree;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.SecretTree;

public class SecretTreeVectorTests
{
    private static byte[] Hex(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    private static void Same(byte[] expected, Secret actual, string what) =>
        Assert.True(actual.FixedTimeEquals(expected), what);

    private static void Check(JsonElement g, AeadKeyNonce handshake, AeadKeyNonce application, string at)
    {
        Same(Hex(g, "handshake_key"), handshake.Key, at + ": handshake_key");
        Same(Hex(g, "handshake_nonce"), handshake.Nonce, at + ": handshake_nonce");
        Same(Hex(g, "application_key"), application.Key, at + ": application_key");
        Same(Hex(g, "application_nonce"), application.Nonce, at + ": application_nonce");
    }

    [Fact]
    public void EveryEntryOfEverySuite()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("mls/secret-tree.json")));
        int entries = 0, checks = 0;
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            MlsCipherSuite suite = MlsCipherSuite.FromId((ushort)entry.GetProperty("cipher_suite").GetInt32())!;
            JsonElement sd = entry.GetProperty("sender_data");
            using (AeadKeyNonce senderData = SenderDataKeys.Derive(suite, Hex(sd, "sender_data_secret"), Hex(sd, "ciphertext")))
            {
                Same(Hex(sd, "key"), senderData.Key, $"suite {suite.Id}: sender_data_key");
                Same(Hex(sd, "nonce"), senderData.Nonce, $"suite {suite.Id}: sender_data_nonce");
            }

            byte[] encryptionSecret = Hex(entry, "encryption_secret");
            JsonElement leaves = entry.GetProperty("leaves");
            uint n = (uint)leaves.GetArrayLength();

            // Receiving side, leaves in order: each listed generation is asked for directly (skipping the ones between).
            using (var tree = new EpochSecretTree(suite, n, encryptionSecret))
            {
                uint leaf = 0;
                foreach (JsonElement generations in leaves.EnumerateArray())
                {
                    foreach (JsonElement g in generations.EnumerateArray())
                    {
                        uint generation = g.GetProperty("generation").GetUInt32();
                        using ReceiverKey hs = tree.ReceiverKey(leaf, RatchetType.Handshake, generation);
                        using ReceiverKey app = tree.ReceiverKey(leaf, RatchetType.Application, generation);
                        Assert.Equal(generation, hs.Generation);
                        Check(g, hs.KeyNonce, app.KeyNonce, $"suite {suite.Id} leaf {leaf} generation {generation} (receiving)");
                        hs.Commit();
                        app.Commit();
                        checks++;
                    }
                    leaf++;
                }
            }

            // Sending side, leaves in reverse order (another walk through the lazy tree): every generation in turn.
            using (var tree = new EpochSecretTree(suite, n, encryptionSecret))
            {
                for (int leaf = (int)n - 1; leaf >= 0; leaf--)
                {
                    var expected = leaves[leaf].EnumerateArray().ToDictionary(g => g.GetProperty("generation").GetUInt32());
                    uint last = expected.Keys.Max();
                    for (uint generation = 0; generation <= last; generation++)
                    {
                        using AeadKeyNonce hs = tree.NextSenderKey((uint)leaf, RatchetType.Handshake);
                        using AeadKeyNonce app = tree.NextSenderKey((uint)leaf, RatchetType.Application);
                        Assert.Equal(generation, hs.Generation);
                        Assert.Equal(generation, app.Generation);
                        if (expected.TryGetValue(generation, out JsonElement g))
                            Check(g, hs, app, $"suite {suite.Id} leaf {leaf} generation {generation} (sending)");
                    }
                }
            }
            entries++;
        }
        VectorCount.AllRan(entries, doc.RootElement.GetArrayLength(), "secret-tree.json");
        Assert.Equal(21, entries);
        Assert.Equal(7 * (1 + 8 + 32) * 2, checks);
    }

    [Fact]
    public void SenderDataSample_IsTheFirstNhBytesOrAll()
    {
        MlsCipherSuite suite = MlsCipherSuite.Mls128DhKemX25519Aes128GcmSha256Ed25519;
        byte[] secret = new byte[32];
        secret[0] = 7;
        byte[] longCiphertext = Enumerable.Range(0, 80).Select(i => (byte)i).ToArray();
        byte[] shortCiphertext = longCiphertext[..20];
        Assert.Equal(32, SenderDataKeys.Sample(suite, longCiphertext).Length);
        Assert.Equal(20, SenderDataKeys.Sample(suite, shortCiphertext).Length);

        // Bytes after the first Nh do not change the pair; a shorter ciphertext is used whole (no padding).
        using AeadKeyNonce a = SenderDataKeys.Derive(suite, secret, longCiphertext);
        using AeadKeyNonce b = SenderDataKeys.Derive(suite, secret, longCiphertext.AsSpan(0, 32));
        using AeadKeyNonce c = SenderDataKeys.Derive(suite, secret, shortCiphertext);
        byte[] padded = new byte[32];
        shortCiphertext.CopyTo(padded, 0);
        using AeadKeyNonce d = SenderDataKeys.Derive(suite, secret, padded);
        Assert.True(a.Key.FixedTimeEquals(b.Key));
        Assert.True(a.Nonce.FixedTimeEquals(b.Nonce));
        Assert.False(c.Key.FixedTimeEquals(d.Key));
        Assert.Equal(16, a.Key.Length);
        Assert.Equal(12, a.Nonce.Length);
    }
}
