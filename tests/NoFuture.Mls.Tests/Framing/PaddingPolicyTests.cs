// RFC 9420 §6.3.1 padding chosen by MlsPaddingPolicy: exact padded lengths (Padmé values worked by hand from the PURBs
// formula), the ciphertext lengths Protect produces for each policy, that a receiver opens every policy's output, and
// that non-zero padding is refused.
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Framing;
using NoFuture.Mls.SecretTree;

namespace NoFuture.Mls.Tests.Framing;

public class PaddingPolicyTests
{
    [Theory]
    // L: E = floor(log2 L), S = floor(log2 E) + 1, lastBits = E - S -> padded.
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(7, 7)]        // E=2, S=2, lastBits 0
    [InlineData(8, 8)]        // E=3, S=2, lastBits 1
    [InlineData(9, 10)]
    [InlineData(10, 10)]
    [InlineData(11, 12)]
    [InlineData(12, 12)]
    [InlineData(13, 14)]
    [InlineData(14, 14)]
    [InlineData(15, 16)]
    [InlineData(16, 16)]      // E=4, S=3, lastBits 1
    [InlineData(17, 18)]
    [InlineData(1000, 1024)]  // E=9, S=4, lastBits 5: (1000 + 31) & ~31
    [InlineData(1025, 1088)]  // E=10, S=4, lastBits 6: (1025 + 63) & ~63 = 17 * 64
    [InlineData(1 << 20, 1 << 20)]
    [InlineData((1 << 20) + 1, (1 << 20) + (1 << 15))] // E=20, S=5, lastBits 15
    [InlineData(int.MaxValue - (1 << 25) + 1, int.MaxValue - (1 << 25) + 1)] // a multiple of 2^25 (E=30, lastBits 25)
    public void Padme_KnownValues(int length, int padded) => Assert.Equal(padded, MlsPaddingPolicy.Padme.PaddedLength(length));

    [Fact]
    public void Padme_OverheadIsBounded_AndOverflowIsACallerError()
    {
        for (int l = 2; l < 5000; l++)
        {
            int p = MlsPaddingPolicy.Padme.PaddedLength(l);
            Assert.InRange(p, l, l + l / 8 + 1); // at most about 12% (PURBs §4)
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => MlsPaddingPolicy.Padme.PaddedLength(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => MlsPaddingPolicy.Padme.PaddedLength(-1));
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(1, 77, 77)]
    [InlineData(16, 0, 0)]
    [InlineData(16, 1, 16)]
    [InlineData(16, 16, 16)]
    [InlineData(16, 17, 32)]
    [InlineData(100, 1000, 1000)]
    [InlineData(100, 1001, 1100)]
    [InlineData(MlsPaddingPolicy.MaxBlockSize, 1, MlsPaddingPolicy.MaxBlockSize)]
    public void FixedBlock_RoundsUpToTheBlock(int block, int length, int padded) =>
        Assert.Equal(padded, MlsPaddingPolicy.FixedBlock(block).PaddedLength(length));

    [Fact]
    public void FixedBlock_ValidatesTheBlockSize_AndIsOverflowSafe()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MlsPaddingPolicy.FixedBlock(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MlsPaddingPolicy.FixedBlock(-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MlsPaddingPolicy.FixedBlock(MlsPaddingPolicy.MaxBlockSize + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MlsPaddingPolicy.FixedBlock(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => MlsPaddingPolicy.FixedBlock(1000).PaddedLength(int.MaxValue - 10));
        Assert.Equal(int.MaxValue, MlsPaddingPolicy.FixedBlock(1).PaddedLength(int.MaxValue));
        Assert.Equal(1000, MlsPaddingPolicy.FixedBlock(1000).BlockSize);
        Assert.Equal(12345, MlsPaddingPolicy.None.PaddedLength(12345));
    }

    public static TheoryData<int> AppLengths => [0, 1, 9, 62, 63, 64, 100, 1000, 5000];

    [Theory]
    [MemberData(nameof(AppLengths))]
    public void Protect_PadsToThePolicy_AndTheReceiverOpensEveryPolicy(int appLength)
    {
        MessageProtectionVectors v = MessageProtectionVectors.Load().First(x => x.Suite.Id == 1); // Ed25519: 64-byte signatures
        using Secret senderDataSecret = v.SecretOf("sender_data_secret");
        using SigningKey key = v.SigningKey();
        SignaturePublicKey pub = v.SignaturePublicKey();
        byte[] app = Enumerable.Range(0, appLength).Select(i => (byte)(i * 7 + 1)).ToArray();
        var content = FramedContent.ForApplication(v.Context.GroupId, v.Context.Epoch, new Sender(SenderType.Member, 1), [], app);
        int unpadded = MlsWriter.OpaqueSize(appLength) + MlsWriter.OpaqueSize(64);
        int tag = v.Suite.Aead.TagSizeInBytes;
        foreach (MlsPaddingPolicy policy in new[] { MlsPaddingPolicy.None, MlsPaddingPolicy.Padme, MlsPaddingPolicy.FixedBlock(1),
                     MlsPaddingPolicy.FixedBlock(32), MlsPaddingPolicy.FixedBlock(1024) })
        {
            using var senderTree = new EpochSecretTree(v.Suite, 2, v.Hex("encryption_secret"));
            PrivateMessage message = PrivateMessageProtection.Protect(v.Suite, senderTree, senderDataSecret, key, content, null,
                v.Context, policy);
            Assert.Equal(policy.PaddedLength(unpadded) + tag, message.Ciphertext.Length);
            if (policy.ToString() is "None" or "FixedBlock(1)") Assert.Equal(unpadded + tag, message.Ciphertext.Length);

            using var receiverTree = new EpochSecretTree(v.Suite, 2, v.Hex("encryption_secret"));
            AuthenticatedContent back = PrivateMessageProtection.Unprotect(v.Suite, receiverTree, senderDataSecret, message, v.Context,
                _ => pub);
            using (back)
                Assert.Equal(app, back.ApplicationData?.Read(0, static (span, _) => span.ToArray()) ?? []);
        }
    }

    [Fact]
    public void NonZeroPadding_IsRefused()
    {
        var auth = new FramedContentAuthData(new byte[64], null);
        var inner = PrivateMessageContent.ForApplication([1, 2, 3], auth, 8);
        byte[] plaintext = new byte[inner.EncodedSize];
        var writer = new MlsWriter(plaintext);
        inner.Encode(ref writer);
        Assert.Equal(8, PrivateMessageContent.Decode(plaintext, ContentType.Application).PaddingLength);
        for (int i = plaintext.Length - 8; i < plaintext.Length; i++)
        {
            byte[] bad = (byte[])plaintext.Clone();
            bad[i] = 0x01;
            Assert.Equal(MlsError.InvalidValue,
                Assert.Throws<MlsException>(() => Decode(bad)).Error);
        }
    }

    private static void Decode(byte[] plaintext) => PrivateMessageContent.Decode(plaintext, ContentType.Application);
}
