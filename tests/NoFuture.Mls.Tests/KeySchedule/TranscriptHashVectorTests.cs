// Every entry of transcript-hashes.json (mlswg/mls-implementations @ cfd45028, test-vectors/transcript-hashes.json;
// provenance in shared/vectors/mls/SOURCES.md): RFC 9420 §8.2. From authenticated_content (an AuthenticatedContent
// of a commit), interim_transcript_hash_before and confirmation_key: confirmed_transcript_hash_after, the commit's
// confirmation_tag verifying under it, and interim_transcript_hash_after.
using System.Text.Json;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Framing;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Wire;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.KeySchedule;

public class TranscriptHashVectorTests
{
    private static byte[] Hex(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    [Fact]
    public void EveryEntry()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("mls/transcript-hashes.json")));
        int ran = 0;
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            MlsCipherSuite suite = MlsCipherSuite.FromId((ushort)entry.GetProperty("cipher_suite").GetInt32())!;
            UnverifiedAuthenticatedContent commit =
                MlsCodec.DecodeExact<UnverifiedAuthenticatedContent>(Hex(entry, "authenticated_content"), "authenticated_content");
            byte[] key = Hex(entry, "confirmation_key");

            byte[] confirmed = new byte[suite.Hash.HashSizeInBytes];
            TranscriptHashes.ComputeConfirmed(suite, Hex(entry, "interim_transcript_hash_before"), commit, confirmed);
            Assert.Equal(Hex(entry, "confirmed_transcript_hash_after"), confirmed);

            ReadOnlySpan<byte> tag = commit.Auth.ConfirmationTag;
            Assert.True(TranscriptHashes.VerifyConfirmationTag(suite, key, confirmed, tag), $"suite {suite.Id}");
            byte[] computedTag = new byte[suite.Kdf.HashSizeInBytes];
            TranscriptHashes.ComputeConfirmationTag(suite, key, confirmed, computedTag);
            Assert.Equal(tag.ToArray(), computedTag);
            using (Secret keySecret = Secret.CopyFrom(key))
                Assert.True(TranscriptHashes.VerifyConfirmationTag(suite, keySecret, confirmed, tag));

            byte[] interim = new byte[suite.Hash.HashSizeInBytes];
            TranscriptHashes.ComputeInterim(suite, confirmed, tag, interim);
            Assert.Equal(Hex(entry, "interim_transcript_hash_after"), interim);

            // Damage: any flipped bit of the tag, the key or the confirmed hash; a truncated or extended tag.
            byte[] badTag = tag.ToArray();
            badTag[^1] ^= 0x01;
            Assert.False(TranscriptHashes.VerifyConfirmationTag(suite, key, confirmed, badTag));
            badTag = tag.ToArray();
            badTag[0] ^= 0x80;
            Assert.False(TranscriptHashes.VerifyConfirmationTag(suite, key, confirmed, badTag));
            byte[] badKey = (byte[])key.Clone();
            badKey[3] ^= 0x10;
            Assert.False(TranscriptHashes.VerifyConfirmationTag(suite, badKey, confirmed, tag));
            byte[] badConfirmed = (byte[])confirmed.Clone();
            badConfirmed[^1] ^= 0x01;
            Assert.False(TranscriptHashes.VerifyConfirmationTag(suite, key, badConfirmed, tag));
            Assert.False(TranscriptHashes.VerifyConfirmationTag(suite, key, confirmed, tag[..^1]));
            Assert.False(TranscriptHashes.VerifyConfirmationTag(suite, key, confirmed, [.. tag, 0]));
            Assert.False(TranscriptHashes.VerifyConfirmationTag(suite, key, confirmed, []));
            ran++;
        }
        VectorCount.AllRan(ran, doc.RootElement.GetArrayLength(), "transcript-hashes.json");
    }

    [Fact]
    public void CallerMistakes_AreArgumentExceptions()
    {
        MlsCipherSuite suite = MlsCipherSuite.Mls128DhKemX25519Aes128GcmSha256Ed25519;
        Assert.Throws<ArgumentOutOfRangeException>(() => TranscriptHashes.ComputeInterim(suite, new byte[32], new byte[32], new byte[31]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TranscriptHashes.ComputeConfirmationTag(suite, new byte[32], new byte[32], new byte[64]));

        // Only a commit has a confirmed transcript hash (§8.2); an application message is the caller's mistake.
        var application = new UnverifiedAuthenticatedContent(
            WireFormat.PublicMessage,
            FramedContent.ForApplication([1], 0, new Sender(SenderType.Member, 0), [], [2]),
            new FramedContentAuthData([3], null));
        Assert.Throws<ArgumentOutOfRangeException>(() => TranscriptHashes.ComputeConfirmed(suite, [], application, new byte[32]));
    }
}
